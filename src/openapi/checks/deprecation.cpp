// Operation deprecation, sunset changes and the stability pre-pass (x-stability-level).
#include <optional>

#include "openapi/checks/checks.h"
#include "openapi/checks/schema_walk.h"
#include "openapi/checks/sunset.h"

namespace driftcheck::openapi {

namespace {

const Json* member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

bool is_deprecated(const Json& op) { return flag_member(op, "deprecated"); }

int grace_days(const std::string& level, const CheckOptions& options) {
  if (level == "draft" || level == "alpha") return 0;
  if (level == "beta") return options.deprecation_days_beta;
  return options.deprecation_days_stable;
}

int rank(const std::string& level) {
  if (level == "draft") return 0;
  if (level == "alpha") return 1;
  if (level == "beta") return 2;
  if (level == "stable") return 3;
  return -1;
}

bool decreased(const std::string& before, const std::string& after) {
  if (after.empty()) return !before.empty();
  if (before.empty()) return false;
  return rank(after) < rank(before);
}

}  // namespace

StabilityLevel stability_level(const Json& op) {
  const Json* v = member(op, "x-stability-level");
  if (!v) return {true, ""};
  if (!v->is_string()) return {false, v->dump()};
  std::string s = v->get<std::string>();
  return {rank(s) >= 0, s};
}

bool hidden_by_stability(const Operation& o, const Operation& n) {
  StabilityLevel before = stability_level(*o.node), after = stability_level(*n.node);
  if (!before.valid || !after.valid || decreased(before.level, after.level)) return false;
  return after.level == "draft" || after.level == "alpha";
}

void stability_pre_pass(const CheckContext& ctx, Reporter& r) {
  auto invalid = [&](const Spec& spec, const Operation& op, const std::string& path, const StabilityLevel& s) {
    std::string label = operation_label(op.method, path);
    Finding& f = r.report("api-invalid-stability-level", spec.location(*member(*op.node, "x-stability-level"), *op.doc),
                          label,
                          "`" + label + "` has an invalid `x-stability-level` " + s.level +
                              ": it must be one of draft, alpha, beta or stable");
    f.hint = "write `x-stability-level` as one of the strings draft, alpha, beta or stable";
  };
  for (const Operation* op : ctx.match.removed) {
    StabilityLevel s = stability_level(*op->node);
    if (!s.valid) invalid(ctx.old_spec, *op, op->path, s);
  }
  for (const auto& [o, n] : ctx.match.pairs) {
    StabilityLevel before = stability_level(*o->node);
    if (!before.valid) {
      invalid(ctx.old_spec, *o, o->path, before);
      continue;
    }
    StabilityLevel after = stability_level(*n->node);
    if (!after.valid) {
      invalid(ctx.new_spec, *n, o->path, after);
      continue;
    }
    if (!decreased(before.level, after.level)) continue;
    std::string label = operation_label(o->method, o->path);
    auto shown = [](const std::string& l) { return l.empty() ? std::string("(unset, i.e. stable)") : l; };
    Finding& f = r.report("api-stability-decreased", ctx.new_spec.location(*n->node, *n->doc), label,
                          "the stability of `" + label + "` decreased from " + shown(before.level) + " to " +
                              shown(after.level) + ": clients relied on the stronger promise");
    f.hint = "keep the stability level; lower stability only applies to new operations";
  }
}

void api_deprecation_check(const CheckContext& ctx, Reporter& r) {
  for (const auto& [o, n] : ctx.match.pairs) {
    if (is_deprecated(*o->node) == is_deprecated(*n->node) || hidden_by_stability(*o, *n)) continue;
    std::string label = operation_label(o->method, o->path);
    Location where = ctx.new_spec.location(*n->node, *n->doc);
    if (!is_deprecated(*n->node)) {
      r.report("endpoint-reactivated", where, label, "`" + label + "` is no longer deprecated");
      continue;
    }
    StabilityLevel level = stability_level(*n->node);
    if (!level.valid) continue;
    int grace = grace_days(level.level, ctx.options);
    const Json* sunset = member(*n->node, "x-sunset");
    if (!sunset) {
      if (grace > 0) {
        Finding& f = r.report("api-deprecated-sunset-missing", where, label,
                              "`" + label + "` was deprecated without an `x-sunset` date: clients cannot tell how long it will stay");
        f.hint = "add `x-sunset` with a date at least " + std::to_string(grace) + " days from now";
      } else {
        r.report("endpoint-deprecated", where, label, "`" + label + "` was deprecated");
      }
      continue;
    }
    auto date = parse_sunset(*sunset);
    if (!date) {
      Finding& f = r.report("api-deprecated-sunset-parse", ctx.new_spec.location(*sunset, *n->doc), label,
                            "`" + label + "` was deprecated with an `x-sunset` that is not an RFC 3339 date");
      f.hint = "write `x-sunset` as YYYY-MM-DD";
      continue;
    }
    long days = day_number(*date) - day_number(today_of(ctx.options));
    if (days < grace) {
      Finding& f = r.report("api-sunset-date-too-small", ctx.new_spec.location(*sunset, *n->doc), label,
                            "`" + label + "` was deprecated with " + sunset_notice(*date, days, grace) +
                                ": clients get less notice than promised");
      f.hint = sunset_hint(grace);
      continue;
    }
    r.report("endpoint-deprecated-with-sunset", where, label,
             "`" + label + "` was deprecated with sunset date " + *date);
  }
}

void api_sunset_changed_check(const CheckContext& ctx, Reporter& r) {
  for (const auto& [o, n] : ctx.match.pairs) {
    if (!is_deprecated(*n->node) || hidden_by_stability(*o, *n)) continue;
    const Json* before = member(*o->node, "x-sunset");
    const Json* after = member(*n->node, "x-sunset");
    if (!before) continue;
    std::string label = operation_label(o->method, o->path);
    if (!after) {
      Finding& f = r.report("sunset-deleted", ctx.new_spec.location(*n->node, *n->doc), label,
                            "the `x-sunset` of the deprecated `" + label +
                                "` was deleted: clients no longer know when it goes away");
      f.hint = "keep the `x-sunset` date of a deprecated operation";
      continue;
    }
    if (*before == *after) continue;
    auto new_date = parse_sunset(*after);
    if (!new_date) {
      r.report("api-path-sunset-parse", ctx.new_spec.location(*after, *n->doc), label,
               "the `x-sunset` of `" + label + "` is not an RFC 3339 date");
      continue;
    }
    auto old_date = parse_sunset(*before);
    if (!old_date) {
      r.report("api-path-sunset-parse", ctx.old_spec.location(*before, *o->doc), label,
               "the old `x-sunset` of `" + label + "` is not an RFC 3339 date");
      continue;
    }
    StabilityLevel level = stability_level(*n->node);
    if (!level.valid) continue;
    int grace = grace_days(level.level, ctx.options);
    long days = day_number(*new_date) - day_number(today_of(ctx.options));
    if (*new_date < *old_date && days < grace) {
      Finding& f = r.report("api-sunset-date-changed-too-small", ctx.new_spec.location(*after, *n->doc), label,
                            "the sunset date of `" + label + "` moved earlier, from " + *old_date + " to " + *new_date +
                                ", less than the " + std::to_string(grace) + " days of notice the policy requires");
      f.hint = "keep the old sunset date, or move it no earlier than " + std::to_string(grace) + " days from now";
    }
  }
}

// ---- deprecated properties ----------------------------------------------------------------------

namespace {

// A walked property (never the body itself) whose `deprecated` flag flipped: reactivated, or
// deprecated with the sunset policy of the operation's stability level.
void property_deprecation(const CheckContext& ctx, Reporter& r, Direction dir) {
  const std::string side = dir == Direction::request ? "request" : "response";
  walk_schemas(ctx, dir, [&](const SchemaNode& n) {
    if (n.root()) return;
    bool was = is_deprecated(*n.old_schema.node), is = is_deprecated(*n.new_schema.node);
    if (was == is) return;
    std::string id = side + "-property-";
    std::string subject = side + " property `" + n.path + "` of `" + n.operation + "` (" + n.media_type +
                          (n.status.empty() ? "" : ", `" + n.status + "` response") + ")";
    Location where = n.location(ctx);
    if (!is) {
      r.report(id + "reactivated", where, n.operation, "the " + subject + " is no longer deprecated");
      return;
    }
    StabilityLevel level = stability_level(*n.new_op->node);
    if (!level.valid) return;  // reported by the stability pre-pass
    int grace = grace_days(level.level, ctx.options);
    const Json* sunset = member(*n.new_schema.node, "x-sunset");
    if (!sunset) {
      if (grace > 0) {
        Finding& f = r.report(id + "deprecated-sunset-missing", where, n.operation,
                              "the " + subject + " was deprecated without an `x-sunset` date: clients cannot tell how long it will stay");
        f.hint = "add `x-sunset` with a date at least " + std::to_string(grace) + " days from now";
      } else {
        r.report(id + "deprecated", where, n.operation, "the " + subject + " was deprecated");
      }
      return;
    }
    auto date = parse_sunset(*sunset);
    if (!date) {
      Finding& f = r.report(id + "deprecated-sunset-invalid", where, n.operation,
                            "the " + subject + " was deprecated with an `x-sunset` that is not an RFC 3339 date");
      f.hint = "write `x-sunset` as YYYY-MM-DD";
      return;
    }
    long days = day_number(*date) - day_number(today_of(ctx.options));
    if (days < grace) {
      Finding& f = r.report(id + "sunset-date-too-small", where, n.operation,
                            "the " + subject + " was deprecated with " + sunset_notice(*date, days, grace) +
                                ": clients get less notice than promised");
      f.hint = sunset_hint(grace);
      return;
    }
    r.report(id + "deprecated-with-sunset", where, n.operation,
             "the " + subject + " was deprecated with sunset date " + *date);
  });
}

}  // namespace

void request_property_deprecation_check(const CheckContext& ctx, Reporter& r) {
  property_deprecation(ctx, r, Direction::request);
}
void response_property_deprecation_check(const CheckContext& ctx, Reporter& r) {
  property_deprecation(ctx, r, Direction::response);
}

}  // namespace driftcheck::openapi
