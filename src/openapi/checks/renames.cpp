// Renamed properties and parameters. In one place (the properties of one schema object, or the
// non-path parameters of one operation in one location), a single removed element and a single
// added one whose schemas are the same once $refs are followed and documentation is left out are
// one rename: reported once, with the hint to keep the old name as a deprecated alias, and left
// out of the removal and addition checks (they ask property_renamed / parameter_renamed). Two
// candidates with the same schema are ambiguous and name no rename, as on the protobuf side.
#include "openapi/checks/renames.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "core/input_error.h"
#include "openapi/checks/checks.h"

namespace driftcheck::openapi {

namespace {

struct PropertyRename {
  std::string from, to;  // property names in the old and the new schema object
};

struct ParameterRename {
  const Json* from = nullptr;  // the old and new parameter objects (resolved)
  const Json* to = nullptr;
  const Document* from_doc = nullptr;
  const Document* to_doc = nullptr;
};

}  // namespace

// Renames per place, computed on first use.
struct RenameIndex {
  // (request?, old schema object, new schema object) -> its renamed properties. A schema pair
  // shared by several operations is the same place for all of them.
  std::map<std::tuple<bool, const Json*, const Json*>, std::vector<PropertyRename>> properties;
  std::map<std::pair<const Operation*, const Operation*>, std::vector<ParameterRename>> parameters;
};

namespace {

constexpr size_t kShapeBudget = 20'000;  // schema nodes expanded per compared element
constexpr size_t kShapeDepth = 64;

// Keywords that document and do not constrain: a rename that also reworded them is still one.
bool documentation(const std::string& key) {
  static const std::set<std::string> keys = {"description", "title",    "example", "examples",
                                             "externalDocs", "$comment", "deprecated"};
  return keys.count(key) || key.rfind("x-", 0) == 0;
}

bool schema_valued(const std::string& key) {
  static const std::set<std::string> keys = {
      "items",    "additionalProperties", "additionalItems", "not",           "if",
      "then",     "else",                 "contains",        "propertyNames", "unevaluatedItems",
      "unevaluatedProperties", "contentSchema", "schema"};
  return keys.count(key) > 0;
}
bool schema_list(const std::string& key) { return key == "allOf" || key == "anyOf" || key == "oneOf" || key == "prefixItems"; }
// Maps from a name to a schema (`content`: from a media type to a media type object, whose
// `schema` the same rules reach).
bool schema_map(const std::string& key) {
  static const std::set<std::string> keys = {"properties", "patternProperties", "dependentSchemas", "$defs",
                                             "definitions", "content"};
  return keys.count(key) > 0;
}

// A schema (or parameter) as a value to compare: $refs followed (a reference back into what is
// being expanded becomes its distance up the chain), documentation keywords dropped. Bounded:
// a schema too large to expand compares as unknown, and then matches nothing.
class Shape {
 public:
  explicit Shape(const Spec& spec) : spec_(spec) {}

  std::optional<std::string> of(const Json& node, const Document& doc) {
    Json v = value(node, doc, 0);
    if (overflow_) return std::nullopt;
    return v.dump();
  }

 private:
  Json value(const Json& raw, const Document& doc, size_t depth) {
    if (++used_ > kShapeBudget || depth > kShapeDepth) {
      overflow_ = true;
      return nullptr;
    }
    if (!raw.is_object()) return raw;
    const Json* node = &raw;
    const Document* in = &doc;
    bool pushed = false;
    if (raw.contains("$ref")) {
      Resolver::Target t;
      try {
        t = spec_.resolver->resolve(raw, doc);
      } catch (const InputError&) {
        return Json{{"$ref", raw["$ref"]}};  // unresolvable: the reference text is all there is
      }
      if (!t.node) return nullptr;
      auto seen = std::find(stack_.begin(), stack_.end(), t.node);
      if (seen != stack_.end()) return Json{{"$recursive", stack_.end() - seen}};
      if (!t.node->is_object()) return *t.node;
      stack_.push_back(t.node);
      pushed = true;
      node = t.node;
      in = t.doc;
    }
    Json out = Json::object();
    for (auto it = node->begin(); it != node->end(); ++it) {
      const std::string& key = it.key();
      const Json& v = it.value();
      if (documentation(key)) continue;
      if (schema_valued(key)) {
        out[key] = value(v, *in, depth + 1);
      } else if (schema_list(key) && v.is_array()) {
        Json list = Json::array();
        for (const Json& e : v) list.push_back(value(e, *in, depth + 1));
        out[key] = std::move(list);
      } else if (schema_map(key) && v.is_object()) {
        Json map = Json::object();
        for (auto e = v.begin(); e != v.end(); ++e) map[e.key()] = value(e.value(), *in, depth + 1);
        out[key] = std::move(map);
      } else {
        out[key] = v;  // a constraint's value: compared as written
      }
    }
    if (pushed) stack_.pop_back();
    return out;
  }

