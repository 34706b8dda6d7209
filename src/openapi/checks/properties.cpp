// Request and response property checks over the parallel schema walk (schema_walk.h), and the
// body-level request body checks (docs/dev/oasdiff-check-semantics.md §2.4-2.6, §2.9).
#include <algorithm>

#include "openapi/checks/checks.h"
#include "openapi/checks/renames.h"
#include "openapi/checks/schema_walk.h"
#include "openapi/checks/subschemas.h"

namespace driftcheck::openapi {

namespace {

const Json* member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

const Json* properties_of(const Json& schema) {
  const Json* p = member(schema, "properties");
  return p && p->is_object() ? p : nullptr;
}

// "`name` in the request body (application/json)"-style context for messages.
std::string where_text(const SchemaNode& n) {
  std::string s = n.direction == Direction::request ? "the request body" : "the `" + n.status + "` response";
  return s + " (" + n.media_type + ")";
}

std::string prop_name(const SchemaNode& n, const std::string& key) { return n.child(key); }

// ---- §2.9 type and format rules ------------------------------------------------------------------

bool covers(const std::string& wide, const std::string& narrow) {
  return wide == narrow || (wide == "number" && narrow == "integer");
}

bool all_covered(const std::vector<std::string>& from, const std::vector<std::string>& by) {
  return std::all_of(from.begin(), from.end(), [&](const std::string& t) {
    return std::any_of(by.begin(), by.end(), [&](const std::string& b) { return covers(b, t); });
  });
}

bool format_widening(const std::string& type, const std::string& from, const std::string& to) {
  if (to.empty()) return true;
  if (type == "number") return from == "float" && to == "double";
  if (type == "integer") return (from == "int32" && (to == "int64" || to == "bigint")) || (from == "int64" && to == "bigint");
  // No string format widens another: "2024-01-02" (date) is no date-time, and a client that
  // parses a date fails on a date-time.
  return false;
}

bool same_set(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  b.erase(std::unique(b.begin(), b.end()), b.end());
  return a == b;
}

std::vector<std::string> without_null(std::vector<std::string> v) {
  v.erase(std::remove(v.begin(), v.end(), "null"), v.end());
  return v;
}

// Is the change from (types, format) `from` to `to` breaking for a reader that must accept `to`'s
// values where it accepted `from`'s (the request direction)?
bool breaking_toward(const std::vector<std::string>& from, const std::string& from_format,
                     const std::vector<std::string>& to, const std::string& to_format, bool strong) {
  bool type_changed = !same_set(from, to);
  bool type_breaking = false;
  if (type_changed) {
    if (to.empty()) return false;  // the type constraint was removed
    if (!all_covered(from, to)) {
      bool single_widening = from.size() == 1 && to.size() == 1 && covers(to[0], from[0]);
      bool loose = !strong && (to.size() == 1 && to[0] == "string");
      type_breaking = !(single_widening || loose);
    }
  }
  bool format_breaking = false;
  if (from_format != to_format)
    format_breaking = !format_widening(to.size() == 1 ? to[0] : "", from_format, to_format);
  return type_breaking || format_breaking;
}

enum class TypeVerdict { none, changed, compatible, generalized, specialized };

TypeVerdict type_verdict(const std::vector<std::string>& ot, const std::string& of, const std::vector<std::string>& nt,
                         const std::string& nf, Direction dir, bool strong) {
  bool type_changed = !same_set(ot, nt);
  if (!type_changed && of == nf) return TypeVerdict::none;
  // Only "null" added or removed: a nullability change (§1.11), not a type change.
  if (type_changed && of == nf && same_set(without_null(ot), without_null(nt))) return TypeVerdict::none;
  bool concrete_swap = !strong && type_changed && !ot.empty() && !nt.empty();
  if (dir == Direction::request) {
    if (breaking_toward(ot, of, nt, nf, strong)) return TypeVerdict::changed;
    return concrete_swap && !all_covered(ot, nt) ? TypeVerdict::compatible : TypeVerdict::generalized;
  }
  bool widened = type_changed && all_covered(ot, nt);
  if (breaking_toward(nt, nf, ot, of, strong)) return widened ? TypeVerdict::generalized : TypeVerdict::changed;
  return concrete_swap && !all_covered(nt, ot) ? TypeVerdict::compatible : TypeVerdict::specialized;
}

std::string type_text(const std::vector<std::string>& types, const std::string& format) {
  std::string out;
  for (const std::string& x : types) out += (out.empty() ? "" : "|") + x;
  if (out.empty()) out = "any";
  return format.empty() ? out : out + "/" + format;
}

// The types a schema's values can have: its `type`; without one, the union over the members of
// its anyOf or oneOf (`anyOf: [{type: object}, {enum: [""]}]` is object|string), the types its
// allOf members share, or the types of its enum values. Empty: any type.
std::vector<std::string> value_types(const Spec& spec, const SchemaSide& s, int depth = 0) {
  std::vector<std::string> out = schema_types(*s.node);
  if (!out.empty() || depth > 8) return out;
  if (const Json* values = member(*s.node, "enum"); values && values->is_array() && !values->empty()) {
    for (const Json& v : *values) {
      std::string t = v.is_string() ? "string" : v.is_boolean() ? "boolean" : v.is_number_integer() ? "integer"
                      : v.is_number() ? "number" : v.is_null() ? "null" : v.is_object() ? "object" : "array";
      if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    }
    return out;
  }
  for (const char* key : {"anyOf", "oneOf"}) {
    const Json* members = member(*s.node, key);
    if (!members || !members->is_array() || members->empty()) continue;
    for (const Json& m : *members) {
      SchemaSide side = resolve_side(spec, m, *s.doc);
      std::vector<std::string> types = side ? value_types(spec, side, depth + 1) : std::vector<std::string>{};
      if (types.empty()) return {};  // a member of any type: the whole is of any type
      for (std::string& t : types)
        if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
    }
    return out;
  }
  // allOf: what every typed member allows (a member without a type constrains none).
  if (const Json* members = member(*s.node, "allOf"); members && members->is_array()) {
    bool first = true;
    for (const Json& m : *members) {
      SchemaSide side = resolve_side(spec, m, *s.doc);
      std::vector<std::string> types = side ? value_types(spec, side, depth + 1) : std::vector<std::string>{};
      if (types.empty()) continue;
      if (first) out = types;
      else std::erase_if(out, [&](const std::string& t) { return std::find(types.begin(), types.end(), t) == types.end(); });
      first = false;
    }
  }
  return out;
}

// ---- nullability ----------------------------------------------------------------------------------

enum class Nullability { same, became_nullable, became_not_nullable };

Nullability nullability_change(const Json& o, const Json& n) {
  bool on = schema_flag(o, "nullable"), nn = schema_flag(n, "nullable");
  if (on != nn) return nn ? Nullability::became_nullable : Nullability::became_not_nullable;
  std::vector<std::string> ot = schema_types(o), nt = schema_types(n);
  bool onull = std::count(ot.begin(), ot.end(), "null") > 0, nnull = std::count(nt.begin(), nt.end(), "null") > 0;
  if (onull && !nnull && !nt.empty()) return Nullability::became_not_nullable;
  if (!onull && nnull && !ot.empty()) return Nullability::became_nullable;
  return Nullability::same;
}

// ---- numbers --------------------------------------------------------------------------------------

const Json* number_member(const Json& s, const char* key) {
  const Json* m = member(s, key);
  return m && m->is_number() ? m : nullptr;
}

std::string num_text(const Json& v) { return number_text(v); }

}  // namespace

// ---- request properties ---------------------------------------------------------------------------

namespace {

// `X` became `oneOf: [X, Y]` with X as it was.
bool old_schema_kept_as_alternative(const CheckContext& ctx, const SchemaNode& n) {
  const Json* alternatives = member(*n.new_schema.node, "oneOf");
  if (!alternatives || !alternatives->is_array()) return false;
  return std::any_of(alternatives->begin(), alternatives->end(), [&](const Json& alt) {
    return same_schema(ctx, n.old_schema, resolve_side(ctx.new_spec, alt, *n.new_schema.doc));
  });
}

}  // namespace

void request_property_updated_check(const CheckContext& ctx, Reporter& r) {
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    bool wrapped = one_of_wrapping(ctx, n);
    if (wrapped && n.root() && old_schema_kept_as_alternative(ctx, n)) {
      Finding& f = r.report("request-body-wrapped-in-one-of-kept", n.location(ctx), n.operation,
                            "the request body schema in " + where_text(n) +
                                " became one alternative of a `oneOf`, unchanged: bodies valid before still match "
                                "it, but one that also matches a new alternative is rejected");
      f.hint = "make the alternatives exclusive (a discriminator, or required properties no other has)";
    } else if (wrapped && n.root()) {
      Finding& f = r.report("request-body-wrapped-in-one-of", n.location(ctx), n.operation,
                            "the request body schema in " + where_text(n) +
                                " was wrapped in a `oneOf`: requests must now match exactly one alternative, "
                                "so some bodies that were valid before are rejected");
      f.hint = "make sure every body valid under the old schema matches exactly one alternative";
    }
    const Json* op = wrapped ? nullptr : properties_of(*n.old_schema.node);
    const Json* np = properties_of(*n.new_schema.node);
    if (op)
      for (auto it = op->begin(); it != op->end(); ++it) {
        if (np && np->contains(it.key())) continue;
        if (property_renamed(ctx, n, it.key(), true)) continue;  // reported as a rename
        SchemaSide p = resolve_side(ctx.old_spec, it.value(), *n.old_schema.doc);
        if (p && schema_flag(*p.node, "readOnly")) continue;
        std::string name = prop_name(n, it.key());
        Finding& f = r.report_removed("request-property-removed",
                                      p ? ctx.old_spec.location(*p.node, *p.doc) : n.location(ctx, true), n.location(ctx),
                                      n.operation,
                              "request property `" + name + "` was removed from " + where_text(n) +
                                  ": clients that still send it may be rejected or have it ignored");
        f.hint = "keep accepting the property (mark it `deprecated: true`) until clients stop sending it";
      }
    if (np)
      for (auto it = np->begin(); it != np->end(); ++it) {
        if (op && op->contains(it.key())) continue;
        if (property_renamed(ctx, n, it.key(), false)) continue;  // reported as a rename
        SchemaSide p = resolve_side(ctx.new_spec, it.value(), *n.new_schema.doc);
        if (p && schema_flag(*p.node, "readOnly")) continue;
        std::string name = prop_name(n, it.key());
        Location where = p ? ctx.new_spec.location(*p.node, *p.doc) : n.location(ctx);
        if (in_required(*n.new_schema.node, it.key())) {
          bool with_default = p && p.node->contains("default");
          Finding& f = r.report(with_default ? "new-required-request-property-with-default" : "new-required-request-property",
                                where, n.operation,
                                "new required request property `" + name + "` in " + where_text(n) +
                                    ": existing clients do not send it and their requests are now invalid");
          f.hint = "add the property as optional (not in `required`), with a server-side default";
        } else {
          r.report("new-optional-request-property", where, n.operation,
                   "new optional request property `" + name + "` in " + where_text(n));
        }
      }
  });
}

