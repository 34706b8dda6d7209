// The registration list: each check function with every id it may emit (as oasdiff's rules.go).
#include "openapi/checks/checks.h"

namespace driftcheck::openapi {

std::vector<OpenApiCheck> all_openapi_checks() {
  return {
      {"APIRemovedCheck",
       {"api-path-removed-without-deprecation", "api-path-removed-with-deprecation", "api-path-removed-before-sunset",
        "api-path-sunset-parse", "api-removed-without-deprecation", "api-removed-with-deprecation",
        "api-removed-before-sunset"},
       api_removed_check},
      {"APIAddedCheck", {"endpoint-added"}, api_added_check},
      {"APIOperationIdUpdatedCheck", {"api-operation-id-added", "api-operation-id-removed"}, api_operation_id_updated_check},
      {"APITagUpdatedCheck", {"api-tag-removed", "api-tag-added"}, api_tag_updated_check},
  };
}

}  // namespace driftcheck::openapi
