// Declarations of every protobuf rule function, one per buf rule id. The registration list is
// in rules/all.cpp; the rule's documentation in rules/proto/<ID>.md.
#pragma once

#include <algorithm>
#include <vector>

#include "proto/check.h"
#include "proto/registry.h"

namespace driftcheck::proto {

std::vector<ProtoRule> all_proto_rules();

// deletion.cpp
void check_file_no_delete(const CheckContext&, Reporter&);
void check_package_no_delete(const CheckContext&, Reporter&);
void check_message_no_delete(const CheckContext&, Reporter&);
void check_enum_no_delete(const CheckContext&, Reporter&);
void check_service_no_delete(const CheckContext&, Reporter&);
void check_rpc_no_delete(const CheckContext&, Reporter&);
void check_extension_no_delete(const CheckContext&, Reporter&);
void check_package_message_no_delete(const CheckContext&, Reporter&);
void check_package_enum_no_delete(const CheckContext&, Reporter&);
void check_package_extension_no_delete(const CheckContext&, Reporter&);
void check_package_service_no_delete(const CheckContext&, Reporter&);

// field.cpp
void check_field_no_delete(const CheckContext&, Reporter&);
void check_field_no_delete_unless_number_reserved(const CheckContext&, Reporter&);
void check_field_no_delete_unless_name_reserved(const CheckContext&, Reporter&);
void check_field_same_name(const CheckContext&, Reporter&);
void check_field_same_json_name(const CheckContext&, Reporter&);
void check_field_same_oneof(const CheckContext&, Reporter&);
void check_field_same_type(const CheckContext&, Reporter&);
void check_field_wire_compatible_type(const CheckContext&, Reporter&);
void check_field_wire_json_compatible_type(const CheckContext&, Reporter&);
// Shared by the field rules (field*.cpp, cardinality.cpp), defined in field.cpp.
// Every field pair: message fields by (message, number), then extensions by (extendee, number).
void for_each_field_or_extension_pair(const CheckContext& ctx,
                                      const std::function<void(const Field&, const Field&)>& fn);
// "field 3 `temperature` of message `acme.v1.Req`", "extension 100 `acme.v1.tag` of `acme.v1.Req`",
// or for a map's synthetic key/value: "the value of map field 6 `six` of message `acme.v1.Req`".
std::string field_label(const Field& field);
// The kind protobuf-go gives the field: its type, except that an editions message field with
// DELIMITED encoding is a group.
gp::FieldDescriptorProto::Type field_kind(const Field& field);
// A key or value field of a map's synthetic entry message.
bool in_map_entry(const Field& field);

// cardinality.cpp
void check_field_same_cardinality(const CheckContext&, Reporter&);
void check_field_wire_compatible_cardinality(const CheckContext&, Reporter&);
void check_field_wire_json_compatible_cardinality(const CheckContext&, Reporter&);

// field_options.cpp
void check_field_same_jstype(const CheckContext&, Reporter&);
void check_field_same_cpp_string_type(const CheckContext&, Reporter&);
void check_field_same_java_utf8_validation(const CheckContext&, Reporter&);
void check_field_same_utf8_validation(const CheckContext&, Reporter&);

// field_default.cpp
void check_field_same_default(const CheckContext&, Reporter&);

// enum.cpp
void check_enum_same_type(const CheckContext&, Reporter&);
void check_enum_same_json_format(const CheckContext&, Reporter&);
void check_enum_value_no_delete(const CheckContext&, Reporter&);
void check_enum_value_no_delete_unless_number_reserved(const CheckContext&, Reporter&);
void check_enum_value_no_delete_unless_name_reserved(const CheckContext&, Reporter&);
void check_enum_value_same_name(const CheckContext&, Reporter&);

// reserved.cpp
void check_reserved_enum_no_delete(const CheckContext&, Reporter&);
void check_reserved_message_no_delete(const CheckContext&, Reporter&);
void check_extension_message_no_delete(const CheckContext&, Reporter&);

// message.cpp
void check_oneof_no_delete(const CheckContext&, Reporter&);
void check_message_no_remove_standard_descriptor_accessor(const CheckContext&, Reporter&);
void check_message_same_json_format(const CheckContext&, Reporter&);
void check_message_same_required_fields(const CheckContext&, Reporter&);

// file_options.cpp: FILE_SAME_<option> is check_file_same_option<FileOptions field number>.
void check_file_same_package(const CheckContext&, Reporter&);
void check_file_same_syntax(const CheckContext&, Reporter&);
template <int32_t OptionNumber>
void check_file_same_option(const CheckContext&, Reporter&);

// rpc.cpp
void check_rpc_same_request_type(const CheckContext&, Reporter&);
void check_rpc_same_response_type(const CheckContext&, Reporter&);
void check_rpc_same_client_streaming(const CheckContext&, Reporter&);
void check_rpc_same_server_streaming(const CheckContext&, Reporter&);
void check_rpc_same_idempotency_level(const CheckContext&, Reporter&);

// locate.cpp: locations beyond check.h, in buf's way.
// The exact span of a path (an option statement, a method's request type, an enum value's
// number), else the element's file at 1:1 as buf reports a missing accessor location.
Location exact_location(const File& file, const Path& path);
Location exact_location(const Element& element, std::initializer_list<int32_t> sub);
// A feature set in the element's own options, `path + [options_field, features_field, feature]`:
// the exact span, else the first location inside it, else the longest enclosing one within the
// features field (aggregate `features = {...}` syntax), else the element's whole span.
Location feature_location(const Element& element, int32_t options_field, int32_t features_field, int32_t feature);
// The same for a feature inside an extension of the features, e.g. {1000, 2} for (pb.cpp).string_type.
Location feature_location(const Element& element, int32_t options_field, int32_t features_field,
                          std::initializer_list<int32_t> feature_path);

}  // namespace driftcheck::proto
