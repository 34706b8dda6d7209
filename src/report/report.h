// Report writers: one file per format. A writer only formats; filtering and exit codes are the
// CLI's business.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace driftcheck {

struct Report {
  std::string old_input;
  std::string new_input;
  std::vector<Finding> findings;  // already filtered by --min-level and sorted
  size_t hidden = 0;              // findings below --min-level
  size_t in_baseline = 0;         // findings left out because --baseline records them
  std::vector<std::string> files; // the contract files checked (new side, as shown in findings)
};

struct SeverityCounts {
  size_t error = 0, warning = 0, info = 0;
};
SeverityCounts count_severities(const std::vector<Finding>& findings);

// The last line of the text report, without the newline: `driftcheck: 2 errors, 0 warnings, 0
// info` or `driftcheck: no breaking changes`, plus the count hidden by --min-level.
std::string summary_line(const Report& report);

// fingerprint() of each finding, in order, made unique within the report: the n-th repeat of a
// fingerprint (n >= 1) is rehashed with n, so tools that key on it (GitLab) see every finding.
std::vector<std::string> unique_fingerprints(const std::vector<Finding>& findings);

void write_text(std::ostream& out, const Report& report, bool color);
void write_json(std::ostream& out, const Report& report);
void write_sarif(std::ostream& out, const Report& report);     // SARIF 2.1.0
void write_junit(std::ostream& out, const Report& report);     // JUnit XML, a testcase per file
void write_github(std::ostream& out, const Report& report);    // GitHub Actions workflow commands
void write_gitlab(std::ostream& out, const Report& report);    // GitLab Code Quality JSON
void write_markdown(std::ostream& out, const Report& report);  // a pull request comment

// The formats write_report knows, in the order --help lists them; "text" first.
const std::vector<std::string>& report_formats();
// Writes `report` in `format`; `color` only affects text. Throws std::invalid_argument on a
// format not in report_formats().
void write_report(std::ostream& out, std::string_view format, const Report& report, bool color);
// Same, into a file (created or truncated). Throws InputError("cannot write FILE: reason") when the
// file cannot be opened or written.
void write_report_file(const std::string& path, std::string_view format, const Report& report, bool color);

}  // namespace driftcheck
