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
      {"StabilityPrePass", {"api-stability-decreased", "api-invalid-stability-level"}, stability_pre_pass},
      {"APIDeprecationCheck",
       {"endpoint-reactivated", "api-deprecated-sunset-missing", "endpoint-deprecated", "api-deprecated-sunset-parse",
        "api-sunset-date-too-small", "endpoint-deprecated-with-sunset"},
       api_deprecation_check},
      {"APISunsetChangedCheck", {"sunset-deleted", "api-path-sunset-parse", "api-sunset-date-changed-too-small"},
       api_sunset_changed_check},
      {"ResponseSuccessStatusUpdatedCheck", {"response-success-status-removed", "response-success-status-added"},
       response_success_status_updated_check},
      {"ResponseNonSuccessStatusUpdatedCheck",
       {"response-non-success-status-removed", "response-non-success-status-added"},
       response_non_success_status_updated_check},
      {"ResponseMediaTypeUpdatedCheck", {"response-media-type-removed", "response-media-type-added"},
       response_media_type_updated_check},
      {"ResponseMediaTypeNameUpdatedCheck",
       {"response-media-type-name-changed", "response-media-type-name-specialized",
        "response-media-type-name-generalized"},
       response_media_type_name_updated_check},
      {"ResponseHeaderRemovedCheck", {"required-response-header-removed", "optional-response-header-removed"},
       response_header_removed_check},
      {"ResponseHeaderBecameOptionalCheck", {"response-header-became-optional"}, response_header_became_optional_check},
      {"APISecurityUpdatedCheck",
       {"api-global-security-added", "api-global-security-removed", "api-global-security-scope-added",
        "api-global-security-scope-removed", "api-security-added", "api-security-removed", "api-security-scope-added",
        "api-security-scope-removed"},
       api_security_updated_check},
      {"APIComponentsSecurityUpdatedCheck",
       {"api-security-component-added", "api-security-component-removed", "api-security-component-type-changed",
        "api-security-component-oauth-url-changed", "api-security-component-oauth-token-url-changed",
        "api-security-component-oauth-scope-added", "api-security-component-oauth-scope-removed",
        "api-security-component-oauth-scope-changed"},
       api_components_security_updated_check},
      {"WebhookUpdatedCheck", {"webhook-removed", "webhook-added"}, webhook_updated_check},
  };
}

}  // namespace driftcheck::openapi
