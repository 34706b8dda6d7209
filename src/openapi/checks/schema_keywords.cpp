// JSON Schema 2020-12 keyword checks (OpenAPI 3.1) over the schema walk: contains and its bounds,
// content*, patternProperties, dependentRequired, dependentSchemas, if/then/else, prefixItems,
// propertyNames, unevaluated*, const, and request-side x-extensible-enum values
// (docs/dev/oasdiff-check-semantics.md §2.8, §3.6). Every family has a request and a response
// variant; the body root reports the `*-body-*` id, every nested node the `*-property-*` id.
#include <algorithm>
#include <optional>
#include <set>

#include "openapi/checks/checks.h"
#include "openapi/checks/schema_walk.h"

namespace driftcheck::openapi {

namespace {

const Json* member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// What a change does to the set of valid instances. Whether that breaks anyone depends on the
// direction: a narrower request schema rejects what clients send, a wider response schema
// returns what clients do not expect.
enum class Effect { narrows, widens, changes };

bool breaks(Direction d, Effect e) {
  return e == Effect::changes || (d == Direction::request) == (e == Effect::narrows);
}

// `request-body-contains-added`, `response-property-if-removed`...
std::string id_for(const SchemaNode& n, const std::string& keyword, const char* verb) {
  return std::string(n.direction == Direction::request ? "request" : "response") +
         (n.root() ? "-body-" : "-property-") + keyword + "-" + verb;
}

std::string subject(const SchemaNode& n) { return node_text(n); }

// Where a finding about a keyword points: its value in the new document; for one that was
// removed, the schema that lost it, with the value's place in the old document as `old`.
struct Place {
  Location where;
  std::optional<Location> old;
};

Place keyword_location(const CheckContext& ctx, const SchemaNode& n, const Json* value, bool old_side) {
  if (!old_side) return {value ? ctx.new_spec.location(*value, *n.new_schema.doc) : n.location(ctx), std::nullopt};
  return {n.location(ctx), value ? ctx.old_spec.location(*value, *n.old_schema.doc) : n.location(ctx, true)};
}

struct Emit {
  const CheckContext& ctx;
  Reporter& r;
  const SchemaNode& n;

