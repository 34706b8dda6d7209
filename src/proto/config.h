// Configuration of the protobuf checks, compatible with buf: the `breaking:` section of
// driftcheck.yaml or of an existing buf.yaml (v1beta1, v1, v2), so a buf user switches with
// no edits. See README "Configuration".
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "proto/model.h"
#include "proto/registry.h"

namespace driftcheck::proto {

struct BreakingConfig {
  std::string file;                 // where it was read from ("" = built-in defaults)
  std::string version = "v2";       // buf config version
  std::vector<std::string> use, except;
  std::vector<std::string> ignore;  // file or folder paths, relative to the module root
  std::map<std::string, std::vector<std::string>> ignore_only;  // id or category -> paths
  bool ignore_unstable_packages = false;
  bool disable_builtin = false;
  std::vector<BreakingConfig> policies;  // buf v2 `policies:`, each run on its own
  std::string root_prefix;          // v1beta1 `build.roots` (one root): shown before file names

  Selection selection() const { return {use, except, version}; }
};

// Reads a driftcheck.yaml or buf.yaml. Throws InputError on unreadable or malformed YAML.
BreakingConfig load_breaking_config(const std::filesystem::path& file);

// driftcheck.yaml, then buf.yaml, in `start` and then at the root of its git work tree.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

// True for packages buf calls unstable: last component v1alpha, v2beta3, v1test, v1p1beta1...
bool is_unstable_package(std::string_view package);

// Runs the configured rules (and policies) and drops ignored findings, as buf does.
std::vector<Finding> run_configured(const Image& old_image, const Image& new_image, const BreakingConfig& config,
                                    std::vector<std::string>* warnings = nullptr);

}  // namespace driftcheck::proto
