// Compiler-style text: `file:line:col: severity: message [RULE]`, a hint line, then a summary.
#include <ostream>
#include <set>

#include "report/report.h"

namespace driftcheck {

namespace {

const char* colour_of(Severity s) {
  switch (s) {
    case Severity::error: return "\033[1;31m";
    case Severity::warning: return "\033[1;35m";
    case Severity::info: return "\033[1;36m";
  }
  return "";
}

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

SeverityCounts count_severities(const std::vector<Finding>& findings) {
  SeverityCounts c;
  for (const Finding& f : findings) {
    if (f.severity == Severity::error) ++c.error;
    else if (f.severity == Severity::warning) ++c.warning;
    else ++c.info;
  }
  return c;
}

std::string summary_line(const Report& report) {
  std::string line;
  SeverityCounts c = count_severities(report.findings);
  if (report.findings.empty()) {
    line = "driftcheck: no breaking changes";
  } else {
    line = "driftcheck: " + plural(c.error, "error") + ", " + plural(c.warning, "warning") + ", " +
           std::to_string(c.info) + " info";
  }
  if (report.hidden) line += " (" + std::to_string(report.hidden) + " below --min-level not shown)";
  if (report.in_baseline) line += " (" + std::to_string(report.in_baseline) + " recorded in the baseline not shown)";
  return line;
}

void write_text(std::ostream& out, const Report& report, bool color) {
  const char* bold = color ? "\033[1m" : "";
  const char* dim = color ? "\033[2m" : "";
  const char* reset = color ? "\033[0m" : "";
  std::set<std::pair<std::string_view, std::string_view>> hinted;  // a hint is worth reading once
  for (const Finding& f : report.findings) {
    out << bold;
    if (f.location.has_file())
      out << f.location.file << ':' << f.location.line << ':' << f.location.column;
    else
      out << report.new_input;
    out << ':' << reset << ' ' << (color ? colour_of(f.severity) : "") << to_string(f.severity) << ':'
        << reset << ' ' << headline(f) << ' ' << dim << '[' << f.rule << ']' << reset << '\n';
    if (!f.hint.empty() && hinted.emplace(f.rule, f.hint).second) out << "    hint: " << f.hint << '\n';
  }
  out << summary_line(report) << '\n';
}

}  // namespace driftcheck