void request_property_required_updated_check(const CheckContext& ctx, Reporter& r) {
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    const Json* np = properties_of(*n.new_schema.node);
    const Json* op = properties_of(*n.old_schema.node);
    if (!np || !op) return;
    for (auto it = np->begin(); it != np->end(); ++it) {
      if (!op->contains(it.key())) continue;
      bool was = in_required(*n.old_schema.node, it.key()), is = in_required(*n.new_schema.node, it.key());
      if (was == is) continue;
      SchemaSide p = resolve_side(ctx.new_spec, it.value(), *n.new_schema.doc);
      if (p && schema_flag(*p.node, "readOnly")) continue;
      std::string name = prop_name(n, it.key());
      Location where = p ? ctx.new_spec.location(*p.node, *p.doc) : n.location(ctx);
      if (is) {
        bool with_default = p && p.node->contains("default");
        Finding& f = r.report(with_default ? "request-property-became-required-with-default" : "request-property-became-required",
                              where, n.operation,
                              "request property `" + name + "` in " + where_text(n) +
                                  " became required: clients that omit it now send invalid requests");
        f.hint = "keep the property optional and apply a default on the server";
      } else {
        r.report("request-property-became-optional", where, n.operation,
                 "request property `" + name + "` in " + where_text(n) + " became optional");
      }
    }
  });
}

