// Composition checks over the schema walk: members added to or removed from allOf / anyOf / oneOf,
// discriminator changes, and the "list of types" idiom (a oneOf/anyOf of bare types standing for a
// set of allowed types) (docs/dev/oasdiff-check-semantics.md §1.11, §2.5-2.7).
#include <algorithm>
#include <set>

#include "openapi/checks/checks.h"
#include "openapi/checks/schema_walk.h"
#include "openapi/checks/subschemas.h"

namespace driftcheck::openapi {

namespace {

const Json* member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

const char* side_of(const SchemaNode& n) { return n.direction == Direction::request ? "request" : "response"; }

// "request-body-" or "response-property-"...: the id prefix of a node.
std::string id_prefix(const SchemaNode& n) { return std::string(side_of(n)) + (n.root() ? "-body-" : "-property-"); }

std::string subject(const SchemaNode& n) { return node_text(n); }

// ---- allOf / anyOf / oneOf -----------------------------------------------------------------------

struct Composition {
  const char* key;   // allOf
  const char* slug;  // all-of
};

// Why a change of the member list matters, by keyword, direction and added/removed; "" when it
// does not break clients.
std::string consequence(const std::string& slug, Direction dir, bool added) {
  bool request = dir == Direction::request;
  if (slug == "all-of") {
    if (request && added) return "requests must now also match the new member, so some valid requests are rejected";
    if (request) return "the server may no longer enforce or use what the removed member described";
    return "";
  }
  if (slug == "any-of") return request && !added ? "requests that only matched the removed member are now rejected" : "";
  if (request && !added) return "requests that only matched the removed member are now rejected";
  if (!request && added) return "responses may now take a shape that clients do not handle";
  return "";
}

void report_members(Reporter& r, const CheckContext& ctx, const SchemaNode& n, const Composition& c, bool added,
                    const std::vector<size_t>& indexes, bool annotation) {
  if (indexes.empty()) return;
  const Json& list = *member(added ? *n.new_schema.node : *n.old_schema.node, c.key);
  std::string id = id_prefix(n) + c.slug + (added ? "-added" : "-removed") + (annotation ? "-annotation-only" : "");
  std::string msg = std::string(added ? "added " : "removed ") + "`" + render_members(list, indexes) + "` " +
                    (added ? "to" : "from") + " the `" + c.key + "` list of " + subject(n);
  if (annotation) msg += ": the member only annotates and accepts every value";
  std::string why = annotation ? "" : consequence(c.slug, n.direction, added);
  // A removed member points at the schema that lost it, with its place in the old list as `old`.
  auto report = [&](std::string message) -> Finding& {
    if (added) return r.report(id, n.location(ctx), n.operation, std::move(message));
    return r.report_removed(id, ctx.old_spec.location(list[indexes.front()], *n.old_schema.doc), n.location(ctx),
                            n.operation, std::move(message));
  };
  if (why.empty()) {
    report(msg);
    return;
  }
  Finding& f = report(msg + ": " + why);
  f.hint = added ? "introduce the new shape as a new, optional alternative, or version the operation"
                 : "keep the member until no client depends on it, or version the operation";
}

// ---- list of types --------------------------------------------------------------------------------

// The types a schema allows when it is a bare `type` or a oneOf/anyOf of bare single-type members.
struct TypePattern {
  bool valid = false;
  bool list = false;  // from a oneOf/anyOf
  std::vector<std::string> types;
};

bool bare_single_type(const Json& s) {
  std::vector<std::string> t = schema_types(s);
  if (t.size() != 1) return false;
  for (const char* k : {"properties", "oneOf", "anyOf", "allOf"}) {
    const Json* m = member(s, k);
    if (m && !m->empty()) return false;
  }
  return true;
}

TypePattern type_pattern(const Spec& spec, const SchemaSide& side) {
  const Json& s = *side.node;
  const Json* all_of = member(s, "allOf");
  const Json* props = member(s, "properties");
  if (member(s, "not") || (all_of && !all_of->empty()) || (props && !props->empty())) return {};
  std::vector<std::string> t = schema_types(s);
  if (!t.empty()) return {true, false, {t[0]}};  // a 3.0 type is one string: the first one stands
  for (const char* k : {"oneOf", "anyOf"}) {
    const Json* list = member(s, k);
    if (!list || !list->is_array() || list->empty()) continue;  // an empty list allows no type set
    TypePattern p{true, true, {}};
    for (const Json& m : *list) {
      SchemaSide ms = resolve_side(spec, m, *side.doc);
      if (!ms || !bare_single_type(*ms.node)) {
        p.valid = false;
        break;
      }
      p.types.push_back(schema_types(*ms.node)[0]);
    }
    if (p.valid) return p;
  }
  return {};
}

struct TypeListChange {
  bool changed = false;
  std::vector<std::string> added, removed;
};

TypeListChange list_of_types_change(const CheckContext& ctx, const SchemaNode& n) {
  TypePattern o = type_pattern(ctx.old_spec, n.old_schema), nw = type_pattern(ctx.new_spec, n.new_schema);
  if (!(o.valid && o.list) && !(nw.valid && nw.list)) return {};
  std::set<std::string> os(o.types.begin(), o.types.end()), ns(nw.types.begin(), nw.types.end());
  TypeListChange c;
  std::set_difference(ns.begin(), ns.end(), os.begin(), os.end(), std::back_inserter(c.added));
  std::set_difference(os.begin(), os.end(), ns.begin(), ns.end(), std::back_inserter(c.removed));
  c.changed = !c.added.empty() || !c.removed.empty();
  return c;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "`" : ", `") + s + "`";
  return out;
}

}  // namespace

