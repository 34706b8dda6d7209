// Report writers: one file per format. A writer only formats; filtering and exit codes are the
// CLI's business.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/finding.h"

namespace driftcheck {

struct Report {
  std::string old_input;
  std::string new_input;
  std::vector<Finding> findings;  // already filtered by --min-level and sorted
  size_t hidden = 0;              // findings below --min-level
  std::vector<std::string> files; // the contract files checked (new side, as shown in findings)
};

struct SeverityCounts {
  size_t error = 0, warning = 0, info = 0;
};
SeverityCounts count_severities(const std::vector<Finding>& findings);

void write_text(std::ostream& out, const Report& report, bool color);
void write_json(std::ostream& out, const Report& report);

}  // namespace driftcheck