namespace {

void type_check(const CheckContext& ctx, Reporter& r, Direction dir) {
  const char* side = dir == Direction::request ? "request" : "response";
  walk_schemas(ctx, dir, [&](const SchemaNode& n) {
    if (one_of_wrapping(ctx, n)) return;  // §1.11: reported as the wrapping
    if (list_of_types_changed(ctx, n)) return;  // reported as the list of types that changed
    // Types derived from members only where one side is a composition and the other is not
    // (`X` to `anyOf: [X, Y]`); between two compositions the members' own checks say what changed.
    auto composed = [](const Json& s) { return !member(s, "type") && (member(s, "anyOf") || member(s, "oneOf") || member(s, "allOf")); };
    bool both_composed = composed(*n.old_schema.node) && composed(*n.new_schema.node);
    std::vector<std::string> ot = both_composed ? schema_types(*n.old_schema.node) : value_types(ctx.old_spec, n.old_schema);
    std::vector<std::string> nt = both_composed ? schema_types(*n.new_schema.node) : value_types(ctx.new_spec, n.new_schema);
    std::string of = string_member(*n.old_schema.node, "format"), nf = string_member(*n.new_schema.node, "format");
    TypeVerdict v = type_verdict(ot, of, nt, nf, dir, n.strongly_typed);
    if (v == TypeVerdict::none) return;
    const char* suffix = v == TypeVerdict::changed       ? "type-changed"
                         : v == TypeVerdict::compatible  ? "type-compatible"
                         : v == TypeVerdict::generalized ? "type-generalized"
                                                         : "type-specialized";
    std::string id = std::string(side) + (n.root() ? "-body-" : "-property-") + suffix;
    std::string subject = node_text(n);
    std::string msg = subject + " changed type from `" + type_text(ot, of) + "` to `" + type_text(nt, nf) + "`";
    bool breaking = v == TypeVerdict::changed || (dir == Direction::response && v == TypeVerdict::generalized);
    if (breaking)
      msg += dir == Direction::request ? ": values clients send today may no longer be accepted"
                                       : ": clients may receive values they cannot parse";
    Finding& f = r.report(id, n.location(ctx), n.operation, msg);
    if (breaking) f.hint = "add a new property with the new type and deprecate the old one instead of changing it";
  });
}

}  // namespace

void request_property_type_changed_check(const CheckContext& ctx, Reporter& r) { type_check(ctx, r, Direction::request); }
void response_property_type_changed_check(const CheckContext& ctx, Reporter& r) { type_check(ctx, r, Direction::response); }

void request_property_became_not_nullable_check(const CheckContext& ctx, Reporter& r) {
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    Nullability c = nullability_change(*n.old_schema.node, *n.new_schema.node);
    if (c == Nullability::same) return;
    std::string subject = node_text(n);
    if (c == Nullability::became_not_nullable) {
      Finding& f = r.report(n.root() ? "request-body-became-not-nullable" : "request-property-became-not-nullable",
                            n.location(ctx), n.operation,
                            subject + " no longer accepts null: clients sending null are now rejected");
      f.hint = "keep accepting null and treat it as absent";
    } else {
      r.report(n.root() ? "request-body-became-nullable" : "request-property-became-nullable", n.location(ctx),
               n.operation, subject + " now accepts null");
    }
  });
}

void response_property_became_nullable_check(const CheckContext& ctx, Reporter& r) {
  walk_schemas(ctx, Direction::response, [&](const SchemaNode& n) {
    Nullability c = nullability_change(*n.old_schema.node, *n.new_schema.node);
    if (c == Nullability::same) return;
    std::string subject = node_text(n);
    if (c == Nullability::became_nullable) {
      Finding& f = r.report(n.root() ? "response-body-became-nullable" : "response-property-became-nullable",
                            n.location(ctx), n.operation,
                            subject + " may now be null: clients that expect a value can fail");
      f.hint = "omit the property instead of sending null, or add a new nullable property";
    } else {
      r.report(n.root() ? "response-body-became-not-nullable" : "response-property-became-not-nullable",
               n.location(ctx), n.operation, subject + " is no longer nullable");
    }
  });
}

