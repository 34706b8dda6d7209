#include "core/inputs.h"

#include <yaml-cpp/yaml.h>

#include "core/input_error.h"

namespace driftcheck {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> strings(const YAML::Node& node, const std::string& what, const fs::path& file) {
  std::vector<std::string> out;
  if (!node) return out;
  if (!node.IsSequence()) throw InputError(file.string() + ": `" + what + "` must be a list");
  for (const auto& item : node) out.push_back(item.as<std::string>());
  return out;
}

std::string relative_folder(const fs::path& dir, const fs::path& repo_root) {
  std::string rel = fs::weakly_canonical(dir).lexically_relative(fs::weakly_canonical(repo_root)).generic_string();
  return rel == "." ? "" : rel;
}

}  // namespace

InputsConfig load_inputs(const fs::path& config_file, const fs::path& repo_root) {
  InputsConfig out;
  if (config_file.empty()) return out;
  YAML::Node doc;
  try {
    doc = YAML::LoadFile(config_file.string());
  } catch (const YAML::Exception& e) {
    throw InputError(config_file.string() + ": invalid configuration: " + e.msg);
  }
  fs::path folder = config_file.parent_path();
  if (config_file.filename() == "buf.yaml") {
    // buf's module layout: v2 lists module folders, v1 is one module rooted at buf.yaml's folder.
    if (doc["modules"] && doc["modules"].IsSequence()) {
      for (const auto& m : doc["modules"])
        if (m["path"]) out.proto.roots.push_back(relative_folder(folder / m["path"].as<std::string>(), repo_root));
    }
    if (out.proto.roots.empty()) out.proto.roots.push_back(relative_folder(folder, repo_root));
    return out;
  }
  if (const auto& proto = doc["inputs"]["proto"]) {
    if (proto["paths"]) out.proto.paths = strings(proto["paths"], "inputs.proto.paths", config_file);
    out.proto.roots = strings(proto["roots"], "inputs.proto.roots", config_file);
    out.proto.includes = strings(proto["includes"], "inputs.proto.includes", config_file);
  }
  if (const auto& openapi = doc["inputs"]["openapi"])
    out.openapi.paths = strings(openapi["paths"], "inputs.openapi.paths", config_file);
  return out;
}

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return path.empty();
  if (pattern.substr(0, 3) == "**/") {
    // Zero or more whole folders.
    for (size_t i = 0;; ) {
      if (glob_match(pattern.substr(3), path.substr(i))) return true;
      size_t slash = path.find('/', i);
      if (slash == std::string_view::npos) return false;
      i = slash + 1;
    }
  }
  if (pattern.substr(0, 2) == "**") {
    for (size_t i = 0; i <= path.size(); ++i)
      if (glob_match(pattern.substr(2), path.substr(i))) return true;
    return false;
  }
  if (pattern[0] == '*') {
    for (size_t i = 0; i <= path.size(); ++i) {
      if (glob_match(pattern.substr(1), path.substr(i))) return true;
      if (i < path.size() && path[i] == '/') return false;
    }
    return false;
  }
  if (path.empty()) return false;
  if (pattern[0] == '?' ? path[0] != '/' : pattern[0] == path[0]) return glob_match(pattern.substr(1), path.substr(1));
  return false;
}

}  // namespace driftcheck
