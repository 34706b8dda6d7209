// Markdown for a pull request comment (GitHub / GitLab flavoured): a title, a table of counts,
// then the findings grouped by file, each hint folded in a <details>; for OpenAPI, a changelog
// grouped by endpoint.
#include <algorithm>
#include <cctype>
#include <map>
#include <ostream>

#include "report/report.h"

namespace driftcheck {

namespace {

// Text from a finding, as inline markdown. Messages quote names in `backticks`: those code spans
// are kept. Elsewhere, characters markdown would interpret (emphasis, links, HTML, tables, math)
// are backslash-escaped and line breaks become <br>, so a finding stays one list item whatever
// it contains.
std::string inline_markdown(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  auto run_length = [&](size_t i) {
    size_t n = 0;
    while (i + n < s.size() && s[i + n] == '`') ++n;
    return n;
  };
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '`') {
      size_t n = run_length(i);
      // A code span closes at the next run of exactly n backticks.
      size_t close = std::string_view::npos;
      for (size_t j = i + n; j < s.size();) {
        size_t m = run_length(j);
        if (m == 0) {
          ++j;
        } else if (m == n) {
          close = j;
          break;
        } else {
          j += m;
        }
      }
      if (close == std::string_view::npos) {
        for (size_t k = 0; k < n; ++k) out += "\\`";
        i += n;
        continue;
      }
      for (size_t k = i; k < close + n; ++k) out.push_back(s[k] == '\n' || s[k] == '\r' ? ' ' : s[k]);
      i = close + n;
      continue;
    }
    ++i;
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i < s.size() && s[i] == '\n') ++i;
      out += "<br>";
    } else if (std::string_view("\\*_[]<>&|~$").find(c) != std::string_view::npos) {
      out.push_back('\\');
      out.push_back(c);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// `text` as a code span, with a fence longer than any backtick run inside.
std::string code_span(std::string_view text) {
  size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(longest + 1, '`');
  bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  std::string body;
  for (char c : text) body.push_back(c == '\n' || c == '\r' ? ' ' : c);
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

// Rule ids are [A-Z0-9_]: written as they are (underscores inside a word are not emphasis).
std::string rule_markdown(std::string_view id) {
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return inline_markdown(id);
  return std::string(id);
}

}  // namespace

// OpenAPI findings read as a changelog: breaking, potentially breaking and other changes, each
// grouped by endpoint (a change to a shared definition is listed under every endpoint it
// affects), ready to paste into release notes.
void write_changelog(std::ostream& out, const Report& report) {
  struct Section {
    Severity severity;
    const char* title;
  };
  for (const Section& section : {Section{Severity::error, "Breaking changes"},
                                 Section{Severity::warning, "Potentially breaking changes"},
                                 Section{Severity::info, "Other changes"}}) {
    std::map<std::string, std::vector<const Finding*>> by_endpoint;  // sorted by path, then method
    auto key = [](const std::string& op) {
      size_t space = op.find(' ');
      return space == std::string::npos ? op : op.substr(space + 1) + '\t' + op.substr(0, space);
    };
    for (const Finding& f : report.findings) {
      if (f.severity != section.severity) continue;
      if (f.operation.empty()) by_endpoint["\x01"].push_back(&f);
      else if (f.operations.empty()) by_endpoint[key(f.operation)].push_back(&f);
      else
        for (const std::string& op : f.operations) by_endpoint[key(op)].push_back(&f);
    }
    if (by_endpoint.empty()) continue;
    out << "\n### " << section.title << "\n";
    for (const auto& [k, findings] : by_endpoint) {
      std::string title = "the whole API";
      if (k != "\x01") {
        size_t tab = k.find('\t');
        title = code_span(tab == std::string::npos ? k : k.substr(tab + 1) + " " + k.substr(0, tab));
      }
      out << "\n#### " << title << "\n\n";
      for (const Finding* f : findings) {
        out << "- " << inline_markdown(f->message) << " (" << rule_markdown(f->rule) << ")\n";
        if (!f->hint.empty()) out << "  <details><summary>hint</summary>\n\n  " << inline_markdown(f->hint) << "\n\n  </details>\n\n";
      }
    }
  }
}

void write_markdown(std::ostream& out, const Report& report) {
  out << "## driftcheck\n\n" << code_span(report.old_input) << " → " << code_span(report.new_input) << "\n\n";
  std::string hidden;
  if (report.hidden)
    hidden = "_" + std::to_string(report.hidden) + (report.hidden == 1 ? " finding" : " findings") +
             " below --min-level not shown._\n";
  if (report.findings.empty()) {
    out << "No breaking changes.\n";
    if (!hidden.empty()) out << '\n' << hidden;
    return;
  }

  SeverityCounts c = count_severities(report.findings);
  out << "| severity | findings |\n"
      << "|---|---:|\n"
      << "| error | " << c.error << " |\n"
      << "| warning | " << c.warning << " |\n"
      << "| info | " << c.info << " |\n";
  if (!hidden.empty()) out << '\n' << hidden;
  if (std::any_of(report.findings.begin(), report.findings.end(), [](const Finding& f) { return !f.operation.empty(); }))
    return write_changelog(out, report);

  // Groups in the findings' order (no-location findings first, as everywhere); a finding with no
  // location in the new contract (a deleted file or package) goes under its element path.
  std::vector<std::pair<std::string, std::vector<const Finding*>>> groups;
  std::map<std::string, size_t> index;
  for (const Finding& f : report.findings) {
    const std::string& key = f.location.has_file() ? f.location.file : f.path;
    auto [it, added] = index.emplace(key, groups.size());
    if (added) groups.push_back({key, {}});
    groups[it->second].second.push_back(&f);
  }
  for (const auto& [name, findings] : groups) {
    out << "\n### " << code_span(name) << "\n\n";
    for (const Finding* f : findings) {
      std::string where;
      if (f->location.has_file() && f->location.line > 0) where = "line " + std::to_string(f->location.line);
      if (f->severity != Severity::error) where += (where.empty() ? "" : ", ") + std::string(to_string(f->severity));
      out << "- **" << rule_markdown(f->rule) << "**" << (where.empty() ? "" : " (" + where + ")") << ": "
          << inline_markdown(f->message) << '\n';
      // The HTML block ends at a blank line, so blank lines around the hint keep it markdown and
      // let the next list item start.
      if (!f->hint.empty())
        out << "  <details><summary>hint</summary>\n\n  " << inline_markdown(f->hint) << "\n\n  </details>\n\n";
    }
  }
}

}  // namespace driftcheck