void request_property_min_increased_check(const CheckContext& ctx, Reporter& r) {
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    bool read_only = !n.root() && schema_flag(*n.new_schema.node, "readOnly");
    for (bool exclusive : {false, true}) {
      const char* key = exclusive ? "exclusiveMinimum" : "minimum";
      const Json* o = number_member(*n.old_schema.node, key);
      const Json* nw = number_member(*n.new_schema.node, key);
      if (!o || !nw || o->get<double>() == nw->get<double>()) continue;
      std::string kind = exclusive ? "exclusive-min" : "min";
      std::string subject = node_text(n);
      std::string msg = subject + ": `" + key + "` changed from " + num_text(*o) + " to " +
                        num_text(*nw);
      if (nw->get<double>() > o->get<double>()) {
        std::string id = n.root() ? "request-body-" + kind + "-increased"
                         : read_only ? "request-read-only-property-" + kind + "-increased"
                                     : "request-property-" + kind + "-increased";
        Finding& f = r.report(id, n.location(ctx), n.operation,
                              read_only ? msg : msg + ": values clients send today may now be rejected");
        if (!read_only) f.hint = "keep the lower bound; validate new data separately if needed";
      } else {
        r.report(n.root() ? "request-body-" + kind + "-decreased" : "request-property-" + kind + "-decreased",
                 n.location(ctx), n.operation, msg);
      }
    }
  });
}

void request_property_max_set_check(const CheckContext& ctx, Reporter& r) {
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    for (bool exclusive : {false, true}) {
      const char* key = exclusive ? "exclusiveMaximum" : "maximum";
      const Json* o = number_member(*n.old_schema.node, key);
      const Json* nw = number_member(*n.new_schema.node, key);
      if (o || !nw) continue;
      std::string kind = exclusive ? "exclusive-max" : "max";
      std::string subject = node_text(n);
      Finding& f = r.report(n.root() ? "request-body-" + kind + "-set" : "request-property-" + kind + "-set",
                            n.location(ctx), n.operation,
                            subject + " now has `" + key + ": " + num_text(*nw) +
                                "`: larger values clients send today will be rejected");
      f.hint = "make sure no client sends larger values, or leave the bound unset";
    }
  });
}

void request_property_pattern_updated_check(const CheckContext& ctx, Reporter& r) {
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    if (n.root()) return;
    std::string o = string_member(*n.old_schema.node, "pattern"), nw = string_member(*n.new_schema.node, "pattern");
    if (o == nw) return;
    std::string subject = node_text(n);
    Location where = n.location(ctx);
    if (o.empty()) {
      Finding& f = r.report("request-property-pattern-added", where, n.operation,
                            subject + " now must match the pattern `" + nw + "`: values clients send today may be rejected");
      f.hint = "add the pattern only if every value clients send already matches it";
    } else if (nw.empty()) {
      r.report("request-property-pattern-removed", where, n.operation, subject + " no longer has the pattern `" + o + "`");
    } else if (nw == ".*") {
      r.report("request-property-pattern-generalized", where, n.operation,
               subject + ": the pattern `" + o + "` was relaxed to `.*`");
    } else {
      r.report("request-property-pattern-changed", where, n.operation,
               subject + ": the pattern changed from `" + o + "` to `" + nw + "`; values that matched the old one may be rejected");
    }
  });
}

// ---- response properties --------------------------------------------------------------------------

namespace {

void response_property_presence(const CheckContext& ctx, Reporter& r, bool required_ones) {
  walk_schemas(ctx, Direction::response, [&](const SchemaNode& n) {
    bool wrapped = one_of_wrapping(ctx, n);
    if (wrapped && n.root() && required_ones) {
      Finding& f = r.report("response-body-wrapped-in-one-of", n.location(ctx), n.operation,
                            "the response body schema in " + where_text(n) +
                                " was wrapped in a `oneOf`: clients must now tell the alternatives apart, "
                                "and properties they relied on may be missing");
      f.hint = "keep the old shape, or version the operation";
    }
    const Json* op = wrapped ? nullptr : properties_of(*n.old_schema.node);
    const Json* np = properties_of(*n.new_schema.node);
    std::string kind = required_ones ? "required" : "optional";
    if (op)
      for (auto it = op->begin(); it != op->end(); ++it) {
        if (np && np->contains(it.key())) continue;
        if (property_renamed(ctx, n, it.key(), true)) continue;  // reported as a rename
        if (in_required(*n.old_schema.node, it.key()) != required_ones) continue;
        SchemaSide p = resolve_side(ctx.old_spec, it.value(), *n.old_schema.doc);
        bool write_only = p && schema_flag(*p.node, "writeOnly");
        std::string name = prop_name(n, it.key());
        Location where = p ? ctx.old_spec.location(*p.node, *p.doc) : n.location(ctx, true);
        if (write_only) {
          r.report_removed("response-" + kind + "-write-only-property-removed", where, n.location(ctx), n.operation,
                   "the write-only " + kind + " response property `" + name + "` was removed from " + where_text(n));
        } else {
          Finding& f = r.report_removed("response-" + kind + "-property-removed", where, n.location(ctx), n.operation,
                                "the " + kind + " response property `" + name + "` was removed from " + where_text(n) +
                                    ": clients reading it " + (required_ones ? "will fail" : "lose the data"));
          f.hint = "keep returning the property (mark it `deprecated: true`) until clients stop reading it";
        }
      }
    if (np)
      for (auto it = np->begin(); it != np->end(); ++it) {
        if (op && op->contains(it.key())) continue;
        if (property_renamed(ctx, n, it.key(), false)) continue;  // reported as a rename
        if (in_required(*n.new_schema.node, it.key()) != required_ones) continue;
        SchemaSide p = resolve_side(ctx.new_spec, it.value(), *n.new_schema.doc);
        bool write_only = p && schema_flag(*p.node, "writeOnly");
        std::string name = prop_name(n, it.key());
        Location where = p ? ctx.new_spec.location(*p.node, *p.doc) : n.location(ctx);
        r.report("response-" + kind + (write_only ? "-write-only" : "") + "-property-added", where, n.operation,
                 "new " + kind + (write_only ? " write-only" : "") + " response property `" + name + "` in " +
                     where_text(n));
      }
  });
}

}  // namespace

