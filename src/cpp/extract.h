// Loading one side of a C++ comparison: headers parsed with libclang, or an api.json dump.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cpp/model.h"

namespace driftcheck::cpp {

struct ParseOptions {
  std::vector<std::string> flags;  // clang flags: -std=c++17 -Iinclude -DFOO=1
  bool allow_errors = false;       // keep going when a header does not compile
  // Headers of a folder input that are not API: globs over paths relative to the folder.
  std::vector<std::string> exclude;
  // When set, findings and errors name headers relative to this folder (a repository's root)
  // instead of as given.
  std::filesystem::path display_root;
};

bool is_header_path(const std::filesystem::path& p);

// True when `input` is a C++ contract: a header, a folder holding headers (and no .proto
// files), or an api.json written by `driftcheck dump`.
bool is_cpp_input(const std::string& input);

// The headers an input stands for: itself, or every header under the folder that no `exclude`
// glob matches (relative to the folder), sorted.
std::vector<std::filesystem::path> headers_of(const std::string& input, const std::vector<std::string>& exclude = {});

// Parses the headers as one translation unit (each header included once) and keeps what they
// declare, not what they include from elsewhere. `include_root` (a folder input) is added as
// -I. Throws InputError on a header that does not compile, unless allow_errors.
Api extract_api(const std::vector<std::filesystem::path>& headers, const std::filesystem::path& include_root,
                const ParseOptions& options);

// One side: an api.json dump, or a header / folder of headers parsed with libclang.
Api load_api(const std::string& input, const ParseOptions& options);

}  // namespace driftcheck::cpp
