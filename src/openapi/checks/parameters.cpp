// Request parameters of matched operations: removed, added, and changes to their schema
// (type, enum, bounds, pattern, default), `required`, deprecation and sunset (oasdiff §2.3, §3).
#include <algorithm>
#include <functional>
#include <optional>
#include <set>

#include "openapi/checks/checks.h"
#include "openapi/checks/renames.h"
#include "openapi/checks/sunset.h"

namespace driftcheck::openapi {

namespace {

// One parameter of an operation, resolved through $refs.
using Param = Parameter;

// Old/new parameter paired by (in, name), path names mapped through the path template.
struct ParamPair {
  const Operation* old_op;
  const Operation* new_op;
  Param before, after;
  std::string label;  // operation string (old path spelling)
};


std::vector<std::string> template_names(const std::string& path) {
  std::vector<std::string> out;
  for (size_t i = path.find('{'); i != std::string::npos; i = path.find('{', i + 1)) {
    size_t close = path.find('}', i);
    if (close == std::string::npos) break;
    out.push_back(path.substr(i + 1, close - i - 1));
  }
  return out;
}

// The name a base path parameter has in the revision.
std::string renamed(const std::string& name, const Operation& o, const Operation& n) {
  if (o.path == n.path) return name;
  std::vector<std::string> a = template_names(o.path), b = template_names(n.path);
  for (size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (a[i] == name) return b[i];
  return name;
}

struct ParamDiff {
  std::vector<ParamPair> modified;
  std::vector<std::pair<const Operation*, Param>> deleted;  // old operation, old parameter
  std::vector<std::tuple<const Operation*, const Operation*, Param>> added;  // old op, new op, new parameter
};

ParamDiff compute_param_diff(const CheckContext& ctx) {
  ParamDiff d;
  for (const auto& [o, n] : ctx.match.pairs) {
    if (hidden_by_stability(*o, *n)) continue;
    const std::vector<Param>& before = o->parameters;
    const std::vector<Param>& after = n->parameters;
    std::vector<bool> used(after.size(), false);
    std::string label = operation_label(o->method, o->path);
    for (const Param& b : before) {
      std::string want = b.in == "path" ? renamed(b.name, *o, *n) : b.name;
      bool found = false;
      for (size_t i = 0; i < after.size(); ++i) {
        if (used[i] || after[i].in != b.in || after[i].name != want) continue;
        used[i] = found = true;
        d.modified.push_back({o, n, b, after[i], label});
        break;
      }
      if (!found && !parameter_renamed(ctx, *o, *n, *b.node, true)) d.deleted.emplace_back(o, b);
    }
    for (size_t i = 0; i < after.size(); ++i)
      if (!used[i] && !parameter_renamed(ctx, *o, *n, *after[i].node, false)) d.added.emplace_back(o, n, after[i]);
  }
  return d;
}
}  // namespace

// The parameter pairing, computed once per run: twenty-odd checks read it.
struct ParameterCache {
  ParamDiff diff;
};

namespace {

const ParamDiff& diff_params(const CheckContext& ctx) {
  if (!ctx.parameters) ctx.parameters = std::make_shared<ParameterCache>(ParameterCache{compute_param_diff(ctx)});
  return ctx.parameters->diff;
}


// The schema of a parameter: its `schema` (OpenAPI 3), or the parameter itself (Swagger 2.0,
// where type, format, enum and bounds sit on the parameter).
const Json* schema_of(const Spec& spec, const Param& p, const Document** doc) {
  *doc = p.doc;
  auto s = p.node->find("schema");
  if (s == p.node->end()) return spec.major == 2 ? p.node : nullptr;
  Resolver::Target t = spec.resolver->resolve(*s, *p.doc);
  *doc = t.doc;
  return t.node;
}

const Json* member(const Json* object, const char* key) {
  if (!object || !object->is_object()) return nullptr;
  auto it = object->find(key);
  return it == object->end() ? nullptr : &*it;
}

// A sub-schema (items, a property), resolved.
const Json* sub(const Spec& spec, const Json* schema, const Document*& doc, const char* key, const std::string& name = "") {
  const Json* m = member(schema, key);
  if (m && !name.empty()) m = member(m, name.c_str());
  if (!m) return nullptr;
  Resolver::Target t = spec.resolver->resolve(*m, *doc);
  doc = t.doc;
  return t.node;
}

std::string param_text(const Param& p) { return "the " + p.in + " parameter `" + p.name + "`"; }

std::string dump(const Json* v) { return v ? v->dump() : "(none)"; }

Location where_new(const CheckContext& ctx, const ParamPair& p) { return ctx.new_spec.location(*p.after.node, *p.after.doc); }

// Walks a modified parameter's schemas: the root (path "") and nested nodes present on both
// sides (properties, items), calling fn(path, old node, new node). Each pair of nodes is visited
// once, where first reached: recursive and shared schemas (Swagger body parameters) would
// otherwise be walked along exponentially many paths.
using NodeFn = std::function<void(const std::string&, const Json&, const Json&)>;
using SeenPairs = std::set<std::pair<const Json*, const Json*>>;
void walk_below(const CheckContext& ctx, const Json* a, const Document* da, const Json* b, const Document* db,
                const std::string& path, const NodeFn& fn, int depth, SeenPairs& seen);

void walk(const CheckContext& ctx, const Json* a, const Document* da, const Json* b, const Document* db,
          const std::string& path, const NodeFn& fn) {
  SeenPairs seen;
  walk_below(ctx, a, da, b, db, path, fn, 0, seen);
}

void walk_below(const CheckContext& ctx, const Json* a, const Document* da, const Json* b, const Document* db,
                const std::string& path, const NodeFn& fn, int depth, SeenPairs& seen) {
  if (!a || !b || !a->is_object() || !b->is_object() || depth > 32 || !seen.emplace(a, b).second) return;
  fn(path, *a, *b);
  auto join = [&](const std::string& s) { return path.empty() ? s : path + "/" + s; };
  {
    const Document *xa = da, *xb = db;
    const Json* ia = sub(ctx.old_spec, a, xa, "items");
    const Json* ib = sub(ctx.new_spec, b, xb, "items");
    walk_below(ctx, ia, xa, ib, xb, join("items"), fn, depth + 1, seen);
  }
  if (const Json* props = member(a, "properties"); props && props->is_object()) {
    std::vector<std::string> names;
    for (auto it = props->begin(); it != props->end(); ++it) names.push_back(it.key());
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      const Document *xa = da, *xb = db;
      const Json* pa = sub(ctx.old_spec, a, xa, "properties", name);
      const Json* pb = sub(ctx.new_spec, b, xb, "properties", name);
      walk_below(ctx, pa, xa, pb, xb, join(name), fn, depth + 1, seen);
    }
  }
}

// Calls fn for every modified parameter with both schemas resolved (either may be null).
void for_each_schema(const CheckContext& ctx,
                     const std::function<void(const ParamPair&, const Json*, const Document*, const Json*,
                                              const Document*)>& fn) {
  for (const ParamPair& p : diff_params(ctx).modified) {
    const Document *da = nullptr, *db = nullptr;
    const Json* a = schema_of(ctx.old_spec, p.before, &da);
    const Json* b = schema_of(ctx.new_spec, p.after, &db);
    fn(p, a, da, b, db);
  }
}

// ---- types (§2.9, request direction)

std::vector<std::string> types_of(const Json& schema) {
  std::vector<std::string> out;
  const Json* t = member(&schema, "type");
  if (t && t->is_string()) out.push_back(t->get<std::string>());
  if (t && t->is_array())
    for (const Json& v : *t)
      if (v.is_string()) out.push_back(v.get<std::string>());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool covers(const std::string& wide, const std::string& narrow) {
  return wide == narrow || (wide == "number" && narrow == "integer");
}

bool all_covered(const std::vector<std::string>& from, const std::vector<std::string>& by) {
  for (const std::string& t : from)
    if (std::none_of(by.begin(), by.end(), [&](const std::string& w) { return covers(w, t); })) return false;
  return true;
}

bool format_widening(const std::string& type, const std::string& from, const std::string& to) {
  if (type == "number") return from == "float" && to == "double";
  if (type == "integer") return from == "int32" ? (to == "int64" || to == "bigint") : (from == "int64" && to == "bigint");
  // No string format widens another: "2024-01-02" (date) is no date-time, and a client that
  // parses a date fails on a date-time.
  return false;
}

bool type_change_breaks(const std::vector<std::string>& before, const std::vector<std::string>& after,
                        const std::string& fmt_before, const std::string& fmt_after, bool strong) {
  bool breaking = false;
  if (before != after && !all_covered(before, after)) {
    if (after.empty()) return false;
    bool single_widen = before.size() == 1 && after.size() == 1 && covers(after[0], before[0]);
    bool as_text = !strong && after == std::vector<std::string>{"string"};
    breaking = !single_widen && !as_text;
  }
  if (fmt_before != fmt_after && !fmt_after.empty())
    if (!(after.size() == 1 && format_widening(after[0], fmt_before, fmt_after))) breaking = true;
  return breaking;
}

std::vector<std::string> without_null(std::vector<std::string> v) {
  v.erase(std::remove(v.begin(), v.end(), "null"), v.end());
  return v;
}

// Every keyword except type and format (and annotations) equal.
bool same_constraints(const Json& a, const Json& b) {
  static const std::set<std::string> ignore = {"type", "format", "description", "title", "example", "examples"};
  auto strip = [](const Json& s) {
    Json out = Json::object();
    for (auto it = s.begin(); it != s.end(); ++it)
      if (!ignore.count(it.key()) && it.key().rfind("x-", 0) != 0) out[it.key()] = *it;
    return out;
  };
  return strip(a) == strip(b);
}

// A scalar parameter that became a form-exploded array whose items accept every old value.
bool safe_array_widening(const CheckContext& ctx, const ParamPair& p, const Json& a, const Json& b, const Document* db) {
  std::vector<std::string> ta = without_null(types_of(a)), tb = without_null(types_of(b));
  if (ta.empty() || ta == std::vector<std::string>{"array"} || tb != std::vector<std::string>{"array"}) return false;
  std::string style = string_member(*p.after.node, "style");
  bool form_default = p.after.in == "query" || p.after.in == "cookie";
  if (!(style == "form" || (style.empty() && form_default))) return false;
  auto explode = p.after.node->find("explode");
  bool exploded = explode == p.after.node->end() ? (style.empty() || style == "form") : explode->is_boolean() && explode->get<bool>();
  if (!exploded) return false;
  const Document* di = db;
  const Json* items = sub(ctx.new_spec, &b, di, "items");
  if (!items || !items->is_object()) return false;
  if (type_change_breaks(ta, types_of(*items), string_member(a, "format"), string_member(*items, "format"), false))
    return false;
  return same_constraints(a, *items);
}

// ---- numbers

std::optional<double> number(const Json* v) {
  if (v && v->is_number()) return v->get<double>();
  return std::nullopt;
}

// ---- deprecation and sunset (§3.4, §3.5)

bool deprecated(const Json& p) { return flag_member(p, "deprecated"); }

int grace_days(const Operation& op, const CheckOptions& options) {
  StabilityLevel s = stability_level(*op.node);
  if (s.level == "draft" || s.level == "alpha") return 0;
  if (s.level == "beta") return options.deprecation_days_beta;
  return options.deprecation_days_stable;
}

}  // namespace

void request_parameter_removed_check(const CheckContext& ctx, Reporter& r) {
  for (const auto& [op, p] : diff_params(ctx).deleted) {
    std::string label = operation_label(op->method, op->path);
    Location was = ctx.old_spec.location(*p.node, *p.doc);
    Location where = was;
    for (const auto& [o, n] : ctx.match.pairs)
      if (o == op) where = ctx.new_spec.location(*n->node, *n->doc);  // the operation, which survives
    auto removed = [&](std::string_view id, std::string message) -> Finding& {
      return r.report_removed(id, was, where, label, std::move(message));
    };
    switch (removal_state(*p.node, ctx.options)) {
      case Removal::without_deprecation: {
        Finding& f = removed("request-parameter-removed",
                              param_text(p) + " was removed: clients still sending it may be rejected or have it ignored");
        f.hint = "deprecate the parameter (with an `x-sunset` date) for a release before removing it";
        break;
      }
      case Removal::with_deprecation:
        removed("request-parameter-removed-with-deprecation", "the deprecated " + param_text(p).substr(4) + " was removed");
        break;
      case Removal::before_sunset: {
        Finding& f = removed("request-parameter-removed-before-sunset",
                              param_text(p) + " was removed before its sunset date " + string_member(*p.node, "x-sunset") +
                                  ": clients were promised it until then");
        f.hint = "keep the parameter until its `x-sunset` date has passed";
        break;
      }
      case Removal::sunset_parse_error:
        removed("request-parameter-sunset-parse",
                 "the removed " + param_text(p).substr(4) + " has an `x-sunset` that is not an RFC 3339 date");
        break;
      case Removal::after_sunset:
        break;
    }
  }
}

void new_request_path_parameter_check(const CheckContext& ctx, Reporter& r) {
  for (const auto& [o, n, p] : diff_params(ctx).added) {
    if (p.in != "path") continue;
    Finding& f = r.report("new-request-path-parameter", ctx.new_spec.location(*p.node, *p.doc), operation_label(o->method, o->path),
                          "path parameter `" + p.name + "` was added: existing URLs no longer match the operation");
    f.hint = "add a new path for the new parameter and keep the old one";
  }
}

void new_request_non_path_parameter_check(const CheckContext& ctx, Reporter& r) {
  for (const auto& [o, n, p] : diff_params(ctx).added) {
    if (p.in == "path") continue;
    std::string label = operation_label(o->method, o->path);
    Location where = ctx.new_spec.location(*p.node, *p.doc);
    if (flag_member(*p.node, "required")) {
      Finding& f = r.report("new-required-request-parameter", where, label,
                            "required " + p.in + " parameter `" + p.name + "` was added: existing clients do not send it");
      f.hint = "make the new parameter optional, with a server-side default";
    } else {
      r.report("new-optional-request-parameter", where, label, "optional " + p.in + " parameter `" + p.name + "` was added");
    }
  }
}

void request_parameter_required_value_updated_check(const CheckContext& ctx, Reporter& r) {
  for (const ParamPair& p : diff_params(ctx).modified) {
    bool a = flag_member(*p.before.node, "required"), b = flag_member(*p.after.node, "required");
    if (a == b) continue;
    if (b) {
      Finding& f = r.report("request-parameter-became-required", where_new(ctx, p), p.label,
                            param_text(p.before) + " became required: clients that omit it are now rejected");
      f.hint = "keep it optional and apply a default on the server";
    } else {
      r.report("request-parameter-became-optional", where_new(ctx, p), p.label, param_text(p.before) + " became optional");
    }
  }
}

void request_parameter_type_changed_check(const CheckContext& ctx, Reporter& r) {
  for_each_schema(ctx, [&](const ParamPair& p, const Json* a, const Document* da, const Json* b, const Document* db) {
    walk(ctx, a, da, b, db, "", [&](const std::string& path, const Json& x, const Json& y) {
      std::vector<std::string> ta = types_of(x), tb = types_of(y);
      std::string fa = string_member(x, "format"), fb = string_member(y, "format");
      if (ta == tb && fa == fb) return;
      auto words = [](const std::vector<std::string>& types, const std::string& format) {
        std::string s;
        for (const std::string& t : types) s += (s.empty() ? "`" : " or `") + t + "`";
        if (s.empty()) s = "any type";
        return format.empty() ? s : s + " (format `" + format + "`)";
      };
      std::string change = "type/format changed from " + words(ta, fa) + " to " + words(tb, fb);
      if (path.empty()) {
        bool breaking = type_change_breaks(ta, tb, fa, fb, false);
        if (breaking && safe_array_widening(ctx, p, x, y, db)) breaking = false;
        if (breaking) {
          Finding& f = r.report("request-parameter-type-changed", where_new(ctx, p), p.label,
                                "the " + change + " for " + param_text(p.before) + ": values clients send today may be rejected");
          f.hint = "only widen a parameter's type (e.g. integer to number, or to string)";
        } else {
          r.report("request-parameter-type-generalized", where_new(ctx, p), p.label,
                   "the " + change + " for " + param_text(p.before) + "; every old value is still accepted");
        }
        return;
      }
      bool strong = type_change_breaks(ta, tb, fa, fb, true), weak = type_change_breaks(ta, tb, fa, fb, false);
      std::string what = "property `" + path + "` of " + param_text(p.before);
      if (strong && weak) {
        Finding& f = r.report("request-parameter-property-type-specialized", where_new(ctx, p), p.label,
                              "the " + change + " for " + what + ": values clients send today may be rejected");
        f.hint = "only widen a property's type";
      } else if (!strong && !weak) {
        r.report("request-parameter-property-type-generalized", where_new(ctx, p), p.label, "the " + change + " for " + what);
      } else {
        r.report("request-parameter-property-type-changed", where_new(ctx, p), p.label,
                 "the " + change + " for " + what + ": breaking where the value is strictly typed");
      }
    });
  });
}

void request_parameter_enum_value_updated_check(const CheckContext& ctx, Reporter& r) {
  for_each_schema(ctx, [&](const ParamPair& p, const Json* a, const Document* da, const Json* b, const Document* db) {
    walk(ctx, a, da, b, db, "", [&](const std::string& path, const Json& x, const Json& y) {
      const Json *ea = member(&x, "enum"), *eb = member(&y, "enum");
      auto list = [](const Json* e) { return e && e->is_array() ? *e : Json::array(); };
      Json la = list(ea), lb = list(eb);
      auto has = [](const Json& l, const Json& v) { return std::find(l.begin(), l.end(), v) != l.end(); };
      std::string what = path.empty() ? param_text(p.before) : "property `" + path + "` of " + param_text(p.before);
      const char* removed = path.empty() ? "request-parameter-enum-value-removed" : "request-parameter-property-enum-value-removed";
      const char* added = path.empty() ? "request-parameter-enum-value-added" : "request-parameter-property-enum-value-added";
      for (const Json& v : la)
        if (!has(lb, v)) {
          Finding& f = r.report(removed, where_new(ctx, p), p.label,
                                "enum value " + v.dump() + " was removed from " + what + ": clients sending it are now rejected");
          f.hint = "keep accepting the value; deprecate it in the description instead";
        }
      for (const Json& v : lb)
        if (!has(la, v)) r.report(added, where_new(ctx, p), p.label, "enum value " + v.dump() + " was added to " + what);
    });
  });
}

void request_parameter_became_enum_check(const CheckContext& ctx, Reporter& r) {
  for_each_schema(ctx, [&](const ParamPair& p, const Json* a, const Document*, const Json* b, const Document*) {
    if (!a || !b || member(a, "enum") || !member(b, "enum")) return;
    Finding& f = r.report("request-parameter-became-enum", where_new(ctx, p), p.label,
                          param_text(p.before) + " became an enum: values outside the list are now rejected");
    f.hint = "list every value clients may already send, or keep the parameter open";
  });
}

void request_parameter_pattern_added_or_changed_check(const CheckContext& ctx, Reporter& r) {
  for_each_schema(ctx, [&](const ParamPair& p, const Json* a, const Document*, const Json* b, const Document*) {
    if (!a || !b) return;
    std::string x = string_member(*a, "pattern"), y = string_member(*b, "pattern");
    if (x == y) return;
    if (x.empty()) {
      Finding& f = r.report("request-parameter-pattern-added", where_new(ctx, p), p.label,
                            "pattern `" + y + "` was added to " + param_text(p.before) + ": values that do not match are now rejected");
      f.hint = "check the pattern accepts every value clients send today";
    } else if (y.empty()) {
      r.report("request-parameter-pattern-removed", where_new(ctx, p), p.label, "pattern `" + x + "` was removed from " + param_text(p.before));
    } else if (y == ".*") {
      r.report("request-parameter-pattern-generalized", where_new(ctx, p), p.label,
               "the pattern of " + param_text(p.before) + " changed from `" + x + "` to `.*`, which accepts anything");
    } else {
      r.report("request-parameter-pattern-changed", where_new(ctx, p), p.label,
               "the pattern of " + param_text(p.before) + " changed from `" + x + "` to `" + y +
                   "`: values accepted before may now be rejected");
    }
  });
}

void request_parameter_default_value_changed_check(const CheckContext& ctx, Reporter& r) {
  for_each_schema(ctx, [&](const ParamPair& p, const Json* a, const Document*, const Json* b, const Document*) {
    if (!a || !b) return;
    if (flag_member(*p.before.node, "required") || flag_member(*p.after.node, "required")) return;
    const Json *x = member(a, "default"), *y = member(b, "default");
    if (!x && !y) return;
    if (x && y && *x == *y) return;
    const char* id = !x ? "request-parameter-default-value-added"
                        : !y ? "request-parameter-default-value-removed" : "request-parameter-default-value-changed";
    Finding& f = r.report(id, where_new(ctx, p), p.label,
                          "the default of " + param_text(p.before) + " changed from " + dump(x) + " to " + dump(y) +
                              ": clients that omit it get different behaviour");
    f.hint = "keep the default; introduce a new parameter for the new behaviour";
  });
}

namespace {

// A bound on the parameter schema root, both sides present.
void bound(const CheckContext& ctx, Reporter& r, const char* key, const char* up_id, const char* down_id, bool zero_absent,
           const Json* a, const Json* b, const ParamPair& p, const char* what) {
  std::optional<double> x = number(member(a, key)), y = number(member(b, key));
  if (zero_absent) {
    if (!x) x = 0;
    if (!y) y = 0;
  }
  if (!x || !y || *x == *y) return;
  const Json *jx = member(a, key), *jy = member(b, key);
  std::string msg = std::string(what) + " (`" + key + "`) of " + param_text(p.before) + " changed from " +
                    (jx ? number_text(*jx) : "0") + " to " + (jy ? number_text(*jy) : "0");
  std::string_view k = key;
  bool upper = k.substr(0, 3) == "max" || k == "exclusiveMaximum";  // maximum, maxLength, maxItems...
  bool tightened = upper ? *y < *x : *y > *x;
  Finding& f = r.report(*y > *x ? up_id : down_id, where_new(ctx, p), p.label,
                        tightened ? msg + ": values clients send today may now be rejected" : msg);
  if (tightened) f.hint = "keep the old limit; enforce a tighter one only for new clients, under a new parameter";
}

// exclusiveMaximum / exclusiveMinimum in their 3.1 numeric form.
void bounds_fn(const CheckContext& ctx, Reporter& r, const char* key, const char* up, const char* down, bool zero_absent,
               const char* what) {
  for_each_schema(ctx, [&](const ParamPair& p, const Json* a, const Document*, const Json* b, const Document*) {
    if (a && b) bound(ctx, r, key, up, down, zero_absent, a, b, p, what);
  });
}

}  // namespace

void request_parameter_max_updated_check(const CheckContext& ctx, Reporter& r) {
  bounds_fn(ctx, r, "maximum", "request-parameter-max-increased", "request-parameter-max-decreased", false, "the maximum");
  bounds_fn(ctx, r, "exclusiveMaximum", "request-parameter-exclusive-max-increased", "request-parameter-exclusive-max-decreased",
            false, "the exclusive maximum");
}

void request_parameter_min_updated_check(const CheckContext& ctx, Reporter& r) {
  bounds_fn(ctx, r, "minimum", "request-parameter-min-increased", "request-parameter-min-decreased", false, "the minimum");
  bounds_fn(ctx, r, "exclusiveMinimum", "request-parameter-exclusive-min-increased", "request-parameter-exclusive-min-decreased",
            false, "the exclusive minimum");
}

void request_parameter_max_length_updated_check(const CheckContext& ctx, Reporter& r) {
  bounds_fn(ctx, r, "maxLength", "request-parameter-max-length-increased", "request-parameter-max-length-decreased", false,
            "the maximum length");
}

void request_parameter_min_length_updated_check(const CheckContext& ctx, Reporter& r) {
  bounds_fn(ctx, r, "minLength", "request-parameter-min-length-increased", "request-parameter-min-length-decreased", true,
            "the minimum length");
}

void request_parameter_min_items_updated_check(const CheckContext& ctx, Reporter& r) {
  bounds_fn(ctx, r, "minItems", "request-parameter-min-items-increased", "request-parameter-min-items-decreased", true,
            "the minimum item count");
}

void request_parameter_max_items_updated_check(const CheckContext& ctx, Reporter& r) {
  for_each_schema(ctx, [&](const ParamPair& p, const Json* a, const Document* da, const Json* b, const Document* db) {
    if (!a || !b) return;
    const Json *x = member(a, "maxItems"), *y = member(b, "maxItems");
    if (!x && !y) {  // no maxItems diff on the root: look at items
      a = sub(ctx.old_spec, a, da, "items");
      b = sub(ctx.new_spec, b, db, "items");
    } else if (x && y && *x == *y) {
      a = sub(ctx.old_spec, a, da, "items");
      b = sub(ctx.new_spec, b, db, "items");
    }
    if (a && b)
      bound(ctx, r, "maxItems", "request-parameter-max-items-increased", "request-parameter-max-items-decreased", false, a, b, p,
            "the maximum item count");
  });
}

void request_parameter_deprecation_check(const CheckContext& ctx, Reporter& r) {
  for (const ParamPair& p : diff_params(ctx).modified) {
    bool a = deprecated(*p.before.node), b = deprecated(*p.after.node);
    if (a == b) continue;
    Location where = where_new(ctx, p);
    if (!b) {
      r.report("request-parameter-reactivated", where, p.label, param_text(p.before) + " is no longer deprecated");
      continue;
    }
    StabilityLevel level = stability_level(*p.new_op->node);
    if (!level.valid) continue;
    int grace = grace_days(*p.new_op, ctx.options);
    std::string stability = level.level.empty() ? "" : " (stability: " + level.level + ")";
    auto sunset = p.after.node->find("x-sunset");
    if (sunset == p.after.node->end()) {
      if (grace > 0) {
        Finding& f = r.report("request-parameter-deprecated-sunset-missing", where, p.label,
                              param_text(p.before) + " was deprecated without an `x-sunset` date" + stability);
        f.hint = "add `x-sunset: YYYY-MM-DD` at least " + std::to_string(grace) + " days ahead";
      } else {
        r.report("request-parameter-deprecated", where, p.label, param_text(p.before) + " was deprecated" + stability);
      }
      continue;
    }
    std::optional<std::string> date = parse_sunset(*sunset);
    if (!date) {
      r.report("request-parameter-sunset-parse", where, p.label,
               "the `x-sunset` of deprecated " + param_text(p.before).substr(4) + " is not an RFC 3339 date");
      continue;
    }
    long days = day_number(*date) - day_number(today_of(ctx.options));
    if (days < grace) {
      Finding& f = r.report("request-parameter-sunset-date-too-small", where, p.label,
                            param_text(p.before) + " was deprecated with " + sunset_notice(*date, days, grace) +
                                ": clients get less notice than promised");
      f.hint = sunset_hint(grace);
    } else {
      r.report("request-parameter-deprecated", where, p.label,
               param_text(p.before) + " was deprecated, sunset " + *date + stability);
    }
  }
}

void request_parameter_sunset_changed_check(const CheckContext& ctx, Reporter& r) {
  for (const ParamPair& p : diff_params(ctx).modified) {
    if (!deprecated(*p.after.node)) continue;
    const Json *x = member(p.before.node, "x-sunset"), *y = member(p.after.node, "x-sunset");
    Location where = where_new(ctx, p);
    if (x && !y) {
      Finding& f = r.report("request-parameter-sunset-deleted", where, p.label,
                            "the `x-sunset` date of deprecated " + param_text(p.before).substr(4) +
                                " was removed: clients lose the promised removal date");
      f.hint = "keep the `x-sunset` date (it may move later, not earlier)";
      continue;
    }
    if (!x || !y || *x == *y) continue;
    std::optional<std::string> before = parse_sunset(*x), after = parse_sunset(*y);
    if (!after || !before) {
      r.report("request-parameter-sunset-parse", where, p.label,
               std::string("the ") + (!after ? "new" : "old") + " `x-sunset` of " + param_text(p.before).substr(4) +
                   " is not an RFC 3339 date");
      continue;
    }
    if (!stability_level(*p.new_op->node).valid) continue;
    long days = day_number(*after) - day_number(today_of(ctx.options));
    int grace = grace_days(*p.new_op, ctx.options);
    if (*after < *before && days < grace) {
      Finding& f = r.report("request-parameter-sunset-date-changed-too-small", where, p.label,
                            "the sunset of " + param_text(p.before) + " moved earlier, from " + *before + " to " + *after +
                                ", less than the " + std::to_string(grace) + " days the policy requires");
      f.hint = "keep the original sunset date or move it later";
    }
  }
}

}  // namespace driftcheck::openapi

namespace driftcheck::openapi {

namespace {

// A bound that was absent (nil, 0 or `false` as `absent` says) and is now present.
void bound_set(const CheckContext& ctx, Reporter& r, const char* key, const char* id, bool zero_absent, const char* what) {
  for_each_schema(ctx, [&](const ParamPair& p, const Json* a, const Document*, const Json* b, const Document*) {
    if (!a || !b) return;
    auto present = [&](const Json* v) {
      if (!v || !v->is_number()) return false;
      return !(zero_absent && v->get<double>() == 0);
    };
    const Json *x = member(a, key), *y = member(b, key);
    if (present(x) || !present(y)) return;
    Finding& f = r.report(id, where_new(ctx, p), p.label,
                          std::string(what) + " (`" + key + "`: " + number_text(*y) + ") was set on " + param_text(p.before) +
                              ": values outside it, accepted before, are now rejected");
    f.hint = "make sure the new limit accepts every value clients send today";
  });
}

}  // namespace

void request_parameter_max_set_check(const CheckContext& ctx, Reporter& r) {
  bound_set(ctx, r, "maximum", "request-parameter-max-set", false, "a maximum");
  bound_set(ctx, r, "exclusiveMaximum", "request-parameter-exclusive-max-set", false, "an exclusive maximum");
}

void request_parameter_min_set_check(const CheckContext& ctx, Reporter& r) {
  bound_set(ctx, r, "minimum", "request-parameter-min-set", false, "a minimum");
  bound_set(ctx, r, "exclusiveMinimum", "request-parameter-exclusive-min-set", false, "an exclusive minimum");
}

void request_parameter_max_length_set_check(const CheckContext& ctx, Reporter& r) {
  bound_set(ctx, r, "maxLength", "request-parameter-max-length-set", false, "a maximum length");
}

void request_parameter_min_items_set_check(const CheckContext& ctx, Reporter& r) {
  bound_set(ctx, r, "minItems", "request-parameter-min-items-set", true, "a minimum item count");
}

void request_parameter_max_items_set_check(const CheckContext& ctx, Reporter& r) {
  bound_set(ctx, r, "maxItems", "request-parameter-max-items-set", false, "a maximum item count");
}

void request_header_property_became_enum_check(const CheckContext& ctx, Reporter& r) {
  for_each_schema(ctx, [&](const ParamPair& p, const Json* a, const Document* da, const Json* b, const Document* db) {
    if (p.before.in != "header") return;
    walk(ctx, a, da, b, db, "", [&](const std::string& path, const Json& x, const Json& y) {
      if (member(&x, "enum") || !member(&y, "enum")) return;
      std::string what = path.empty() ? param_text(p.before) : "property `" + path + "` of " + param_text(p.before);
      Finding& f = r.report("request-header-property-became-enum", where_new(ctx, p), p.label,
                            what + " became an enum: values outside the list are now rejected");
      f.hint = "list every value clients may already send, or keep it open";
    });
  });
}

void request_parameter_x_extensible_enum_value_removed_check(const CheckContext& ctx, Reporter& r) {
  for_each_schema(ctx, [&](const ParamPair& p, const Json* a, const Document*, const Json* b, const Document*) {
    const Json *x = member(a, "x-extensible-enum"), *y = member(b, "x-extensible-enum");
    if (!x || !y || !x->is_array() || !y->is_array() || *x == *y) return;
    for (const Json& v : *x) {
      if (!v.is_string() || std::find(y->begin(), y->end(), v) != y->end()) continue;
      Finding& f = r.report("request-parameter-x-extensible-enum-value-removed", where_new(ctx, p), p.label,
                            "value " + v.dump() + " was removed from the `x-extensible-enum` of " + param_text(p.before) +
                                ": clients sending it may now be rejected");
      f.hint = "keep the value in the list";
    }
  });
}

}  // namespace driftcheck::openapi
