#include "proto/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <cctype>
#include <set>

#include "core/config_file.h"
#include "core/input_error.h"
#include "proto/suppress.h"

namespace driftcheck::proto {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> string_list(const YAML::Node& node, const std::string& what, const fs::path& file) {
  std::vector<std::string> out;
  if (!node) return out;
  if (!node.IsSequence()) throw InputError(file.string() + ": `" + what + "` must be a list");
  for (const auto& item : node) out.push_back(item.as<std::string>());
  return out;
}

std::string normalize(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path.rfind("./", 0) == 0) path.erase(0, 2);
  return path;
}

// `chain`: the configuration files being read, outermost first (policies include others).
BreakingConfig load_chained(const fs::path& file, std::vector<fs::path>& chain);

BreakingConfig parse_breaking(const YAML::Node& doc, const fs::path& file, std::vector<fs::path>& chain) {
  BreakingConfig c;
  c.file = file.string();
  if (doc["version"]) c.version = doc["version"].as<std::string>();
  else if (file.filename() == "buf.yaml") c.version = "v1beta1";  // buf's rule for a versionless buf.yaml
  if (c.version != "v1beta1" && c.version != "v1" && c.version != "v2")
    throw InputError(file.string() + ": unknown version '" + c.version + "' (expected v1beta1, v1 or v2)");
  // A missing key gives an invalid node that must not be assigned to: keep the section apart.
  std::optional<YAML::Node> section;
  if (doc["breaking"]) section.emplace(doc["breaking"]);
  // v2 modules may carry their own breaking section; driftcheck checks one module per run.
  if (c.version == "v2" && doc["modules"] && doc["modules"].IsSequence())
    for (const auto& module : doc["modules"])
      if (module["breaking"]) section.emplace(module["breaking"]);  // a new handle, not an assignment into the old node
  if (section) {
    const YAML::Node& breaking = *section;
    if (!breaking.IsMap()) throw InputError(file.string() + ": `breaking` must be a mapping");
    c.use = string_list(breaking["use"], "breaking.use", file);
    c.except = string_list(breaking["except"], "breaking.except", file);
    for (auto& p : string_list(breaking["ignore"], "breaking.ignore", file)) c.ignore.push_back(normalize(p));
    if (const auto& only = breaking["ignore_only"]) {
      if (!only.IsMap()) throw InputError(file.string() + ": `breaking.ignore_only` must be a mapping");
      for (const auto& kv : only)
        for (auto& p : string_list(kv.second, "breaking.ignore_only." + kv.first.as<std::string>(), file))
          c.ignore_only[kv.first.as<std::string>()].push_back(normalize(p));
    }
    if (breaking["ignore_unstable_packages"]) c.ignore_unstable_packages = breaking["ignore_unstable_packages"].as<bool>();
    if (breaking["disable_builtin"]) c.disable_builtin = breaking["disable_builtin"].as<bool>();
  }
  if (c.version == "v1beta1" && doc["build"] && doc["build"]["roots"]) {
    auto roots = string_list(doc["build"]["roots"], "build.roots", file);
    if (roots.size() == 1) c.root_prefix = normalize(roots.front()) + "/";
  }
  if (doc["policies"]) {
    for (const auto& p : doc["policies"]) {
      if (!p["policy"]) continue;
      fs::path policy = file.parent_path() / p["policy"].as<std::string>();
      c.policies.push_back(load_chained(policy, chain));
    }
  }
  return c;
}

// buf matches ignore paths by whole path components: "a/c" covers "a/c/x.proto", not "a/cd.proto".
bool under(std::string_view file, const std::string& dir) {
  if (file == dir) return true;
  return file.size() > dir.size() && file.substr(0, dir.size()) == dir && file[dir.size()] == '/';
}

// A file that includes itself, directly or through others, is refused: policies would recurse
// forever.
BreakingConfig load_chained(const fs::path& file, std::vector<fs::path>& chain) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(file, ec);
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end())
    throw InputError(file.string() + ": `policies` includes this file again (a cycle of policies)");
  chain.push_back(canonical);
  try {
    YAML::Node doc = YAML::Load(config_text(file));
    if (!doc.IsMap()) throw InputError(file.string() + ": expected a YAML mapping at the top level");
    BreakingConfig c = parse_breaking(doc, file, chain);
    chain.pop_back();
    return c;
  } catch (const YAML::BadFile&) {
    throw InputError(file.string() + ": cannot read configuration file");
  } catch (const YAML::Exception& e) {
    throw InputError(file.string() + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                     ": invalid configuration: " + e.msg);
  }
}

}  // namespace

