#include "core/config_file.h"

#include <fstream>
#include <map>
#include <vector>

#include "core/input_error.h"

namespace driftcheck {

namespace fs = std::filesystem;

namespace {

std::string where(const fs::path& file, const YAML::Mark& mark) {
  if (mark.is_null()) return file.string();
  return file.string() + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

}  // namespace

// The configuration's text, read once: every section reader asks for it, and a pipe
// (`--config <(...)`) can be read only once.
const std::string& config_text(const fs::path& file) {
  static std::map<std::string, std::string> read;
  if (auto it = read.find(file.string()); it != read.end()) return it->second;
  constexpr std::streamsize kMaxBytes = 16 << 20;  // no configuration is this long; /dev/zero is endless
  std::ifstream in(file, std::ios::binary);
  std::error_code ec;
  if (!in || fs::is_directory(file, ec)) throw InputError(file.string() + ": cannot read configuration file");
  std::string text;
  std::vector<char> buffer(1 << 16);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    text.append(buffer.data(), static_cast<size_t>(in.gcount()));
    if (static_cast<std::streamsize>(text.size()) > kMaxBytes)
      throw InputError(file.string() + ": configuration file larger than 16 MiB");
  }
  return read.emplace(file.string(), std::move(text)).first->second;
}

YAML::Node load_config_yaml(const fs::path& file) {
  const std::string& text = config_text(file);
  try {
    return YAML::Load(text);
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
