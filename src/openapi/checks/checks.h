// Declarations of the OpenAPI check functions, named after oasdiff's. The registration list,
// with the ids each may emit, is in checks/all.cpp.
#pragma once

#include <vector>

#include "openapi/check.h"

namespace driftcheck::openapi {

std::vector<OpenApiCheck> all_openapi_checks();

// properties.cpp (over the schema walk of schema_walk.h)
void request_property_updated_check(const CheckContext&, Reporter&);
void request_property_required_updated_check(const CheckContext&, Reporter&);
void request_property_type_changed_check(const CheckContext&, Reporter&);
void response_property_type_changed_check(const CheckContext&, Reporter&);
void response_required_property_updated_check(const CheckContext&, Reporter&);
void response_optional_property_updated_check(const CheckContext&, Reporter&);
void request_property_became_not_nullable_check(const CheckContext&, Reporter&);
void response_property_became_nullable_check(const CheckContext&, Reporter&);
void request_property_min_increased_check(const CheckContext&, Reporter&);
void request_property_pattern_updated_check(const CheckContext&, Reporter&);
void request_property_max_set_check(const CheckContext&, Reporter&);
void request_body_required_updated_check(const CheckContext&, Reporter&);
void request_body_media_type_changed_check(const CheckContext&, Reporter&);
void added_request_body_check(const CheckContext&, Reporter&);
void request_body_removed_check(const CheckContext&, Reporter&);
void response_property_became_optional_check(const CheckContext&, Reporter&);
void response_property_became_required_check(const CheckContext&, Reporter&);
void request_body_became_enum_check(const CheckContext&, Reporter&);
void request_property_became_enum_check(const CheckContext&, Reporter&);
void request_body_enum_value_removed_check(const CheckContext&, Reporter&);
void request_property_enum_value_updated_check(const CheckContext&, Reporter&);
void response_property_enum_value_added_check(const CheckContext&, Reporter&);
void response_parameter_enum_value_removed_check(const CheckContext&, Reporter&);
void response_media_type_enum_value_removed_check(const CheckContext&, Reporter&);
void request_property_max_length_updated_check(const CheckContext&, Reporter&);
void request_property_max_length_set_check(const CheckContext&, Reporter&);

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
void api_security_required_added_check(const CheckContext&, Reporter&);
void api_components_security_updated_check(const CheckContext&, Reporter&);
void webhook_updated_check(const CheckContext&, Reporter&);

// parameters.cpp
void request_parameter_type_changed_check(const CheckContext&, Reporter&);
void request_parameter_removed_check(const CheckContext&, Reporter&);
void request_parameter_enum_value_updated_check(const CheckContext&, Reporter&);
void request_parameter_deprecation_check(const CheckContext&, Reporter&);
void request_parameter_sunset_changed_check(const CheckContext&, Reporter&);
void request_parameter_max_items_updated_check(const CheckContext&, Reporter&);
void request_parameter_pattern_added_or_changed_check(const CheckContext&, Reporter&);
void request_parameter_default_value_changed_check(const CheckContext&, Reporter&);
void request_parameter_max_updated_check(const CheckContext&, Reporter&);
void request_parameter_min_updated_check(const CheckContext&, Reporter&);
void request_parameter_required_value_updated_check(const CheckContext&, Reporter&);
void request_parameter_became_enum_check(const CheckContext&, Reporter&);
void request_parameter_max_length_updated_check(const CheckContext&, Reporter&);
void request_parameter_min_length_updated_check(const CheckContext&, Reporter&);
void request_parameter_min_items_updated_check(const CheckContext&, Reporter&);
void new_request_path_parameter_check(const CheckContext&, Reporter&);
void new_request_non_path_parameter_check(const CheckContext&, Reporter&);
void request_parameter_max_set_check(const CheckContext&, Reporter&);
void request_parameter_min_set_check(const CheckContext&, Reporter&);
void request_parameter_max_length_set_check(const CheckContext&, Reporter&);
void request_parameter_min_items_set_check(const CheckContext&, Reporter&);
void request_parameter_max_items_set_check(const CheckContext&, Reporter&);
void request_header_property_became_enum_check(const CheckContext&, Reporter&);
void request_parameter_x_extensible_enum_value_removed_check(const CheckContext&, Reporter&);

// schema_keywords.cpp (JSON Schema 2020-12 keywords, x-extensible-enum on request properties)
void request_property_contains_updated_check(const CheckContext&, Reporter&);
void response_property_contains_updated_check(const CheckContext&, Reporter&);
void request_property_content_updated_check(const CheckContext&, Reporter&);
void response_property_content_updated_check(const CheckContext&, Reporter&);
void request_property_pattern_properties_updated_check(const CheckContext&, Reporter&);
void response_property_pattern_properties_updated_check(const CheckContext&, Reporter&);
void request_property_dependent_required_changed_check(const CheckContext&, Reporter&);
void response_property_dependent_required_changed_check(const CheckContext&, Reporter&);
void request_property_dependent_schemas_updated_check(const CheckContext&, Reporter&);
void response_property_dependent_schemas_updated_check(const CheckContext&, Reporter&);
void request_property_if_updated_check(const CheckContext&, Reporter&);
void response_property_if_updated_check(const CheckContext&, Reporter&);
void request_property_prefix_items_updated_check(const CheckContext&, Reporter&);
void response_property_prefix_items_updated_check(const CheckContext&, Reporter&);
void request_property_property_names_updated_check(const CheckContext&, Reporter&);
void response_property_property_names_updated_check(const CheckContext&, Reporter&);
void request_property_unevaluated_updated_check(const CheckContext&, Reporter&);
void response_property_unevaluated_updated_check(const CheckContext&, Reporter&);
void request_property_const_changed_check(const CheckContext&, Reporter&);
void response_property_const_changed_check(const CheckContext&, Reporter&);
void request_property_x_extensible_enum_value_removed_check(const CheckContext&, Reporter&);

// composition.cpp (allOf/anyOf/oneOf members, discriminator, list of types)
void request_property_all_of_updated_check(const CheckContext&, Reporter&);
void response_property_all_of_updated_check(const CheckContext&, Reporter&);
void request_property_any_of_updated_check(const CheckContext&, Reporter&);
void response_property_any_of_updated_check(const CheckContext&, Reporter&);
void request_property_one_of_updated_check(const CheckContext&, Reporter&);
void response_property_one_of_updated_check(const CheckContext&, Reporter&);
void request_discriminator_updated_check(const CheckContext&, Reporter&);
void response_discriminator_updated_check(const CheckContext&, Reporter&);
void request_property_list_of_types_changed_check(const CheckContext&, Reporter&);
void response_property_list_of_types_changed_check(const CheckContext&, Reporter&);
// read_write_only.cpp
void request_property_write_only_read_only_check(const CheckContext&, Reporter&);
void response_required_property_write_only_read_only_check(const CheckContext&, Reporter&);
void response_optional_property_write_only_read_only_check(const CheckContext&, Reporter&);
// defaults.cpp
void request_property_default_value_changed_check(const CheckContext&, Reporter&);
void response_property_default_value_changed_check(const CheckContext&, Reporter&);
// properties.cpp: more bounds, response patterns
void request_property_max_decreased_check(const CheckContext&, Reporter&);
void request_property_min_items_increased_check(const CheckContext&, Reporter&);
void request_property_count_bounds_check(const CheckContext&, Reporter&);
void request_property_min_length_updated_check(const CheckContext&, Reporter&);
void request_property_min_set_check(const CheckContext&, Reporter&);
void response_property_max_increased_check(const CheckContext&, Reporter&);
void response_property_min_decreased_check(const CheckContext&, Reporter&);
void response_pattern_added_or_changed_check(const CheckContext&, Reporter&);
// deprecation.cpp: deprecated properties
void request_property_deprecation_check(const CheckContext&, Reporter&);
void response_property_deprecation_check(const CheckContext&, Reporter&);
// renames.cpp: a property or parameter removed and another added with the same schema
void property_renamed_check(const CheckContext&, Reporter&);
void parameter_renamed_check(const CheckContext&, Reporter&);

// Shared helpers (helpers.cpp)
// Deprecation state of an element (operation, parameter, schema) for removal rules.
enum class Removal { without_deprecation, with_deprecation, before_sunset, sunset_parse_error, after_sunset };
Removal removal_state(const Json& element, const CheckOptions& options);
// The value of a string member, or "".
std::string string_member(const Json& object, const char* key);
// Whether a boolean member is `true`; a member of another type (`deprecated: "yes"`) is not.
bool flag_member(const Json& object, const char* key);

}  // namespace driftcheck::openapi
