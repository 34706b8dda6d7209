// GitLab Code Quality: a JSON array of Code Climate issues, which GitLab shows in the merge
// request widget and the diff. Severity: error -> critical, warning -> major, info -> info.
#include <nlohmann/json.hpp>

#include <ostream>

#include "report/report.h"

namespace driftcheck {

namespace {

const char* gitlab_severity(Severity s) {
  switch (s) {
    case Severity::error: return "critical";
    case Severity::warning: return "major";
    case Severity::info: return "info";
  }
  return "critical";
}

}  // namespace

void write_gitlab(std::ostream& out, const Report& report) {
  std::vector<std::string> fingerprints = unique_fingerprints(report.findings);
  nlohmann::ordered_json issues = nlohmann::ordered_json::array();
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& f = report.findings[i];
    const Location& l = f.location;
    // A finding with no location in the new contract (a deleted file or package) is placed
    // under its element path, as in the JUnit report.
    int begin = l.has_file() && l.line > 0 ? l.line : 1;
    int end = l.has_file() && l.end_line >= begin ? l.end_line : begin;
    nlohmann::ordered_json issue = {
        {"type", "issue"},
        {"check_name", f.rule},
        {"description", headline(f)},
        {"categories", {"Compatibility"}},
        {"severity", gitlab_severity(f.severity)},
        {"fingerprint", fingerprints[i]},
        {"location", {{"path", l.has_file() ? l.file : f.path}, {"lines", {{"begin", begin}, {"end", end}}}}},
    };
    if (!f.hint.empty()) issue["content"] = {{"body", "hint: " + f.hint}};
    issues.push_back(std::move(issue));
  }
  out << issues.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace driftcheck
