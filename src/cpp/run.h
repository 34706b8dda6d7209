// The C++ pipeline as the command runs it: both sides loaded in parallel (headers parsed with
// libclang, or api.json dumps), the checks, the `cpp:` rule selection of driftcheck.yaml, then
// inline suppressions.
//
//   cpp:
//     use: [removal, function]       # rule ids or categories (default: all)
//     except: [field-added]          # rule ids or categories to leave out
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/finding.h"
#include "core/rule_docs.h"
#include "cpp/extract.h"

namespace driftcheck::cpp {

struct Compared {
  std::vector<Finding> findings;
  std::vector<std::string> files;  // the new side's headers
};

// A file's text by the name findings give it; nothing when there is no such file.
using FileReader = std::function<std::optional<std::string>(const std::string& file)>;

// Runs the two loads at once, with a progress line on a terminal; rethrows the first failure.
std::pair<Api, Api> load_both(const std::function<Api()>& load_old, const std::function<Api()>& load_new);

// The `cpp:` section of driftcheck.yaml (everything when absent). Throws InputError.
RuleSelection load_cpp_rules(const std::filesystem::path& config_file);

// The checks, the rule selection, then the inline ignores of the new headers, read with `read`.
std::vector<Finding> run_configured(const Api& old_api, const Api& new_api, const RuleSelection& rules,
                                    const FileReader& read);

// Two header files, folders or api.json dumps on disk.
Compared compare_headers(const std::string& old_input, const std::string& new_input, const ParseOptions& options,
                         const RuleSelection& rules);

// Drops findings that a `// driftcheck:ignore RULE_ID reason` comment silences: on the line of
// the finding's location in the new header, or on the line above it. Several ids may be given
// comma-separated.
void apply_inline_ignores(std::vector<Finding>& findings, const FileReader& read);

// The flags of a compile_commands.json entry that matter for parsing headers (-I, -isystem, -D,
// -U, -std, -include, -x, --target), with relative include folders made absolute. The entry for
// a file under `near` is preferred; else the first. Throws InputError.
std::vector<std::string> flags_from_compile_commands(const std::string& path, const std::string& near);

// The flags among `args` that matter for parsing headers (-I, -isystem, -iquote, -idirafter,
// -include, -D, -U, -std=, -x, --target=); the others (-MF file, -o, plugins) go to `dropped`.
// Flags from a repository's configuration are untrusted: only these reach clang.
std::vector<std::string> header_parse_flags(const std::vector<std::string>& args, std::vector<std::string>* dropped);

// Rewrites the path of every -I, -isystem, -iquote, -idirafter and -include flag with `map`.
std::vector<std::string> map_flag_paths(const std::vector<std::string>& flags,
                                        const std::function<std::string(const std::string&)>& map);

// The flags for a copy of a tree: paths relative to `from`, or under it, are moved under `to`
// (-Iinclude, -I/repo/include -> -I/tmp/x/include); paths outside `from` stay as they are.
std::vector<std::string> rebase_flags(const std::vector<std::string>& flags, const std::filesystem::path& from,
                                      const std::filesystem::path& to);

}  // namespace driftcheck::cpp