BreakingConfig load_breaking_config(const fs::path& file) {
  std::vector<fs::path> chain;
  return load_chained(file, chain);
}

std::optional<fs::path> find_config(const fs::path& start) {
  std::vector<fs::path> dirs{start};
  std::error_code ec;
  for (fs::path d = fs::absolute(start, ec); !d.empty(); d = d.parent_path()) {
    if (fs::exists(d / ".git", ec)) {
      dirs.push_back(d);
      break;
    }
    if (d == d.parent_path()) break;
  }
  for (const char* name : {"driftcheck.yaml", "buf.yaml"})
    for (const fs::path& d : dirs)
      if (fs::is_regular_file(d / name, ec)) return d / name;
  return std::nullopt;
}

bool is_unstable_package(std::string_view package) {
  size_t dot = package.rfind('.');
  if (dot == std::string_view::npos) return false;  // single-component packages are never unstable
  std::string last(package.substr(dot + 1));
  if (last.find("alpha") != std::string::npos && last.find("beta") != std::string::npos) return false;
  // v1test..., or v1(p2)?(alpha|beta)(3)?, read by hand (a regex recurses per character).
  size_t i = 0;
  auto number = [&] {  // [1-9][0-9]*
    if (i >= last.size() || last[i] < '1' || last[i] > '9') return false;
    while (i < last.size() && std::isdigit(static_cast<unsigned char>(last[i]))) ++i;
    return true;
  };
  auto take = [&](std::string_view word) {
    if (last.compare(i, word.size(), word) != 0) return false;
    i += word.size();
    return true;
  };
  if (!take("v") || !number()) return false;
  if (take("test")) return true;
  if (take("p") && !number()) return false;
  if (!take("alpha") && !take("beta")) return false;
  if (i < last.size() && !number()) return false;
  return i == last.size();
}

std::vector<Finding> run_configured(const Image& old_image, const Image& new_image, const BreakingConfig& config,
                                    std::vector<std::string>* warnings) {
  std::vector<Finding> findings;
  if (!config.disable_builtin) {
    findings = run_checks(old_image, new_image, select_rules(config.selection(), warnings));
  }
  for (const BreakingConfig& policy : config.policies) {
    auto more = run_configured(old_image, new_image, policy, warnings);
    findings.insert(findings.end(), more.begin(), more.end());
  }

  // Ignores, by file: a finding goes when its new file or its old element's file is ignored.
  std::map<std::string, std::vector<std::string>> only;  // rule id -> paths
  for (const auto& [key, paths] : config.ignore_only) {
    Selection s{{key}, {}, config.version};
    for (const std::string& id : select_rules(s)) only[id].insert(only[id].end(), paths.begin(), paths.end());
  }
  std::unordered_map<std::string_view, const File*> by_display;
  for (const File& f : new_image.files) by_display.emplace(f.display_name, &f);
  std::unordered_map<std::string_view, const File*> old_by_display;
  for (const File& f : old_image.files) old_by_display.emplace(f.display_name, &f);
  auto ignored_file = [&](const File* f, const std::string& rule) {
    if (!f) return false;
    for (const std::string& p : config.ignore)
      if (under(f->name, p)) return true;
    if (auto it = only.find(rule); it != only.end())
      for (const std::string& p : it->second)
        if (under(f->name, p)) return true;
    return config.ignore_unstable_packages && is_unstable_package(f->package());
  };
  auto lookup = [](const auto& map, const std::string& name) -> const File* {
    auto it = map.find(name);
    return it == map.end() ? nullptr : it->second;
  };
  std::erase_if(findings, [&](const Finding& f) {
    const File* now = f.location.has_file() ? lookup(by_display, f.location.file) : nullptr;
    const File* before = f.old_location ? lookup(old_by_display, f.old_location->file) : nullptr;
    return ignored_file(now, f.rule) || ignored_file(before, f.rule);
  });
  apply_inline_suppressions(new_image, findings);
  if (!config.root_prefix.empty())
    for (Finding& f : findings)
      if (f.location.has_file() && lookup(by_display, f.location.file))
        f.location.file = config.root_prefix + f.location.file;
  sort_and_dedupe(findings);
  return findings;
}

}  // namespace driftcheck::proto
