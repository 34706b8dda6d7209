// Findings as people want to read them: a change to a definition shared by many operations (a
// component schema, a shared parameter) is reported by the checks once per operation, all at
// the same place in the document. It becomes one finding listing the operations it affects.
#pragma once

#include <vector>

#include "core/finding.h"

namespace driftcheck::openapi {

// Merges findings that differ only in their operation; the result is sorted.
void group_by_definition(std::vector<Finding>& findings);

}  // namespace driftcheck::openapi