bool list_of_types_changed(const CheckContext& ctx, const SchemaNode& node) { return list_of_types_change(ctx, node).changed; }

namespace {

void composition_check(const CheckContext& ctx, Reporter& r, Direction dir, const Composition& c) {
  bool all_of = std::string(c.key) == "allOf";
  walk_schemas(ctx, dir, [&](const SchemaNode& n) {
    // A oneOf/anyOf of bare types is reported as a change of the allowed types instead.
    if (!all_of && list_of_types_change(ctx, n).changed) return;
    // A body wrapped into a oneOf is reported once, as the wrapping.
    if (std::string(c.key) == "oneOf" && n.root() && one_of_wrapping(ctx, n)) return;
    MemberPairing p = pair_members(ctx, n, c.key);
    for (bool added : {true, false}) {
      const std::vector<size_t>& all = added ? p.added : p.deleted;
      std::vector<size_t> plain, annotations;
      const Spec& spec = added ? ctx.new_spec : ctx.old_spec;
      const SchemaSide& side = added ? n.new_schema : n.old_schema;
      for (size_t i : all) {
        bool annotation = all_of && annotation_only(spec, (*member(*side.node, c.key))[i], *side.doc);
        (annotation ? annotations : plain).push_back(i);
      }
      report_members(r, ctx, n, c, added, plain, false);
      report_members(r, ctx, n, c, added, annotations, true);
    }
  });
}

// ---- discriminator --------------------------------------------------------------------------------

std::vector<std::string> keys_missing(const Json& from, const Json& in) {
  std::vector<std::string> out;
  for (auto it = from.begin(); it != from.end(); ++it)
    if (!in.contains(it.key())) out.push_back(it.key());
  return out;
}

void discriminator_check(const CheckContext& ctx, Reporter& r, Direction dir) {
  walk_schemas(ctx, dir, [&](const SchemaNode& n) {
    const Json* o = member(*n.old_schema.node, "discriminator");
    const Json* nw = member(*n.new_schema.node, "discriminator");
    if (o && !o->is_object()) o = nullptr;
    if (nw && !nw->is_object()) nw = nullptr;
    if ((!o && !nw) || (o && nw && *o == *nw)) return;
    std::string id = id_prefix(n) + "discriminator-";
    Location where = n.location(ctx);
    if (!o || !nw) {
      if (o) r.report_removed(id + "removed", ctx.old_spec.location(*o, *n.old_schema.doc), where, n.operation,
                              "the discriminator was removed from " + subject(n));
      else r.report(id + "added", where, n.operation, "a discriminator was added to " + subject(n));
      return;
    }
    std::string old_name = string_member(*o, "propertyName"), new_name = string_member(*nw, "propertyName");
    if (old_name != new_name)
      r.report(id + "property-name-changed", where, n.operation,
               "the discriminator property of " + subject(n) + " changed from `" + old_name + "` to `" + new_name + "`");
    static const Json empty = Json::object();
    const Json* om = member(*o, "mapping");
    const Json* nm = member(*nw, "mapping");
    const Json& old_map = om && om->is_object() ? *om : empty;
    const Json& new_map = nm && nm->is_object() ? *nm : empty;
    std::vector<std::string> added = keys_missing(new_map, old_map), removed = keys_missing(old_map, new_map);
    if (!added.empty())
      r.report(id + "mapping-added", where, n.operation,
               "discriminator mapping keys " + joined(added) + " were added to " + subject(n));
    if (!removed.empty())
      r.report(id + "mapping-deleted", where, n.operation,
               "discriminator mapping keys " + joined(removed) + " were removed from " + subject(n));
    for (auto it = old_map.begin(); it != old_map.end(); ++it) {
      auto other = new_map.find(it.key());
      if (other == new_map.end() || *other == it.value()) continue;
      r.report(id + "mapping-changed", where, n.operation,
               "discriminator mapping key `" + it.key() + "` of " + subject(n) + " now maps to " + other->dump() +
                   " instead of " + it.value().dump());
    }
  });
}

void list_of_types_check(const CheckContext& ctx, Reporter& r, Direction dir) {
  walk_schemas(ctx, dir, [&](const SchemaNode& n) {
    TypeListChange c = list_of_types_change(ctx, n);
    if (!c.changed) return;
    // Requests break when a type is no longer accepted; responses when a new type can be sent.
    bool narrowed = dir == Direction::request ? !c.removed.empty() : c.added.empty();
    std::string msg = "the types allowed for " + subject(n) + " changed";
    if (!c.added.empty()) msg += ": added " + joined(c.added);
    if (!c.removed.empty()) msg += std::string(c.added.empty() ? ": " : "; ") + "removed " + joined(c.removed);
    std::string id = id_prefix(n) + "list-of-types-" + (narrowed ? "narrowed" : "widened");
    bool breaking = dir == Direction::request ? narrowed : !narrowed;
    if (!breaking) {
      r.report(id, n.location(ctx), n.operation, msg);
      return;
    }
    Finding& f = r.report(id, n.location(ctx), n.operation,
                          msg + (dir == Direction::request ? ": clients sending a removed type are now rejected"
                                                           : ": clients may receive a type they do not handle"));
    f.hint = dir == Direction::request ? "keep accepting every type accepted before"
                                       : "only return the new types to clients that ask for them";
  });
}

constexpr Composition kAllOf{"allOf", "all-of"}, kAnyOf{"anyOf", "any-of"}, kOneOf{"oneOf", "one-of"};

}  // namespace

