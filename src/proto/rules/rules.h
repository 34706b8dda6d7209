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
void check_field_same_type(const CheckContext&, Reporter&);
void check_field_wire_compatible_type(const CheckContext&, Reporter&);

// cardinality.cpp
void check_field_same_cardinality(const CheckContext&, Reporter&);

// enum.cpp
void check_enum_value_no_delete(const CheckContext&, Reporter&);
void check_enum_value_same_name(const CheckContext&, Reporter&);

// rpc.cpp
void check_rpc_same_request_type(const CheckContext&, Reporter&);
void check_rpc_same_response_type(const CheckContext&, Reporter&);
void check_rpc_same_client_streaming(const CheckContext&, Reporter&);
void check_rpc_same_server_streaming(const CheckContext&, Reporter&);

}  // namespace driftcheck::proto