  // `what` completes "<subject>: ..."; breaking findings get the consequence and a hint.
  void operator()(const std::string& keyword, const char* verb, Effect effect, const Place& at,
                  const std::string& what) const {
    auto report = [&](std::string message) -> Finding& {
      std::string id = id_for(n, keyword, verb);
      return at.old ? r.report_removed(id, *at.old, at.where, n.operation, std::move(message))
                    : r.report(id, at.where, n.operation, std::move(message));
    };
    std::string msg = subject(n) + ": " + what;
    if (!breaks(n.direction, effect)) {
      report(msg);
      return;
    }
    bool req = n.direction == Direction::request;
    Finding& f = report(msg + (req ? "; requests that were valid before may now be rejected"
                                   : "; clients may now receive data the old schema ruled out"));
    f.hint = req ? "keep accepting everything the old schema accepted, or introduce the constraint in a new version"
                 : "keep responses within what the old schema promised, or version the operation";
  }
};

// A keyword holding a subschema: present means an object (a `$ref` or an inline schema).
bool has_schema(const Json& schema, const char* key) {
  const Json* m = member(schema, key);
  return m && m->is_object();
}

// `key` added as a whole (narrows) or removed (widens).
void schema_presence(const CheckContext& ctx, const Emit& emit, const char* key, const std::string& keyword) {
  const SchemaNode& n = emit.n;
  bool was = has_schema(*n.old_schema.node, key), is = has_schema(*n.new_schema.node, key);
  if (was == is) return;
  std::string k = std::string("`") + key + "`";
  if (is)
    emit(keyword, "added", Effect::narrows, keyword_location(ctx, n, member(*n.new_schema.node, key), false),
         "a subschema was added under " + k);
  else
    emit(keyword, "removed", Effect::widens, keyword_location(ctx, n, member(*n.old_schema.node, key), true),
         "the subschema under " + k + " was removed");
}

const Json* number_member(const Json& s, const char* key) {
  const Json* m = member(s, key);
  return m && m->is_number() ? m : nullptr;
}

// A numeric bound present on both sides that moved; `lower` bounds narrow when they grow.
void bound_change(const CheckContext& ctx, const Emit& emit, const char* key, const std::string& keyword, bool lower) {
  const SchemaNode& n = emit.n;
  const Json* o = number_member(*n.old_schema.node, key);
  const Json* nw = number_member(*n.new_schema.node, key);
  if (!o || !nw || o->get<double>() == nw->get<double>()) return;
  bool increased = nw->get<double>() > o->get<double>();
  emit(keyword, increased ? "increased" : "decreased", increased == lower ? Effect::narrows : Effect::widens,
       keyword_location(ctx, n, nw, false),
       std::string("`") + key + "` changed from " + o->dump() + " to " + nw->dump());
}

// The keys of an object-valued keyword (`patternProperties`, `dependentSchemas`...).
std::vector<std::string> keys_of(const Json& schema, const char* key) {
  std::vector<std::string> out;
  const Json* m = member(schema, key);
  if (m && m->is_object())
    for (auto it = m->begin(); it != m->end(); ++it) out.push_back(it.key());
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// One finding per key added (narrows) or removed (widens) under an object-valued keyword.
void keyed_presence(const CheckContext& ctx, const Emit& emit, const char* key, const std::string& keyword,
                    const std::string& noun) {
  const SchemaNode& n = emit.n;
  std::vector<std::string> o = keys_of(*n.old_schema.node, key), nw = keys_of(*n.new_schema.node, key);
  for (const std::string& k : nw)
    if (!has(o, k))
      emit(keyword, "added", Effect::narrows, keyword_location(ctx, n, &member(*n.new_schema.node, key)->at(k), false),
           noun + " `" + k + "` was added");
  for (const std::string& k : o)
    if (!has(nw, k))
      emit(keyword, "removed", Effect::widens, keyword_location(ctx, n, &member(*n.old_schema.node, key)->at(k), true),
           noun + " `" + k + "` was removed");
}

std::set<std::string> string_set(const Json* list) {
  std::set<std::string> out;
  if (list && list->is_array())
    for (const Json& e : *list)
      if (e.is_string()) out.insert(e.get<std::string>());
  return out;
}

std::string joined(const std::set<std::string>& names) {
  std::string out;
  for (const std::string& s : names) out += (out.empty() ? "`" : ", `") + s + "`";
  return out.empty() ? "nothing" : out;
}

// §1.9 pairing of prefixItems members, reduced to what was added and removed: members with the
// same $ref pair up, an inline member identical to one on the other side is unchanged, inline
// members with the same title pair up, and a lone untitled inline member on each side is one
// modified member. The rest were added (new indices) or removed (old indices).
struct MemberChanges {
  std::vector<size_t> removed, added;
};

std::string ref_of(const Json& m) {
  const Json* r = member(m, "$ref");
  return r && r->is_string() ? r->get<std::string>() : "";
}

MemberChanges member_changes(const Json* old_list, const Json* new_list) {
  static const Json empty = Json::array();
  const Json& o = old_list && old_list->is_array() ? *old_list : empty;
  const Json& n = new_list && new_list->is_array() ? *new_list : empty;
  std::vector<bool> used_o(o.size()), used_n(n.size());
  auto pair_first = [&](size_t i, auto matches) {
    for (size_t j = 0; j < n.size(); ++j)
      if (!used_n[j] && matches(n[j])) {
        used_o[i] = used_n[j] = true;
        return;
      }
  };
  for (size_t i = 0; i < o.size(); ++i) {
    std::string ref = ref_of(o[i]);
    if (!ref.empty()) pair_first(i, [&](const Json& m) { return ref_of(m) == ref; });
  }
  for (size_t i = 0; i < o.size(); ++i)
    if (!used_o[i] && ref_of(o[i]).empty()) pair_first(i, [&](const Json& m) { return m == o[i]; });
  for (size_t i = 0; i < o.size(); ++i) {
    std::string title = string_member(o[i], "title");
    if (!used_o[i] && ref_of(o[i]).empty() && !title.empty())
      pair_first(i, [&](const Json& m) { return ref_of(m).empty() && string_member(m, "title") == title; });
  }
  MemberChanges c;
  for (size_t i = 0; i < o.size(); ++i)
    if (!used_o[i]) c.removed.push_back(i);
  for (size_t j = 0; j < n.size(); ++j)
    if (!used_n[j]) c.added.push_back(j);
  // The lone pair: exactly one unpaired inline member on each side, both without a title.
  auto inline_of = [](const Json& list, const std::vector<size_t>& idx) {
    std::vector<size_t> out;
    for (size_t i : idx)
      if (ref_of(list[i]).empty()) out.push_back(i);
    return out;
  };
  std::vector<size_t> oi = inline_of(o, c.removed), ni = inline_of(n, c.added);
  if (oi.size() == 1 && ni.size() == 1 && string_member(o[oi[0]], "title").empty() &&
      string_member(n[ni[0]], "title").empty()) {
    c.removed.erase(std::find(c.removed.begin(), c.removed.end(), oi[0]));
    c.added.erase(std::find(c.added.begin(), c.added.end(), ni[0]));
  }
  return c;
}

std::string render_members(const Json& list, const std::vector<size_t>& idx) {
  std::string out;
  for (size_t i : idx) {
    std::string ref = ref_of(list[i]);
    std::string title = string_member(list[i], "title");
    std::string one = !ref.empty()    ? "#/components/schemas/" + ref.substr(ref.rfind('/') + 1)
                      : title.empty() ? "subschema #" + std::to_string(i + 1)
                                      : "subschema #" + std::to_string(i + 1) + ": " + title;
    out += (out.empty() ? "" : ", ") + one;
  }
  return out;
}

// ---- the families -------------------------------------------------------------------------------

void contains_updated(const CheckContext& ctx, Reporter& r, Direction d) {
  walk_schemas(ctx, d, [&](const SchemaNode& n) {
    Emit emit{ctx, r, n};
    schema_presence(ctx, emit, "contains", "contains");
    bound_change(ctx, emit, "minContains", "min-contains", true);
    bound_change(ctx, emit, "maxContains", "max-contains", false);
  });
}

// contentMediaType / contentEncoding: set, unset or changed are all one "changed".
void content_value(const CheckContext& ctx, const Emit& emit, const char* key, const std::string& keyword) {
  const SchemaNode& n = emit.n;
  std::string o = string_member(*n.old_schema.node, key), nw = string_member(*n.new_schema.node, key);
  if (o == nw) return;
  auto shown = [](const std::string& s) { return s.empty() ? std::string("(none)") : "`" + s + "`"; };
  const Json* now = member(*n.new_schema.node, key);
  emit(keyword, "changed", Effect::changes,
       now ? keyword_location(ctx, n, now, false) : keyword_location(ctx, n, member(*n.old_schema.node, key), true),
       std::string("`") + key + "` changed from " + shown(o) + " to " + shown(nw));
}

void content_updated(const CheckContext& ctx, Reporter& r, Direction d) {
  walk_schemas(ctx, d, [&](const SchemaNode& n) {
    Emit emit{ctx, r, n};
    schema_presence(ctx, emit, "contentSchema", "content-schema");
    content_value(ctx, emit, "contentMediaType", "content-media-type");
    content_value(ctx, emit, "contentEncoding", "content-encoding");
  });
}

void pattern_properties_updated(const CheckContext& ctx, Reporter& r, Direction d) {
  walk_schemas(ctx, d, [&](const SchemaNode& n) {
    keyed_presence(ctx, Emit{ctx, r, n}, "patternProperties", "pattern-property", "the pattern property");
  });
}

void dependent_schemas_updated(const CheckContext& ctx, Reporter& r, Direction d) {
  walk_schemas(ctx, d, [&](const SchemaNode& n) {
    keyed_presence(ctx, Emit{ctx, r, n}, "dependentSchemas", "dependent-schema", "the dependent schema for");
  });
}

void dependent_required_changed(const CheckContext& ctx, Reporter& r, Direction d) {
  walk_schemas(ctx, d, [&](const SchemaNode& n) {
    Emit emit{ctx, r, n};
    keyed_presence(ctx, emit, "dependentRequired", "dependent-required", "the `dependentRequired` entry for");
    const Json* o = member(*n.old_schema.node, "dependentRequired");
    const Json* nw = member(*n.new_schema.node, "dependentRequired");
    if (!o || !nw || !o->is_object() || !nw->is_object()) return;
    for (auto it = o->begin(); it != o->end(); ++it) {
      auto other = nw->find(it.key());
      if (other == nw->end()) continue;
      std::set<std::string> was = string_set(&it.value()), is = string_set(&*other);
      if (was == is) continue;
      emit("dependent-required", "changed", Effect::changes, keyword_location(ctx, n, &*other, false),
           "the properties required together with `" + it.key() + "` changed from " + joined(was) + " to " +
               joined(is));
    }
  });
}

void if_updated(const CheckContext& ctx, Reporter& r, Direction d) {
  walk_schemas(ctx, d, [&](const SchemaNode& n) {
    Emit emit{ctx, r, n};
    for (const char* k : {"if", "then", "else"}) schema_presence(ctx, emit, k, k);
  });
}

void prefix_items_updated(const CheckContext& ctx, Reporter& r, Direction d) {
  walk_schemas(ctx, d, [&](const SchemaNode& n) {
    const Json* o = member(*n.old_schema.node, "prefixItems");
    const Json* nw = member(*n.new_schema.node, "prefixItems");
    if (!o && !nw) return;
    MemberChanges c = member_changes(o, nw);
    Emit emit{ctx, r, n};
    // A new positional schema only re-describes a position `items` constrained already, while
    // a removed one hands its position to `items`, which may be stricter.
    if (!c.added.empty())
      emit("prefix-items", "added", Effect::widens, keyword_location(ctx, n, nw, false),
           "`prefixItems` members were added: " + render_members(*nw, c.added));
    if (!c.removed.empty())
      emit("prefix-items", "removed", Effect::narrows, keyword_location(ctx, n, o, true),
           "`prefixItems` members were removed: " + render_members(*o, c.removed));
  });
}

void property_names_updated(const CheckContext& ctx, Reporter& r, Direction d) {
  walk_schemas(ctx, d, [&](const SchemaNode& n) {
    schema_presence(ctx, Emit{ctx, r, n}, "propertyNames", "property-names");
  });
}

void unevaluated_updated(const CheckContext& ctx, Reporter& r, Direction d) {
  walk_schemas(ctx, d, [&](const SchemaNode& n) {
    Emit emit{ctx, r, n};
    schema_presence(ctx, emit, "unevaluatedItems", "unevaluated-items");
    schema_presence(ctx, emit, "unevaluatedProperties", "unevaluated-properties");
  });
}

void const_changed(const CheckContext& ctx, Reporter& r, Direction d) {
  walk_schemas(ctx, d, [&](const SchemaNode& n) {
    const Json* o = member(*n.old_schema.node, "const");
    const Json* nw = member(*n.new_schema.node, "const");
    if ((!o && !nw) || (o && nw && *o == *nw)) return;
    Emit emit{ctx, r, n};
    if (!o)
      emit("const", "added", Effect::narrows, keyword_location(ctx, n, nw, false),
           "the value is now fixed to `const: " + nw->dump() + "`");
    else if (!nw)
      emit("const", "removed", Effect::widens, keyword_location(ctx, n, o, true),
           "the fixed value `const: " + o->dump() + "` was removed");
    else
      emit("const", "changed", Effect::changes, keyword_location(ctx, n, nw, false),
           "the fixed value changed from `" + o->dump() + "` to `" + nw->dump() + "`");
  });
}

}  // namespace

void request_property_contains_updated_check(const CheckContext& c, Reporter& r) { contains_updated(c, r, Direction::request); }
void response_property_contains_updated_check(const CheckContext& c, Reporter& r) { contains_updated(c, r, Direction::response); }
void request_property_content_updated_check(const CheckContext& c, Reporter& r) { content_updated(c, r, Direction::request); }
void response_property_content_updated_check(const CheckContext& c, Reporter& r) { content_updated(c, r, Direction::response); }
void request_property_pattern_properties_updated_check(const CheckContext& c, Reporter& r) {
  pattern_properties_updated(c, r, Direction::request);
}
void response_property_pattern_properties_updated_check(const CheckContext& c, Reporter& r) {
  pattern_properties_updated(c, r, Direction::response);
}
void request_property_dependent_required_changed_check(const CheckContext& c, Reporter& r) {
  dependent_required_changed(c, r, Direction::request);
}
void response_property_dependent_required_changed_check(const CheckContext& c, Reporter& r) {
  dependent_required_changed(c, r, Direction::response);
}
void request_property_dependent_schemas_updated_check(const CheckContext& c, Reporter& r) {
  dependent_schemas_updated(c, r, Direction::request);
}
void response_property_dependent_schemas_updated_check(const CheckContext& c, Reporter& r) {
  dependent_schemas_updated(c, r, Direction::response);
}
void request_property_if_updated_check(const CheckContext& c, Reporter& r) { if_updated(c, r, Direction::request); }
void response_property_if_updated_check(const CheckContext& c, Reporter& r) { if_updated(c, r, Direction::response); }
void request_property_prefix_items_updated_check(const CheckContext& c, Reporter& r) {
  prefix_items_updated(c, r, Direction::request);
}
void response_property_prefix_items_updated_check(const CheckContext& c, Reporter& r) {
  prefix_items_updated(c, r, Direction::response);
}
void request_property_property_names_updated_check(const CheckContext& c, Reporter& r) {
  property_names_updated(c, r, Direction::request);
}
void response_property_property_names_updated_check(const CheckContext& c, Reporter& r) {
  property_names_updated(c, r, Direction::response);
}
void request_property_unevaluated_updated_check(const CheckContext& c, Reporter& r) {
  unevaluated_updated(c, r, Direction::request);
}
void response_property_unevaluated_updated_check(const CheckContext& c, Reporter& r) {
  unevaluated_updated(c, r, Direction::response);
}
void request_property_const_changed_check(const CheckContext& c, Reporter& r) { const_changed(c, r, Direction::request); }
void response_property_const_changed_check(const CheckContext& c, Reporter& r) { const_changed(c, r, Direction::response); }

// x-extensible-enum lists the values known today while promising more may come; a request value
// dropped from it is one clients still send. Only nested properties carry the id.
void request_property_x_extensible_enum_value_removed_check(const CheckContext& ctx, Reporter& r) {
  walk_schemas(ctx, Direction::request, [&](const SchemaNode& n) {
    if (n.root()) return;
    const Json* o = member(*n.old_schema.node, "x-extensible-enum");
    const Json* nw = member(*n.new_schema.node, "x-extensible-enum");
    if (!o || !nw || !o->is_array() || !nw->is_array() || *o == *nw) return;
    for (const Json& v : *o) {
      if (!v.is_string() || std::find(nw->begin(), nw->end(), v) != nw->end()) continue;
      Finding& f = r.report("request-property-x-extensible-enum-value-removed", keyword_location(ctx, n, nw, false).where,
                            n.operation,
                            "value " + v.dump() + " was removed from the `x-extensible-enum` of " + subject(n) +
                                ": clients sending it may now be rejected");
      f.hint = "keep the value in the list and accept it until clients stop sending it";
    }
  });
}

}  // namespace driftcheck::openapi
