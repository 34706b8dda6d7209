// The OpenAPI pipeline as the command runs it: the checks, then the rule selection and the
// deprecation policy of the configuration, inline suppressions, and one finding per change to a
// shared definition. The `openapi:` section of driftcheck.yaml:
//
//   openapi:
//     use: [request-body, api-removed-without-deprecation]  # rule ids or categories (default: all)
//     except: [response-optional-property-removed]          # rule ids or categories to leave out
//     deprecation_days: {beta: 31, stable: 180}             # minimum days from deprecation to sunset
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/rule_docs.h"
#include "openapi/check.h"
#include "openapi/spec.h"

namespace driftcheck::openapi {

struct OpenApiConfig : RuleSelection {  // use/except: rule ids or categories of rules/openapi
  CheckOptions checks;
};

// Reads the `openapi:` section (defaults when absent). Throws InputError.
OpenApiConfig load_openapi_config(const std::filesystem::path& file);

std::vector<Finding> run_configured(const Spec& old_spec, const Spec& new_spec, const OpenApiConfig& config);

}  // namespace driftcheck::openapi
