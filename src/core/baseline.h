// Baselines, for adopting driftcheck on a project that already has breaking changes against its
// reference: `--write-baseline FILE` records today's findings, `--baseline FILE` reports only
// the others. A finding matches a recorded one when rule, domain, element path and message are
// equal; line numbers play no part, so unrelated edits do not resurface recorded findings.
// Each recorded finding absorbs one current finding (several identical ones need as many records).
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"

namespace driftcheck {

// Throws InputError when the file cannot be written.
void write_baseline(const std::string& file, const std::vector<Finding>& findings);

// Removes the findings the baseline records; returns how many. Throws InputError when the file
// cannot be read or is not a driftcheck baseline.
size_t apply_baseline(const std::string& file, std::vector<Finding>& findings);

}  // namespace driftcheck