void request_property_all_of_updated_check(const CheckContext& ctx, Reporter& r) {
  composition_check(ctx, r, Direction::request, kAllOf);
}
void response_property_all_of_updated_check(const CheckContext& ctx, Reporter& r) {
  composition_check(ctx, r, Direction::response, kAllOf);
}
void request_property_any_of_updated_check(const CheckContext& ctx, Reporter& r) {
  composition_check(ctx, r, Direction::request, kAnyOf);
}
void response_property_any_of_updated_check(const CheckContext& ctx, Reporter& r) {
  composition_check(ctx, r, Direction::response, kAnyOf);
}
void request_property_one_of_updated_check(const CheckContext& ctx, Reporter& r) {
  composition_check(ctx, r, Direction::request, kOneOf);
}
void response_property_one_of_updated_check(const CheckContext& ctx, Reporter& r) {
  composition_check(ctx, r, Direction::response, kOneOf);
}
void request_discriminator_updated_check(const CheckContext& ctx, Reporter& r) {
  discriminator_check(ctx, r, Direction::request);
}
void response_discriminator_updated_check(const CheckContext& ctx, Reporter& r) {
  discriminator_check(ctx, r, Direction::response);
}
void request_property_list_of_types_changed_check(const CheckContext& ctx, Reporter& r) {
  list_of_types_check(ctx, r, Direction::request);
}
void response_property_list_of_types_changed_check(const CheckContext& ctx, Reporter& r) {
  list_of_types_check(ctx, r, Direction::response);
}

}  // namespace driftcheck::openapi