void response_required_property_updated_check(const CheckContext& ctx, Reporter& r) {
  response_property_presence(ctx, r, true);
}
void response_optional_property_updated_check(const CheckContext& ctx, Reporter& r) {
  response_property_presence(ctx, r, false);
}

// ---- required changes in responses, enums, maxLength ---------------------------------------------

namespace {

void response_required_changed(const CheckContext& ctx, Reporter& r, bool became_optional) {
  walk_schemas(ctx, Direction::response, [&](const SchemaNode& n) {
    const Json* np = properties_of(*n.new_schema.node);
    const Json* op = properties_of(*n.old_schema.node);
    if (!np || !op) return;
    for (auto it = np->begin(); it != np->end(); ++it) {
      if (!op->contains(it.key())) continue;
      bool was = in_required(*n.old_schema.node, it.key()), is = in_required(*n.new_schema.node, it.key());
      if (was == is || is == became_optional) continue;
      SchemaSide p = resolve_side(ctx.new_spec, it.value(), *n.new_schema.doc);
      bool write_only = p && schema_flag(*p.node, "writeOnly");
      std::string name = prop_name(n, it.key());
      Location where = p ? ctx.new_spec.location(*p.node, *p.doc) : n.location(ctx);
      const char* what = became_optional ? "became-optional" : "became-required";
      std::string id = std::string(write_only ? "response-write-only-property-" : "response-property-") + what;
      std::string msg = "response property `" + name + "` in " + where_text(n) +
                        (became_optional ? " is no longer required" : " became required");
      if (became_optional && !write_only) {
        Finding& f = r.report(id, where, n.operation, msg + ": clients that rely on it being present can fail");
        f.hint = "keep the property required in responses; it can stay optional in requests";
      } else {
        r.report(id, where, n.operation, msg);
      }
    }
  });
}

std::vector<Json> enum_values(const Json& s) {
  const Json* e = member(s, "enum");
  return e && e->is_array() ? std::vector<Json>(e->begin(), e->end()) : std::vector<Json>{};
}

std::vector<Json> missing_from(const std::vector<Json>& a, const std::vector<Json>& b) {
  std::vector<Json> out;
  for (const Json& v : a)
    if (std::find(b.begin(), b.end(), v) == b.end()) out.push_back(v);
  return out;
}

std::string subject_of(const SchemaNode& n) { return node_text(n); }

}  // namespace

void response_property_became_optional_check(const CheckContext& ctx, Reporter& r) {
  response_required_changed(ctx, r, true);
}
void response_property_became_required_check(const CheckContext& ctx, Reporter& r) {
  response_required_changed(ctx, r, false);
}

namespace {

// Which nodes a check looks at: the body root (the `*-body-*` ids), the walked nodes, or both.
enum class Scope { root, nested, both };
bool in_scope(Scope scope, const SchemaNode& n) {
  return scope == Scope::both || (scope == Scope::root) == n.root();
}

void became_enum(const CheckContext& ctx, Reporter& r, Scope scope) {
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    if (!in_scope(scope, n)) return;
    if (member(*n.old_schema.node, "enum") || !member(*n.new_schema.node, "enum")) return;
    Finding& f = r.report(n.root() ? "request-body-became-enum" : "request-property-became-enum", n.location(ctx),
                          n.operation, subject_of(n) + " became an enum: values outside the list are now rejected");
    f.hint = "list every value clients send today, or keep the value open";
  });
}

void request_enum_values(const CheckContext& ctx, Reporter& r, Scope scope) {
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    if (!in_scope(scope, n)) return;
    std::vector<Json> o = enum_values(*n.old_schema.node), nw = enum_values(*n.new_schema.node);
    // Both sides must constrain the values (`enum: []` still does); an enum added or dropped as a
    // whole is another check's finding.
    if (!member(*n.old_schema.node, "enum") || !member(*n.new_schema.node, "enum")) return;
    bool read_only = !n.root() && schema_flag(*n.new_schema.node, "readOnly");
    for (const Json& v : missing_from(o, nw)) {
      std::string id = n.root() ? "request-body-enum-value-removed"
                       : read_only ? "request-read-only-property-enum-value-removed"
                                   : "request-property-enum-value-removed";
      std::string msg = "enum value `" + v.dump() + "` was removed from " + subject_of(n);
      if (read_only) {
        r.report(id, n.location(ctx), n.operation, msg);
      } else {
        Finding& f = r.report(id, n.location(ctx), n.operation, msg + ": clients sending it are now rejected");
        f.hint = "keep accepting the value (and ignore or map it) until clients stop sending it";
      }
    }
    if (!n.root())
      for (const Json& v : missing_from(nw, o))
        r.report("request-property-enum-value-added", n.location(ctx), n.operation,
                 "enum value `" + v.dump() + "` was added to " + subject_of(n));
  });
}

