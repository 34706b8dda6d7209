// Inline suppression for OpenAPI documents, with an `x-driftcheck-ignore` extension; see
// suppress.cpp for the forms it takes.
#pragma once

#include <vector>

#include "core/finding.h"
#include "openapi/spec.h"

namespace driftcheck::openapi {

// Drops the findings silenced in `new_spec` and adds an unused-suppression finding for every
// entry that silenced nothing.
void apply_inline_suppressions(const Spec& new_spec, std::vector<Finding>& findings);

}  // namespace driftcheck::openapi
