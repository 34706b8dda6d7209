// Paths and operations: removed (by deprecation state), added, operationId and tag changes.
#include <set>

#include "openapi/checks/checks.h"

namespace driftcheck::openapi {

namespace {

// Removals oasdiff leaves out: draft and alpha operations may go at any time, and an invalid
// level is reported by the stability pre-pass instead.
bool exempt_from_removal(const Operation& op) {
  StabilityLevel s = stability_level(*op.node);
  return !s.valid || s.level == "draft" || s.level == "alpha";
}

std::set<std::string> matched_old_paths(const OperationMatch& m) {
  std::set<std::string> out;
  for (const auto& [new_path, old_path] : m.path_of_new) out.insert(old_path);
  return out;
}

}  // namespace

// Where a removed operation's finding points in the new document: its path item if the path
// survives, else the `paths` object.
Location surviving_parent(const CheckContext& ctx, const Operation& removed) {
  for (const auto& [o, n] : ctx.match.pairs)
    if (o->path == removed.path) return ctx.new_spec.location(*n->path_item, *n->path_item_doc);
  const Json& root = ctx.new_spec.root();
  auto paths = root.find("paths");
  return ctx.new_spec.location(paths != root.end() ? *paths : root, ctx.new_spec.doc());
}

void api_removed_check(const CheckContext& ctx, Reporter& r) {
  std::set<std::string> kept_paths = matched_old_paths(ctx.match);
  for (const Operation* op : ctx.match.removed) {
    if (exempt_from_removal(*op)) continue;
    bool whole_path = !kept_paths.count(op->path);
    std::string label = operation_label(op->method, op->path);
    Location was = ctx.old_spec.location(*op->node, *op->doc);
    Location where = surviving_parent(ctx, *op);
    auto removed = [&](std::string_view id, std::string message) -> Finding& {
      return r.report_removed(id, was, where, label, std::move(message));
    };
    const char* what = whole_path ? "path" : "operation";
    switch (removal_state(*op->node, ctx.options)) {
      case Removal::without_deprecation: {
        Finding& f = removed(whole_path ? "api-path-removed-without-deprecation" : "api-removed-without-deprecation",
                              std::string("the ") + what + " `" + label +
                                  "` was removed without being deprecated first: clients calling it now get errors");
        f.hint = "keep the operation and mark it `deprecated: true` (with an `x-sunset` date) for a release before removing it";
        break;
      }
      case Removal::with_deprecation:
        removed(whole_path ? "api-path-removed-with-deprecation" : "api-removed-with-deprecation",
                 std::string("the deprecated ") + what + " `" + label + "` was removed");
        break;
      case Removal::before_sunset: {
        Finding& f = removed(whole_path ? "api-path-removed-before-sunset" : "api-removed-before-sunset",
                              std::string("the ") + what + " `" + label + "` was removed before its sunset date " +
                                  string_member(*op->node, "x-sunset") + ": clients were promised it until then");
        f.hint = "keep it until the `x-sunset` date has passed";
        break;
      }
      case Removal::sunset_parse_error:
        removed("api-path-sunset-parse",
                 "the removed operation `" + label + "` has an `x-sunset` that is not an RFC 3339 date");
        break;
      case Removal::after_sunset:
        break;
    }
  }
}

void api_added_check(const CheckContext& ctx, Reporter& r) {
  for (const Operation* op : ctx.match.added) {
    auto reported = ctx.match.path_of_new.find(op->path);
    std::string path = reported == ctx.match.path_of_new.end() ? op->path : reported->second;
    std::string label = operation_label(op->method, path);
    r.report("endpoint-added", ctx.new_spec.location(*op->node, *op->doc), label, "endpoint `" + label + "` was added");
  }
}

void api_operation_id_updated_check(const CheckContext& ctx, Reporter& r) {
  for (const auto& [o, n] : ctx.match.pairs) {
    std::string before = string_member(*o->node, "operationId"), after = string_member(*n->node, "operationId");
    if (before == after) continue;
    std::string label = operation_label(o->method, o->path);
    Location where = ctx.new_spec.location(*n->node, *n->doc);
    if (before.empty()) {
      r.report("api-operation-id-added", where, label, "operation id `" + after + "` was added to `" + label + "`");
    } else {
      Finding& f = r.report("api-operation-id-removed", where, label,
                            "the operation id of `" + label + "` changed from `" + before + "` to `" +
                                (after.empty() ? std::string("(none)") : after) +
                                "`: generated clients name their methods after it");
      f.hint = "keep the operationId; SDK method names and links between operations depend on it";
    }
  }
}

void api_tag_updated_check(const CheckContext& ctx, Reporter& r) {
  auto tags_of = [](const Json& op) {
    std::set<std::string> out;
    if (auto t = op.find("tags"); t != op.end() && t->is_array())
      for (const Json& tag : *t)
        if (tag.is_string()) out.insert(tag.get<std::string>());
    return out;
  };
  for (const auto& [o, n] : ctx.match.pairs) {
    std::set<std::string> before = tags_of(*o->node), after = tags_of(*n->node);
    std::string label = operation_label(o->method, o->path);
    Location where = ctx.new_spec.location(*n->node, *n->doc);
    for (const std::string& t : before)
      if (!after.count(t)) r.report("api-tag-removed", where, label, "tag `" + t + "` was removed from `" + label + "`");
    for (const std::string& t : after)
      if (!before.count(t)) r.report("api-tag-added", where, label, "tag `" + t + "` was added to `" + label + "`");
  }
}

}  // namespace driftcheck::openapi