  const Spec& spec_;
  std::vector<const Json*> stack_;
  size_t used_ = 0;
  bool overflow_ = false;
};

// Candidates of one place, grouped by shape: a shape held by exactly one removed and one added
// element is a rename; any other count is no rename.
template <typename T>
struct Candidates {
  std::map<std::string, std::pair<std::vector<T>, std::vector<T>>> by_shape;  // removed, added

  void add(const std::optional<std::string>& shape, T element, bool removed) {
    if (!shape) return;
    auto& [r, a] = by_shape[*shape];
    (removed ? r : a).push_back(std::move(element));
  }
  template <typename Fn>
  void pairs(Fn fn) const {
    for (const auto& [shape, sides] : by_shape)
      if (sides.first.size() == 1 && sides.second.size() == 1) fn(sides.first[0], sides.second[0]);
  }
};

const Json* properties_of(const Json& schema) {
  auto it = schema.find("properties");
  return it != schema.end() && it->is_object() ? &*it : nullptr;
}

RenameIndex& index_of(const CheckContext& ctx) {
  if (!ctx.renames) ctx.renames = std::make_shared<RenameIndex>();
  return *ctx.renames;
}

// Properties a client of this direction never sees are no candidates (their checks skip them too),
// nor is a deprecated property that is removed: that is the planned way, with its own findings.
bool property_candidate(const Spec& spec, const Json& raw, const Document& doc, Direction dir, bool old_side) {
  SchemaSide p = resolve_side(spec, raw, doc);
  if (!p) return true;
  if (schema_flag(*p.node, dir == Direction::request ? "readOnly" : "writeOnly")) return false;
  return !(old_side && schema_flag(*p.node, "deprecated"));
}

std::vector<PropertyRename> find_property_renames(const CheckContext& ctx, const SchemaNode& n) {
  std::vector<PropertyRename> out;
  const Json* op = properties_of(*n.old_schema.node);
  const Json* np = properties_of(*n.new_schema.node);
  if (!op || !np || one_of_wrapping(ctx, n)) return out;
  std::vector<std::string> removed, added;
  for (auto it = op->begin(); it != op->end(); ++it)
    if (!np->contains(it.key()) && property_candidate(ctx.old_spec, it.value(), *n.old_schema.doc, n.direction, true))
      removed.push_back(it.key());
  for (auto it = np->begin(); it != np->end(); ++it)
    if (!op->contains(it.key()) && property_candidate(ctx.new_spec, it.value(), *n.new_schema.doc, n.direction, false))
      added.push_back(it.key());
  if (removed.empty() || added.empty()) return out;
  Candidates<std::string> c;
  for (const std::string& name : removed) c.add(Shape(ctx.old_spec).of((*op)[name], *n.old_schema.doc), name, true);
  for (const std::string& name : added) c.add(Shape(ctx.new_spec).of((*np)[name], *n.new_schema.doc), name, false);
  c.pairs([&](const std::string& from, const std::string& to) { out.push_back({from, to}); });
  return out;
}

const std::vector<PropertyRename>& property_renames(const CheckContext& ctx, const SchemaNode& n) {
  static const std::vector<PropertyRename> none;
  if (!ctx.options.detect_renames) return none;
  auto key = std::make_tuple(n.direction == Direction::request, n.old_schema.node, n.new_schema.node);
  auto& cache = index_of(ctx).properties;
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, find_property_renames(ctx, n)).first;
  return it->second;
}

using Param = Parameter;

bool has_param(const std::vector<Param>& list, const Param& p) {
  return std::any_of(list.begin(), list.end(), [&](const Param& q) { return q.in == p.in && q.name == p.name; });
}

// Path parameter names are not sent (the path template pairs them), nor is a 2.0 body
// parameter's; a deprecated parameter that is removed has its own findings.
bool parameter_candidate(const Param& p, bool old_side) {
  if (p.in == "path" || p.in == "body") return false;
  return !(old_side && schema_flag(*p.node, "deprecated"));
}

// The parameter's shape: `in`, `required`, style and schema, without its name and documentation.
std::optional<std::string> parameter_shape(const Spec& spec, const Param& p) {
  Json stripped = *p.node;
  stripped.erase("name");
  return Shape(spec).of(stripped, *p.doc);
}

std::vector<ParameterRename> find_parameter_renames(const CheckContext& ctx, const Operation& o, const Operation& n) {
  const std::vector<Param>& before = o.parameters;
  const std::vector<Param>& after = n.parameters;
  Candidates<const Param*> c;
  for (const Param& p : before)
    if (!has_param(after, p) && parameter_candidate(p, true)) c.add(parameter_shape(ctx.old_spec, p), &p, true);
  for (const Param& p : after)
    if (!has_param(before, p) && parameter_candidate(p, false)) c.add(parameter_shape(ctx.new_spec, p), &p, false);
  std::vector<ParameterRename> out;
  c.pairs([&](const Param* from, const Param* to) { out.push_back({from->node, to->node, from->doc, to->doc}); });
  return out;
}

const std::vector<ParameterRename>& parameter_renames(const CheckContext& ctx, const Operation& o, const Operation& n) {
  static const std::vector<ParameterRename> none;
  if (!ctx.options.detect_renames) return none;
  auto key = std::make_pair(&o, &n);
  auto& cache = index_of(ctx).parameters;
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, find_parameter_renames(ctx, o, n)).first;
  return it->second;
}