// `added`: the added values of walked nodes; else the removed values of the nodes in scope.
void response_enum_values(const CheckContext& ctx, Reporter& r, Scope scope, bool added) {
  walk_schemas(ctx, Direction::response, [&](const SchemaNode& n) {
    if (!in_scope(scope, n)) return;
    std::vector<Json> o = enum_values(*n.old_schema.node), nw = enum_values(*n.new_schema.node);
    // Both sides must constrain the values (`enum: []` still does); an enum added or dropped as a
    // whole is another check's finding.
    if (!member(*n.old_schema.node, "enum") || !member(*n.new_schema.node, "enum")) return;
    bool write_only = schema_flag(*n.new_schema.node, "writeOnly");
    if (!added)
      for (const Json& v : missing_from(o, nw))
        r.report(n.root() ? "response-mediatype-enum-value-removed" : "response-property-enum-value-removed",
                 n.location(ctx), n.operation, "enum value `" + v.dump() + "` was removed from " + subject_of(n));
    if (n.root() || !added) return;
    for (const Json& v : missing_from(nw, o)) {
      std::string msg = "enum value `" + v.dump() + "` was added to " + subject_of(n);
      if (write_only) {
        r.report("response-write-only-property-enum-value-added", n.location(ctx), n.operation, msg);
      } else {
        Finding& f = r.report("response-property-enum-value-added", n.location(ctx), n.operation,
                              msg + ": clients that switch over the known values may not handle it");
        f.hint = "tell clients to expect unknown values, or only return the new value to clients that ask for it";
      }
    }
  });
}

// `set`: the bound appeared (the *-set ids); else it changed value.
void request_max_length(const CheckContext& ctx, Reporter& r, bool set) {
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    const Json* o = number_member(*n.old_schema.node, "maxLength");
    const Json* nw = number_member(*n.new_schema.node, "maxLength");
    std::string lvl = n.root() ? "request-body-" : "request-property-";
    if (!o && nw) {
      if (!set) return;
      Finding& f = r.report(lvl + "max-length-set", n.location(ctx), n.operation,
                            subject_of(n) + " now has `maxLength: " + num_text(*nw) +
                                "`: longer values clients send today will be rejected");
      f.hint = "make sure no client sends longer values, or leave the bound unset";
      return;
    }
    if (set || !o || !nw || o->get<double>() == nw->get<double>()) return;
    std::string msg = subject_of(n) + ": `maxLength` changed from " + num_text(*o) + " to " + num_text(*nw);
    if (nw->get<double>() < o->get<double>()) {
      bool read_only = !n.root() && schema_flag(*n.new_schema.node, "readOnly");
      if (read_only) {
        r.report("request-read-only-property-max-length-decreased", n.location(ctx), n.operation, msg);
      } else {
        Finding& f = r.report(lvl + "max-length-decreased", n.location(ctx), n.operation,
                              msg + ": longer values that were valid are now rejected");
        f.hint = "keep the old limit";
      }
    } else {
      r.report(lvl + "max-length-increased", n.location(ctx), n.operation, msg);
    }
  });
}

}  // namespace

void request_body_became_enum_check(const CheckContext& ctx, Reporter& r) { became_enum(ctx, r, Scope::root); }
void request_property_became_enum_check(const CheckContext& ctx, Reporter& r) { became_enum(ctx, r, Scope::nested); }
void request_body_enum_value_removed_check(const CheckContext& ctx, Reporter& r) {
  request_enum_values(ctx, r, Scope::root);
}
void request_property_enum_value_updated_check(const CheckContext& ctx, Reporter& r) {
  request_enum_values(ctx, r, Scope::nested);
}
void response_property_enum_value_added_check(const CheckContext& ctx, Reporter& r) {
  response_enum_values(ctx, r, Scope::nested, true);
}
void response_parameter_enum_value_removed_check(const CheckContext& ctx, Reporter& r) {
  response_enum_values(ctx, r, Scope::nested, false);
}
void response_media_type_enum_value_removed_check(const CheckContext& ctx, Reporter& r) {
  response_enum_values(ctx, r, Scope::root, false);
}
void request_property_max_length_updated_check(const CheckContext& ctx, Reporter& r) { request_max_length(ctx, r, false); }
void request_property_max_length_set_check(const CheckContext& ctx, Reporter& r) { request_max_length(ctx, r, true); }

// ---- request bodies -------------------------------------------------------------------------------

void added_request_body_check(const CheckContext& ctx, Reporter& r) {
  for (const RequestBodyPair& p : request_body_pairs(ctx)) {
    if (p.old_body || !p.new_body) continue;
    bool required = schema_flag(*p.new_body.node, "required");
    Location where = ctx.new_spec.location(*p.new_body.node, *p.new_body.doc);
    if (required) {
      Finding& f = r.report("request-body-added-required", where, p.operation,
                            "a required request body was added to `" + p.operation +
                                "`: existing clients send no body and are now rejected");
      f.hint = "make the new request body optional";
    } else {
      r.report("request-body-added-optional", where, p.operation, "an optional request body was added to `" + p.operation + "`");
    }
  }
}

void request_body_removed_check(const CheckContext& ctx, Reporter& r) {
  for (const RequestBodyPair& p : request_body_pairs(ctx)) {
    if (!p.old_body || p.new_body) continue;
    Finding& f = r.report_removed("request-body-removed", ctx.old_spec.location(*p.old_body.node, *p.old_body.doc),
                                  ctx.new_spec.location(*p.new_op->node, *p.new_op->doc), p.operation,
                          "the request body of `" + p.operation +
                              "` was removed: clients still send one, which the server may now reject or ignore");
    f.hint = "keep accepting the body (deprecate it) until clients stop sending it";
  }
}

