// Declarations of the OpenAPI check functions, named after oasdiff's. The registration list,
// with the ids each may emit, is in checks/all.cpp.
#pragma once

#include <vector>

#include "openapi/check.h"

namespace driftcheck::openapi {

std::vector<OpenApiCheck> all_openapi_checks();

// paths.cpp
void api_removed_check(const CheckContext&, Reporter&);
void api_added_check(const CheckContext&, Reporter&);
void api_operation_id_updated_check(const CheckContext&, Reporter&);
void api_tag_updated_check(const CheckContext&, Reporter&);

// Shared helpers (helpers.cpp)
// Deprecation state of an element (operation, parameter, schema) for removal rules.
enum class Removal { without_deprecation, with_deprecation, before_sunset, sunset_parse_error, after_sunset };
Removal removal_state(const Json& element, const CheckOptions& options);
// The value of a string member, or "".
std::string string_member(const Json& object, const char* key);

}  // namespace driftcheck::openapi
