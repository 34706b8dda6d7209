#include "openapi/run.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "core/input_error.h"
#include "core/rule_docs.h"
#include "openapi/group.h"
#include "openapi/suppress.h"

namespace driftcheck::openapi {

namespace {

std::vector<std::string> string_list(const YAML::Node& node, const std::string& what, const std::filesystem::path& file) {
  std::vector<std::string> out;
  if (!node) return out;
  if (!node.IsSequence()) throw InputError(file.string() + ": `" + what + "` must be a list");
  for (const auto& item : node) out.push_back(item.as<std::string>());
  return out;
}

// Does `name` (a rule id or a category) cover the OpenAPI rule `doc`?
bool names(const std::string& name, const RuleDoc& doc) {
  return name == doc.id || std::find(doc.categories.begin(), doc.categories.end(), name) != doc.categories.end();
}

bool known(const std::string& name) {
  for (const RuleDoc& d : rule_docs())
    if (d.domain == "openapi" && names(name, d)) return true;
  return false;
}

}  // namespace

OpenApiConfig load_openapi_config(const std::filesystem::path& file) {
  OpenApiConfig c;
  if (file.empty() || file.filename() == "buf.yaml") return c;
  try {
    YAML::Node doc = YAML::LoadFile(file.string());
    YAML::Node section = doc.IsMap() ? doc["openapi"] : YAML::Node();
    if (!section) return c;
    if (!section.IsMap()) throw InputError(file.string() + ": `openapi` must be a mapping");
    c.use = string_list(section["use"], "openapi.use", file);
    c.except = string_list(section["except"], "openapi.except", file);
    if (const auto& days = section["deprecation_days"]) {
      if (!days.IsMap()) throw InputError(file.string() + ": `openapi.deprecation_days` must be a mapping of beta/stable to days");
      if (days["beta"]) c.checks.deprecation_days_beta = days["beta"].as<int>();
      if (days["stable"]) c.checks.deprecation_days_stable = days["stable"].as<int>();
    }
  } catch (const YAML::BadFile&) {
    throw InputError(file.string() + ": cannot read configuration file");
  } catch (const YAML::Exception& e) {
    throw InputError(file.string() + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                     ": invalid configuration: " + e.msg);
  }
  validate_selection(c);
  return c;
}

void validate_selection(const OpenApiConfig& config) {
  for (const auto* list : {&config.use, &config.except})
    for (const std::string& name : *list)
      if (!known(name))
        throw InputError("no OpenAPI rule or category `" + name + "` (see `driftcheck rules --domain openapi`)");
}

std::vector<Finding> run_configured(const Spec& old_spec, const Spec& new_spec, const OpenApiConfig& config) {
  std::vector<Finding> findings = run_openapi_checks(old_spec, new_spec, config.checks);
  auto selected = [&](const Finding& f) {
    const RuleDoc* doc = find_rule_doc(f.rule);
    if (!doc) return true;
    auto hit = [&](const std::vector<std::string>& list) {
      return std::any_of(list.begin(), list.end(), [&](const std::string& n) { return names(n, *doc); });
    };
    return (config.use.empty() || hit(config.use)) && !hit(config.except);
  };
  std::erase_if(findings, [&](const Finding& f) { return !selected(f); });
  apply_inline_suppressions(new_spec, findings);
  group_by_definition(findings);
  return findings;
}

}  // namespace driftcheck::openapi