void request_body_required_updated_check(const CheckContext& ctx, Reporter& r) {
  for (const RequestBodyPair& p : request_body_pairs(ctx)) {
    if (!p.old_body || !p.new_body) continue;
    bool was = schema_flag(*p.old_body.node, "required"), is = schema_flag(*p.new_body.node, "required");
    if (was == is) continue;
    Location where = ctx.new_spec.location(*p.new_body.node, *p.new_body.doc);
    if (is) {
      Finding& f = r.report("request-body-became-required", where, p.operation,
                            "the request body of `" + p.operation +
                                "` became required: clients that send no body are now rejected");
      f.hint = "keep the body optional and use defaults when it is missing";
    } else {
      r.report("request-body-became-optional", where, p.operation,
               "the request body of `" + p.operation + "` became optional");
    }
  }
}

void request_body_media_type_changed_check(const CheckContext& ctx, Reporter& r) {
  for (const RequestBodyPair& p : request_body_pairs(ctx)) {
    if (!p.old_body || !p.new_body) continue;
    std::vector<std::string> om = body_media_types(ctx.old_spec, *p.old_op, *p.old_body.node);
    std::vector<std::string> nm = body_media_types(ctx.new_spec, *p.new_op, *p.new_body.node);
    auto has = [](const std::vector<std::string>& v, const std::string& s) {
      return std::find(v.begin(), v.end(), s) != v.end();
    };
    for (const std::string& m : om)
      if (!has(nm, m)) {
        Finding& f = r.report("request-body-media-type-removed", ctx.new_spec.location(*p.new_body.node, *p.new_body.doc),
                              p.operation,
                              "the request body of `" + p.operation + "` no longer accepts media type `" + m +
                                  "`: clients sending it are now rejected");
        f.hint = "keep accepting the media type alongside the new ones";
      }
    for (const std::string& m : nm)
      if (!has(om, m))
        r.report("request-body-media-type-added", ctx.new_spec.location(*p.new_body.node, *p.new_body.doc), p.operation,
                 "the request body of `" + p.operation + "` now also accepts media type `" + m + "`");
  }
}

// ---- more bounds: maximum, minItems, minLength, minimum set; response bounds and patterns --------

namespace {

// minItems and minLength read as 0 when absent (a plain integer in the diff).
double count_bound(const Json& s, const char* key) {
  const Json* m = number_member(s, key);
  return m ? m->get<double>() : 0;
}

// An exclusive bound that constrains: a number (3.1) or `true` (3.0).
bool bound_present(const Json& s, const char* key) {
  const Json* m = member(s, key);
  return m && (m->is_number() || (m->is_boolean() && m->get<bool>()));
}

}  // namespace

void request_property_max_decreased_check(const CheckContext& ctx, Reporter& r) {
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    bool read_only = !n.root() && schema_flag(*n.new_schema.node, "readOnly");
    for (bool exclusive : {false, true}) {
      const char* key = exclusive ? "exclusiveMaximum" : "maximum";
      const Json* o = number_member(*n.old_schema.node, key);
      const Json* nw = number_member(*n.new_schema.node, key);
      if (!o || !nw || o->get<double>() == nw->get<double>()) continue;
      std::string kind = exclusive ? "exclusive-max" : "max";
      std::string msg = subject_of(n) + ": `" + key + "` changed from " + num_text(*o) + " to " + num_text(*nw);
      std::string lvl = n.root() ? "request-body-" : "request-property-";
      if (nw->get<double>() > o->get<double>()) {
        r.report(lvl + kind + "-increased", n.location(ctx), n.operation, msg);
      } else if (read_only) {
        r.report("request-read-only-property-" + kind + "-decreased", n.location(ctx), n.operation, msg);
      } else {
        Finding& f = r.report(lvl + kind + "-decreased", n.location(ctx), n.operation,
                              msg + ": larger values clients send today may now be rejected");
        f.hint = "keep the upper bound; validate new data separately if needed";
      }
    }
  });
}

void request_property_min_items_increased_check(const CheckContext& ctx, Reporter& r) {
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    double o = count_bound(*n.old_schema.node, "minItems"), nw = count_bound(*n.new_schema.node, "minItems");
    if (nw <= o) return;  // fewer items required: nothing that was valid breaks
    Finding& f = r.report(n.root() ? "request-body-min-items-increased" : "request-property-min-items-increased",
                          n.location(ctx), n.operation,
                          subject_of(n) + ": `minItems` increased from " + number_text(Json(o)) + " to " +
                              number_text(Json(nw)) + ": shorter arrays clients send today are now rejected");
    f.hint = "keep the lower bound";
  });
}

