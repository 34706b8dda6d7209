// The OpenAPI check stage: check functions over matched old/new operations, each emitting
// oasdiff's check ids. A check function may emit several ids (as oasdiff's do); every id has a
// document in rules/openapi/<id>.md, whose front matter gives its default severity.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "openapi/spec.h"

namespace driftcheck::openapi {

struct CheckOptions {
  int deprecation_days_beta = 0;    // minimum days between deprecation and sunset (beta)
  int deprecation_days_stable = 0;  // the same for stable operations
  std::string today;                // YYYY-MM-DD; empty = the local date when checks run
  // Report a property or parameter removed and another added with the same schema in the same
  // place as one rename (checks/renames.cpp). oasdiff has no such thing: off for conformance.
  bool detect_renames = true;
};

struct RenameIndex;    // checks/renames.cpp
struct WalkRecording;  // checks/schema_walk.cpp
struct ParameterCache; // checks/parameters.cpp

struct CheckContext {
  const Spec& old_spec;
  const Spec& new_spec;
  const OperationMatch& match;
  CheckOptions options;
  // Where the Reporter writes: the schema walk adds each further operation that reaches a shared
  // schema to the findings made there instead of walking it again. Null: no replay.
  std::vector<Finding>* findings = nullptr;
  // The renames found so far, built on first use by checks/renames.cpp.
  mutable std::shared_ptr<RenameIndex> renames = nullptr;
  // The request and response schema walks, recorded on first use by checks/schema_walk.cpp.
  mutable std::shared_ptr<WalkRecording> walks[2] = {nullptr, nullptr};
  // Old and new parameters paired, built on first use by checks/parameters.cpp.
  mutable std::shared_ptr<ParameterCache> parameters = nullptr;
};

class Reporter {
 public:
  explicit Reporter(std::vector<Finding>& out) : out_(out) {}
  // Adds a finding for check id `id` (severity and breaks from its rule document).
  Finding& report(std::string_view id, Location where, std::string operation, std::string message);
  // For something that no longer exists: the finding points at `new_parent`, the nearest element
  // that survives in the new document, and carries `old_where` as its old location.
  Finding& report_removed(std::string_view id, Location old_where, Location new_parent, std::string operation,
                          std::string message);

 private:
  std::vector<Finding>& out_;
};

using CheckFn = void (*)(const CheckContext&, Reporter&);

// Where a finding about something removed from a top-level map (webhooks, security schemes)
// points: the deepest object along `keys` from the document's root that `spec` still has.
Location surviving_container(const Spec& spec, std::initializer_list<const char*> keys);

struct OpenApiCheck {
  std::string_view name;                // oasdiff's check function name, e.g. APIRemovedCheck
  std::vector<std::string_view> ids;    // every id it may emit
  CheckFn fn;
};

const std::vector<OpenApiCheck>& openapi_checks();

// Runs every check; findings sorted, duplicates dropped. A finding below a component shared by
// several operations is reported once, at the first of them (`operation`), and lists all of
// them in `operations`.
std::vector<Finding> run_openapi_checks(const Spec& old_spec, const Spec& new_spec, const CheckOptions& options = {});

}  // namespace driftcheck::openapi
