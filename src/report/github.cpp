// GitHub Actions workflow commands: each finding becomes an annotation on the pull request's
// diff (`::error file=...,line=...::message`), then a plain summary line for the log.
#include <ostream>

#include "report/report.h"

namespace driftcheck {

namespace {

const char* command_of(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "notice";
  }
  return "error";
}

// The runner's escaping (actions/toolkit, command.ts): data escapes %, CR and LF; property
// values also escape the `:` and `,` that delimit them.
std::string escape_data(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out.push_back(c);
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out.push_back(c);
  }
  return out;
}

}  // namespace

void write_github(std::ostream& out, const Report& report) {
  for (const Finding& f : report.findings) {
    std::string props;
    auto prop = [&props](std::string_view key, std::string_view value) {
      if (!props.empty()) props += ',';
      props.append(key).append("=").append(escape_property(value));
    };
    const Location& l = f.location;
    if (l.has_file()) {
      prop("file", l.file);
      if (l.line > 0) {
        prop("line", std::to_string(l.line));
        // GitHub takes columns only on a one-line span; its endColumn is inclusive, ours exclusive.
        if (l.end_line > l.line) {
          prop("endLine", std::to_string(l.end_line));
        } else if (l.column > 0) {
          prop("col", std::to_string(l.column));
          if (l.end_line == l.line && l.end_column > l.column) {
            prop("endLine", std::to_string(l.end_line));
            prop("endColumn", std::to_string(l.end_column - 1));
          }
        }
      }
    }
    prop("title", f.rule);
    std::string message = headline(f);
    if (!f.hint.empty()) message += "\nhint: " + f.hint;
    out << "::" << command_of(f.severity) << ' ' << props << "::" << escape_data(message) << '\n';
  }
  out << summary_line(report) << '\n';
}

}  // namespace driftcheck
