// The registration list: one line per rule, as clang-tidy modules register checks.
#include "proto/rules/rules.h"

namespace driftcheck::proto {

std::vector<ProtoRule> all_proto_rules() {
  return {
      {"FILE_NO_DELETE", check_file_no_delete},
      {"PACKAGE_NO_DELETE", check_package_no_delete},
      {"MESSAGE_NO_DELETE", check_message_no_delete},
      {"ENUM_NO_DELETE", check_enum_no_delete},
      {"SERVICE_NO_DELETE", check_service_no_delete},
      {"RPC_NO_DELETE", check_rpc_no_delete},
      {"EXTENSION_NO_DELETE", check_extension_no_delete},
      {"PACKAGE_MESSAGE_NO_DELETE", check_package_message_no_delete},
      {"PACKAGE_ENUM_NO_DELETE", check_package_enum_no_delete},
      {"PACKAGE_EXTENSION_NO_DELETE", check_package_extension_no_delete},
      {"PACKAGE_SERVICE_NO_DELETE", check_package_service_no_delete},
      {"FIELD_NO_DELETE", check_field_no_delete},
      {"FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED", check_field_no_delete_unless_number_reserved},
      {"FIELD_NO_DELETE_UNLESS_NAME_RESERVED", check_field_no_delete_unless_name_reserved},
      {"FIELD_SAME_NAME", check_field_same_name},
      {"FIELD_SAME_JSON_NAME", check_field_same_json_name},
      {"FIELD_SAME_TYPE", check_field_same_type},
      {"FIELD_WIRE_COMPATIBLE_TYPE", check_field_wire_compatible_type},
      {"FIELD_SAME_CARDINALITY", check_field_same_cardinality},
      {"ENUM_VALUE_NO_DELETE", check_enum_value_no_delete},
      {"ENUM_VALUE_SAME_NAME", check_enum_value_same_name},
      {"RPC_SAME_REQUEST_TYPE", check_rpc_same_request_type},
      {"RPC_SAME_RESPONSE_TYPE", check_rpc_same_response_type},
      {"RPC_SAME_CLIENT_STREAMING", check_rpc_same_client_streaming},
      {"RPC_SAME_SERVER_STREAMING", check_rpc_same_server_streaming},
  };
}

}  // namespace driftcheck::proto
