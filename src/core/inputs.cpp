#include "core/inputs.h"

#include "core/config_file.h"
#include "core/input_error.h"

namespace driftcheck {

namespace fs = std::filesystem;

namespace {

std::string relative_folder(const fs::path& dir, const fs::path& repo_root) {
  std::string rel = fs::weakly_canonical(dir).lexically_relative(fs::weakly_canonical(repo_root)).generic_string();
  return rel == "." ? "" : rel;
}

InputsConfig read_inputs(const fs::path& config_file, const fs::path& repo_root);

// The repository's configuration comes with the pull request under review: the folders and files
// it names stay inside the repository (the command line's -I and --compile-commands are not
// limited).
void require_inside(const std::vector<std::string>& paths, const char* key, const fs::path& config_file) {
  for (const std::string& p : paths) {
    fs::path normal = fs::path(p).lexically_normal();
    if (normal.is_absolute() || (!normal.empty() && *normal.begin() == ".."))
      throw InputError(config_file.string() + ": `" + key + "` entry " + p +
                       " leaves the repository; name a path inside it (or pass it on the command line)");
  }
}

}  // namespace

// A wrongly shaped section (`inputs: 5`, `path: {a: 1}`) is the file's error, said in one line.
InputsConfig load_inputs(const fs::path& config_file, const fs::path& repo_root) {
  try {
    return read_inputs(config_file, repo_root);
  } catch (const YAML::Exception& e) {
    std::string at = e.mark.is_null() ? "" : ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
    throw InputError(config_file.string() + at + ": invalid `inputs` (or `modules`) section: " + e.msg);
  }
}

namespace {

InputsConfig read_inputs(const fs::path& config_file, const fs::path& repo_root) {
  InputsConfig out;
  if (config_file.empty()) return out;
  YAML::Node doc = load_config_yaml(config_file);
  fs::path folder = config_file.parent_path();
  if (config_file.filename() == "buf.yaml") {
    // buf's module layout: v2 lists module folders, v1 is one module rooted at buf.yaml's folder.
    if (doc["modules"] && doc["modules"].IsSequence()) {
      for (const auto& m : doc["modules"])
        if (m["path"]) out.proto.roots.push_back(relative_folder(folder / m["path"].as<std::string>(), repo_root));
      require_inside(out.proto.roots, "modules.path", config_file);
    }
    if (out.proto.roots.empty()) out.proto.roots.push_back(relative_folder(folder, repo_root));
    return out;
  }
  if (const auto& proto = doc["inputs"]["proto"]) {
    if (proto["paths"]) out.proto.paths = config_strings(proto["paths"], "inputs.proto.paths", config_file);
    out.proto.roots = config_strings(proto["roots"], "inputs.proto.roots", config_file);
    out.proto.includes = config_strings(proto["includes"], "inputs.proto.includes", config_file);
    require_inside(out.proto.roots, "inputs.proto.roots", config_file);
    require_inside(out.proto.includes, "inputs.proto.includes", config_file);
  }
  if (const auto& openapi = doc["inputs"]["openapi"])
    out.openapi.paths = config_strings(openapi["paths"], "inputs.openapi.paths", config_file);
  if (const auto& cpp = doc["inputs"]["cpp"]) {
    out.cpp.paths = config_strings(cpp["paths"], "inputs.cpp.paths", config_file);
    out.cpp.exclude = config_strings(cpp["exclude"], "inputs.cpp.exclude", config_file);
    out.cpp.flags = config_strings(cpp["flags"], "inputs.cpp.flags", config_file);
    if (cpp["compile_commands"]) {
      if (!cpp["compile_commands"].IsScalar())
        throw InputError(config_file.string() + ": `inputs.cpp.compile_commands` must be a path");
      out.cpp.compile_commands = cpp["compile_commands"].Scalar();
      require_inside({out.cpp.compile_commands}, "inputs.cpp.compile_commands", config_file);
    }
    out.cpp.present = true;
  }
  return out;
}

}  // namespace

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
