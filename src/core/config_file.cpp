#include "core/config_file.h"

#include "core/input_error.h"

namespace driftcheck {

namespace fs = std::filesystem;

namespace {

std::string where(const fs::path& file, const YAML::Mark& mark) {
  if (mark.is_null()) return file.string();
  return file.string() + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

}  // namespace

YAML::Node load_config_yaml(const fs::path& file) {
  try {
    return YAML::LoadFile(file.string());
  } catch (const YAML::BadFile&) {
    throw InputError(file.string() + ": cannot read configuration file");
  } catch (const YAML::Exception& e) {
    throw InputError(where(file, e.mark) + ": invalid configuration: " + e.msg);
  }
}

std::vector<std::string> config_strings(const YAML::Node& node, const std::string& what, const fs::path& file) {
  std::vector<std::string> out;
  if (!node) return out;
  if (!node.IsSequence()) throw InputError(where(file, node.Mark()) + ": `" + what + "` must be a list");
  for (const auto& item : node) {
    if (!item.IsScalar()) throw InputError(where(file, item.Mark()) + ": `" + what + "` must be a list of strings");
    out.push_back(item.Scalar());
  }
  return out;
}

RuleSelection config_rule_selection(const YAML::Node& doc, const std::string& section, std::string_view domain,
                                    const fs::path& file) {
  RuleSelection s;
  YAML::Node node = doc.IsMap() ? doc[section] : YAML::Node();
  if (!node) return s;
  if (!node.IsMap()) throw InputError(where(file, node.Mark()) + ": `" + section + "` must be a mapping");
  s.use = config_strings(node["use"], section + ".use", file);
  s.except = config_strings(node["except"], section + ".except", file);
  try {
    s.validate(domain);
  } catch (const InputError& e) {
    throw InputError(file.string() + ": " + e.what());
  }
  return s;
}

}  // namespace driftcheck
