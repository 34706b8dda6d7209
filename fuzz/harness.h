// The fuzz harnesses, one per loader, run the whole driftcheck command in-process on files cut
// from the fuzz input and check its contract: exit 0, 1 or 2, and on 2 one located error line;
// never an internal error. A broken contract aborts, which libFuzzer reports as a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace driftcheck::fuzz {

// Cuts the input at each line "--8<--" (the separator and its newlines go) into the files
// `names`: a missing part is an empty file, surplus parts stay in the last file.
constexpr const char* kSeparator = "\n--8<--\n";

using Args = std::vector<std::string>;  // the arguments after `driftcheck`

// Files every run of a harness sees: written once into the harness's folder.
using FixedFiles = std::vector<std::pair<std::string, std::string>>;

// Writes the parts of `data` to `names` in the harness's own temporary folder (the working
// directory of every run), then runs driftcheck with each of `runs` and checks the contract.
void run(const uint8_t* data, size_t size, const std::vector<std::string>& names, const std::vector<Args>& runs,
         const FixedFiles& fixed = {});

}  // namespace driftcheck::fuzz
