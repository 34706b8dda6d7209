// api.json: the extracted API as a stable, sorted JSON document (`driftcheck dump`), readable
// back as either side of a comparison. Maps are written in key order and every entity carries
// its location as "file:line:col", so two dumps diff line by line.
#pragma once

#include <ostream>
#include <string>

#include "cpp/model.h"

namespace driftcheck::cpp {

inline constexpr const char* kApiFormat = "driftcheck-cpp-api/1";

void write_api_json(std::ostream& out, const Api& api);
// Throws InputError on anything that is not an api.json of this format.
Api read_api_json(const std::string& path);
// A quick look at the first bytes: does the file declare the api.json format?
bool looks_like_api_json(const std::string& path);

}  // namespace driftcheck::cpp
