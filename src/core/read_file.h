#pragma once

#include <string>

namespace driftcheck {

// Reads a whole file; throws InputError naming the file when it cannot.
std::string read_file(const std::string& path);

}  // namespace driftcheck
