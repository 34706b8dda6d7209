// Which files are contracts, for git-aware runs (--against, --staged): the `inputs:` section of
// driftcheck.yaml, with defaults when it is absent.
//
//   inputs:
//     proto:
//       paths: ["proto/**/*.proto"]   # globs over repository paths (default: every *.proto)
//       roots: [proto]                # import roots (default: buf.yaml's module folders, else the repository root)
//       includes: [third_party]       # extra import folders on disk, like -I
//     openapi:
//       paths: ["api/**/*.yaml"]      # globs (default: every .yaml/.yml/.json that starts as an
//                                     # OpenAPI or Swagger document)
//     cpp:                            # C++ headers are checked only when this section is present
//       paths: ["include/**/*.h"]     # the public headers (globs)
//       exclude: ["**/internal/**"]   # headers that are not API, even if `paths` matches them
//       flags: [-std=c++17, -Iinclude, -DFOO=1]   # clang flags; folders relative to the repository
//       compile_commands: build/compile_commands.json   # or take the flags from here
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace driftcheck {

struct InputsConfig {
  struct Proto {
    std::vector<std::string> paths{"**/*.proto"};
    std::vector<std::string> roots;     // empty: decided from buf.yaml or the repository root
    std::vector<std::string> includes;
  } proto;
  struct OpenApi {
    std::vector<std::string> paths;  // empty: decided by content
  } openapi;
  struct Cpp {
    std::vector<std::string> paths;  // empty: no C++ headers in git-aware runs
    std::vector<std::string> exclude;
    std::vector<std::string> flags;
    std::string compile_commands;
    bool present = false;  // the section exists (git-aware runs then need `paths`)
  } cpp;
};

// Reads the `inputs:` section of a driftcheck.yaml (defaults when the file has none). For a
// buf.yaml, the module folders become the proto roots. Paths are relative to `repo_root`.
InputsConfig load_inputs(const std::filesystem::path& config_file, const std::filesystem::path& repo_root);

// Glob over '/'-separated paths: `*` and `?` stay inside one folder, `**` spans folders.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace driftcheck