// How many items an array, or properties an object, may hold: a maximum set or lowered, or a
// minimum raised (an absent minimum is 0), rejects values clients send today. A read-only
// property is not sent.
void request_property_count_bounds_check(const CheckContext& ctx, Reporter& r) {
  struct Bound {
    const char* key;
    const char* slug;
    bool upper;
    const char* counted;
  };
  static constexpr Bound kBounds[] = {{"maxItems", "max-items", true, "items"},
                                      {"maxProperties", "max-properties", true, "properties"},
                                      {"minProperties", "min-properties", false, "properties"}};
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    if (!n.root() && schema_flag(*n.new_schema.node, "readOnly")) return;
    std::string lvl = n.root() ? "request-body-" : "request-property-";
    for (const Bound& b : kBounds) {
      const Json *o = number_member(*n.old_schema.node, b.key), *nw = number_member(*n.new_schema.node, b.key);
      std::string shape = std::string(b.counted) == "items" ? "arrays" : "objects";
      if (b.upper && nw && !o) {
        Finding& f = r.report(lvl + b.slug + "-set", n.location(ctx), n.operation,
                              subject_of(n) + " now has `" + b.key + ": " + number_text(*nw) + "`: " + shape +
                                  " with more " + b.counted + " that clients send today are rejected");
        f.hint = "make sure no client sends more, or leave the bound unset";
      } else if (b.upper && nw && o && nw->get<double>() < o->get<double>()) {
        Finding& f = r.report(lvl + b.slug + "-decreased", n.location(ctx), n.operation,
                              subject_of(n) + ": `" + b.key + "` decreased from " + number_text(*o) + " to " +
                                  number_text(*nw) + ": " + shape + " with more " + b.counted +
                                  ", valid before, are now rejected");
        f.hint = "keep the old bound";
      } else if (!b.upper && count_bound(*n.new_schema.node, b.key) > count_bound(*n.old_schema.node, b.key)) {
        Finding& f = r.report(lvl + b.slug + "-increased", n.location(ctx), n.operation,
                              subject_of(n) + ": `" + b.key + "` increased from " +
                                  number_text(Json(count_bound(*n.old_schema.node, b.key))) + " to " +
                                  number_text(*nw) + ": " + shape + " with fewer " + b.counted +
                                  " that clients send today are now rejected");
        f.hint = "keep the lower bound";
      }
    }
  });
}

void request_property_min_length_updated_check(const CheckContext& ctx, Reporter& r) {
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    double o = count_bound(*n.old_schema.node, "minLength"), nw = count_bound(*n.new_schema.node, "minLength");
    if (o == nw) return;
    std::string lvl = n.root() ? "request-body-" : "request-property-";
    std::string msg = subject_of(n) + ": `minLength` changed from " + number_text(Json(o)) + " to " + number_text(Json(nw));
    if (nw < o) {
      r.report(lvl + "min-length-decreased", n.location(ctx), n.operation, msg);
      return;
    }
    Finding& f = r.report(lvl + "min-length-increased", n.location(ctx), n.operation,
                          msg + ": shorter values clients send today are now rejected");
    f.hint = "keep the old minimum length";
  });
}

void request_property_min_set_check(const CheckContext& ctx, Reporter& r) {
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    for (bool exclusive : {false, true}) {
      const char* key = exclusive ? "exclusiveMinimum" : "minimum";
      if (bound_present(*n.old_schema.node, key) || !bound_present(*n.new_schema.node, key)) continue;
      std::string kind = exclusive ? "exclusive-min" : "min";
      Finding& f = r.report((n.root() ? "request-body-" : "request-property-") + kind + "-set", n.location(ctx),
                            n.operation,
                            subject_of(n) + " now has `" + key + ": " + (*n.new_schema.node)[key].dump() +
                                "`: smaller values clients send today will be rejected");
      f.hint = "make sure no client sends smaller values, or leave the bound unset";
    }
  });
}

namespace {

// `upper`: a maximum that increased; else a minimum that decreased. Both values must be present.
void response_bound_widened(const CheckContext& ctx, Reporter& r, bool upper) {
  walk_schemas(ctx, Direction::response, [&](const SchemaNode& n) {
    if (!n.root() && schema_flag(*n.new_schema.node, "writeOnly")) return;
    for (bool exclusive : {false, true}) {
      const char* key = upper ? (exclusive ? "exclusiveMaximum" : "maximum") : (exclusive ? "exclusiveMinimum" : "minimum");
      const Json* o = number_member(*n.old_schema.node, key);
      const Json* nw = number_member(*n.new_schema.node, key);
      if (!o || !nw) continue;
      double a = o->get<double>(), b = nw->get<double>();
      if (upper ? b <= a : b >= a) continue;
      std::string kind = std::string(exclusive ? "exclusive-" : "") + (upper ? "max-increased" : "min-decreased");
      Finding& f = r.report((n.root() ? "response-body-" : "response-property-") + kind, n.location(ctx), n.operation,
                            subject_of(n) + ": `" + key + "` changed from " + num_text(*o) + " to " + num_text(*nw) +
                                ": clients may receive values outside the range they were promised");
      f.hint = "keep the old bound in responses";
    }
  });
}

}  // namespace

void response_property_max_increased_check(const CheckContext& ctx, Reporter& r) { response_bound_widened(ctx, r, true); }
void response_property_min_decreased_check(const CheckContext& ctx, Reporter& r) { response_bound_widened(ctx, r, false); }

void response_pattern_added_or_changed_check(const CheckContext& ctx, Reporter& r) {
  walk_schemas(ctx, Direction::response, [&](const SchemaNode& n) {
    if (n.root()) return;
    std::string o = string_member(*n.old_schema.node, "pattern"), nw = string_member(*n.new_schema.node, "pattern");
    if (o == nw) return;
    std::string subject = subject_of(n);
    if (o.empty())
      r.report("response-property-pattern-added", n.location(ctx), n.operation,
               subject + " now matches the pattern `" + nw + "`");
    else if (nw.empty())
      r.report("response-property-pattern-removed", n.location(ctx), n.operation,
               subject + " no longer has the pattern `" + o + "`");
    else
      r.report("response-property-pattern-changed", n.location(ctx), n.operation,
               subject + ": the pattern changed from `" + o + "` to `" + nw + "`");
  });
}

}  // namespace driftcheck::openapi