std::string where_text(const SchemaNode& n) {
  std::string s = n.direction == Direction::request ? "the request body" : "the `" + n.status + "` response";
  return s + " (" + n.media_type + ")";
}

}  // namespace

bool property_renamed(const CheckContext& ctx, const SchemaNode& n, const std::string& name, bool old_side) {
  for (const PropertyRename& r : property_renames(ctx, n))
    if ((old_side ? r.from : r.to) == name) return true;
  return false;
}

bool parameter_renamed(const CheckContext& ctx, const Operation& old_op, const Operation& new_op, const Json& param,
                       bool old_side) {
  for (const ParameterRename& r : parameter_renames(ctx, old_op, new_op))
    if ((old_side ? r.from : r.to) == &param) return true;
  return false;
}

void property_renamed_check(const CheckContext& ctx, Reporter& r) {
  for (Direction dir : {Direction::request, Direction::response})
    walk_schemas(ctx, dir, [&](const SchemaNode& n) {
      for (const PropertyRename& rename : property_renames(ctx, n)) {
        const Json& from = (*n.old_schema.node)["properties"][rename.from];
        const Json& to = (*n.new_schema.node)["properties"][rename.to];
        std::string old_name = "`" + rename.from + "`", new_name = "`" + rename.to + "`";
        std::string head = "property `" + n.child(rename.from) + "` in " + where_text(n) + " was renamed to " +
                           new_name + " (same schema)";
        bool required = in_required(*n.old_schema.node, rename.from) || in_required(*n.new_schema.node, rename.to);
        Finding* f;
        if (dir == Direction::response) {
          f = &r.report("response-property-renamed", ctx.new_spec.location(to, *n.new_schema.doc), n.operation,
                        "response " + head + ": clients reading " + old_name + " no longer find it");
          f->hint = "return both names for a release: keep " + old_name + " as a deprecated alias of " + new_name +
                    " until clients read the new one";
        } else if (required) {
          f = &r.report("request-required-property-renamed", ctx.new_spec.location(to, *n.new_schema.doc),
                        n.operation,
                        "required request " + head + ": clients still send " + old_name + " and not " + new_name +
                            ", so their requests are rejected or lose the value");
          f->hint = "accept both names for a release: keep " + old_name + " as a deprecated alias of " + new_name +
                    ", with neither in `required` while both are accepted";
        } else {
          f = &r.report("request-property-renamed", ctx.new_spec.location(to, *n.new_schema.doc), n.operation,
                        "request " + head + ": clients that still send " + old_name +
                            " have it ignored or rejected");
          f->hint = "accept both names for a release: keep " + old_name + " as a deprecated alias of " + new_name;
        }
        f->old_location = ctx.old_spec.location(from, *n.old_schema.doc);
      }
    });
}

void parameter_renamed_check(const CheckContext& ctx, Reporter& r) {
  for (const auto& [o, n] : ctx.match.pairs) {
    if (hidden_by_stability(*o, *n)) continue;
    for (const ParameterRename& rename : parameter_renames(ctx, *o, *n)) {
      std::string in = string_member(*rename.from, "in");
      std::string old_name = "`" + string_member(*rename.from, "name") + "`";
      std::string new_name = "`" + string_member(*rename.to, "name") + "`";
      bool required = schema_flag(*rename.from, "required");  // the same on both sides
      std::string head = in + " parameter " + old_name + " was renamed to " + new_name + " (same schema)";
      Location where = ctx.new_spec.location(*rename.to, *rename.to_doc);
      std::string label = operation_label(o->method, o->path);
      Finding* f;
      if (required) {
        f = &r.report("request-required-parameter-renamed", where, label,
                      "the required " + head + ": clients still send " + old_name + " and not " + new_name +
                          ", so their requests are rejected");
        f->hint = "accept both names for a release: keep " + old_name + " as a deprecated alias of " + new_name +
                  ", both optional while both are accepted";
      } else {
        f = &r.report("request-parameter-renamed", where, label,
                      "the " + head + ": clients that still send " + old_name + " have it ignored");
        f->hint = "accept both names for a release: keep " + old_name + " as a deprecated alias of " + new_name;
      }
      f->old_location = ctx.old_spec.location(*rename.from, *rename.from_doc);
    }
  }
}

}  // namespace driftcheck::openapi
