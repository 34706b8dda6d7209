// Inline suppression on the new side: a comment `// driftcheck:ignore RULE_ID reason` attached
// to an element (leading or trailing) silences that rule for findings located inside the
// element. Several ids may be given comma-separated. A suppression that silenced nothing is
// reported as an info finding, so stale ones get cleaned up.
#pragma once

#include <vector>

#include "core/finding.h"
#include "proto/model.h"

namespace driftcheck::proto {

void apply_inline_suppressions(const Image& new_image, std::vector<Finding>& findings);

}  // namespace driftcheck::proto
