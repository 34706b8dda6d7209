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

// responses.cpp
void response_success_status_updated_check(const CheckContext&, Reporter&);
void response_non_success_status_updated_check(const CheckContext&, Reporter&);
void response_media_type_updated_check(const CheckContext&, Reporter&);
void response_media_type_name_updated_check(const CheckContext&, Reporter&);
void response_header_removed_check(const CheckContext&, Reporter&);
void response_header_became_optional_check(const CheckContext&, Reporter&);

// deprecation.cpp
void stability_pre_pass(const CheckContext&, Reporter&);
void api_deprecation_check(const CheckContext&, Reporter&);
void api_sunset_changed_check(const CheckContext&, Reporter&);
// The operation's `x-stability-level`: "" when absent; valid = one of draft, alpha, beta, stable.
struct StabilityLevel {
  bool valid = true;
  std::string level;
};
StabilityLevel stability_level(const Json& operation);
// True when the stability pre-pass drops a matched pair from the diff (the new level is draft or
// alpha and is not a decrease): no check reports anything about it.
bool hidden_by_stability(const Operation& old_op, const Operation& new_op);

// security.cpp
void api_security_updated_check(const CheckContext&, Reporter&);
void api_components_security_updated_check(const CheckContext&, Reporter&);
void webhook_updated_check(const CheckContext&, Reporter&);

// Shared helpers (helpers.cpp)
// Deprecation state of an element (operation, parameter, schema) for removal rules.
enum class Removal { without_deprecation, with_deprecation, before_sunset, sunset_parse_error, after_sunset };
Removal removal_state(const Json& element, const CheckOptions& options);
// The value of a string member, or "".
std::string string_member(const Json& object, const char* key);

}  // namespace driftcheck::openapi
