#include "openapi/check.h"

#include "core/rule_docs.h"
#include "openapi/checks/checks.h"

namespace driftcheck::openapi {

Finding& Reporter::report(std::string_view id, Location where, std::string operation, std::string message) {
  Finding& f = out_.emplace_back();
  f.rule = std::string(id);
  f.domain = "openapi";
  if (const RuleDoc* doc = find_rule_doc(id)) {
    f.severity = doc->severity;
    f.breaks = doc->breaks;
  }
  f.location = std::move(where);
  f.operation = std::move(operation);
  f.path = f.operation;
  f.message = std::move(message);
  return f;
}

Finding& Reporter::report_removed(std::string_view id, Location old_where, Location new_parent, std::string operation,
                                  std::string message) {
  Finding& f = report(id, std::move(new_parent), std::move(operation), std::move(message));
  f.old_location = std::move(old_where);
  return f;
}

Location surviving_container(const Spec& spec, std::initializer_list<const char*> keys) {
  const Json* at = &spec.root();
  for (const char* key : keys) {
    auto it = at->find(key);
    if (it == at->end() || !it->is_object()) break;
    at = &*it;
  }
  return spec.location(*at, spec.doc());
}

const std::vector<OpenApiCheck>& openapi_checks() {
  static const std::vector<OpenApiCheck> checks = all_openapi_checks();
  return checks;
}

std::vector<Finding> run_openapi_checks(const Spec& old_spec, const Spec& new_spec, const CheckOptions& options) {
  OperationMatch match = match_operations(old_spec, new_spec);
  std::vector<Finding> findings;
  CheckContext ctx{old_spec, new_spec, match, options, &findings, nullptr};
  Reporter reporter(findings);
  for (const OpenApiCheck& c : openapi_checks()) c.fn(ctx, reporter);
  sort_and_dedupe(findings);
  return findings;
}

}  // namespace driftcheck::openapi
