// The C++ pipeline as the command runs it: both sides loaded in parallel (headers parsed with
// libclang, or api.json dumps), the checks, then inline suppressions.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "cpp/extract.h"

namespace driftcheck::cpp {

struct Compared {
  std::vector<Finding> findings;
  std::vector<std::string> files;  // the new side's headers
};

Compared compare_headers(const std::string& old_input, const std::string& new_input, const ParseOptions& options);

// Drops findings that a `// driftcheck:ignore RULE_ID reason` comment silences: on the line of
// the finding's location in the new header, or on the line above it. Several ids may be given
// comma-separated.
void apply_inline_ignores(std::vector<Finding>& findings);

// The flags of a compile_commands.json entry that matter for parsing headers (-I, -isystem, -D,
// -U, -std, -include, -x, --target), with relative include folders made absolute. The entry for
// a file under `near` is preferred; else the first. Throws InputError.
std::vector<std::string> flags_from_compile_commands(const std::string& path, const std::string& near);

}  // namespace driftcheck::cpp
