#include "openapi/run.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "core/config_file.h"
#include "core/input_error.h"
#include "core/rule_docs.h"
#include "openapi/group.h"
#include "openapi/suppress.h"

namespace driftcheck::openapi {

OpenApiConfig load_openapi_config(const std::filesystem::path& file) {
  OpenApiConfig c;
  if (file.empty() || file.filename() == "buf.yaml") return c;
  YAML::Node doc = load_config_yaml(file);
  static_cast<RuleSelection&>(c) = config_rule_selection(doc, "openapi", "openapi", file);
  YAML::Node days = doc.IsMap() ? doc["openapi"]["deprecation_days"] : YAML::Node();
  if (!days) return c;
  if (!days.IsMap()) throw InputError(file.string() + ": `openapi.deprecation_days` must be a mapping of beta/stable to days");
  try {
    if (days["beta"]) c.checks.deprecation_days_beta = days["beta"].as<int>();
    if (days["stable"]) c.checks.deprecation_days_stable = days["stable"].as<int>();
  } catch (const YAML::Exception& e) {
    throw InputError(file.string() + ":" + std::to_string(e.mark.line + 1) + ": `openapi.deprecation_days` must be whole days");
  }
  return c;
}

std::vector<Finding> run_configured(const Spec& old_spec, const Spec& new_spec, const OpenApiConfig& config) {
  std::vector<Finding> findings = run_openapi_checks(old_spec, new_spec, config.checks);
  std::erase_if(findings, [&](const Finding& f) {
    const RuleDoc* doc = find_rule_doc(f.rule);
    return doc && !config.selects(*doc);
  });
  apply_inline_suppressions(new_spec, findings);
  group_by_definition(findings);
  return findings;
}

}  // namespace driftcheck::openapi
