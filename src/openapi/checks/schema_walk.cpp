#include "openapi/checks/schema_walk.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

#include "core/input_error.h"
#include "core/limits.h"
#include "openapi/checks/checks.h"
#include "openapi/checks/subschemas.h"
#include "openapi/same_schema.h"

namespace driftcheck::openapi {

namespace {


bool strongly_typed(const std::string& media_type) {
  std::string m = media_type.substr(0, media_type.find(';'));
  while (!m.empty() && m.back() == ' ') m.pop_back();
  return m == "application/json" || (m.size() >= 5 && m.compare(m.size() - 5, 5, "+json") == 0);
}

const Json* member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// Where the walk below a shared ($ref'd) schema pair was recorded, so that the next operation
// reaching the pair is added to what was found there instead of walking it again. Real specs
// (Stripe's) reach the same components along exponentially many paths; walking each path again
// never ends.
struct Replay {
  size_t begin = 0, end = 0;  // the events recorded below the pair
  bool done = false;          // false while the pair is being walked
  std::set<std::string> operations;  // those already told
};
// Keyed by the pair and by where it was reached (media type and status): the findings' messages
// name those, so only operations reaching the pair the same way can share them.
using ReplayKey = std::tuple<const Json*, const Json*, std::string, std::string>;
using ReplayMemo = std::map<ReplayKey, Replay>;

}  // namespace

// Every node of one direction's walk, in order, recorded once per run and then played to each
// check: some sixty checks visit the same nodes, and the walk ($refs, matching members, comparing
// components) costs more than what each check does at a node.
struct WalkRecording {
  struct Event {
    SchemaNode node;            // a visit, unless `replay`
    bool replay = false;        // `node.operation` also reaches what events [begin, end) found
    size_t begin = 0, end = 0;
  };
  std::vector<Event> events;
};

namespace {

struct Walker {
  const CheckContext& ctx;
  const SchemaVisitor& visit;
  ReplayMemo& memo;
  std::vector<WalkRecording::Event>* events;  // recording: shared pairs are walked once
  SchemaNode base;  // operation, media type, status, direction
  std::vector<const Json*> old_stack, new_stack;
  size_t visits = 0;
  size_t inside_shared = 0;  // shared descents under way: an arrival here is part of their range

  // Descends below a shared pair once; a later arrival at it is recorded as a replay: its
  // operation is added to the findings made there (Finding::operations), not given copies. An
  // arrival by an operation already told is recorded too when it happens below another shared
  // pair, which other operations replay later (C reached from A directly, then from A through
  // D: an operation that reaches D must reach C's findings as well).
  void descend_shared(const SchemaNode& node, size_t depth) {
    ReplayKey key{node.old_schema.node, node.new_schema.node, base.media_type, base.status};
    auto [it, fresh] = memo.try_emplace(key);
    if (!fresh) {
      Replay& r = it->second;
      if (r.done && r.end > r.begin && (r.operations.insert(base.operation).second || inside_shared > 0)) {
        WalkRecording::Event e{base, true, r.begin, r.end};
        events->push_back(std::move(e));
      }
      return;
    }
    size_t begin = events->size();
    ++inside_shared;
    descend(node, depth);
    --inside_shared;
    Replay& r = memo[key];
    r.operations.insert(base.operation);
    r.begin = begin;
    r.end = events->size();
    r.done = true;
  }

  // Enters the pair of raw (possibly $ref) schemas.
  void enter(const Json& old_raw, const Document& old_doc, const Json& new_raw, const Document& new_doc,
             const std::string& path, const std::string& name, const SchemaSide& old_parent,
             const SchemaSide& new_parent, size_t depth) {
    Resolver::Target o, n;
    try {
      o = ctx.old_spec.resolver->resolve(old_raw, old_doc);
      n = ctx.new_spec.resolver->resolve(new_raw, new_doc);
    } catch (const InputError&) {
      return;
    }
    // A wrapper that only annotates and appears or goes is compared by what it wraps, when that
    // makes the two sides comparable: `$ref: X` against `allOf: [{$ref: X}, {description: ...}]`
    // is X against X. An allOf on both sides (`allOf: [X]` to `allOf: [X, Y]`) is compared
    // member by member.
    Resolver::Target o_core = through_annotation_wrappers(ctx.old_spec, o);
    Resolver::Target n_core = through_annotation_wrappers(ctx.new_spec, n);
    if ((o_core.node != o.node) != (n_core.node != n.node) &&
        ((!o_core.node->contains("allOf") && !n_core.node->contains("allOf")) ||
         (ctx.match.same_schema && (*ctx.match.same_schema)(*o_core.node, *o_core.doc, *n_core.node, *n_core.doc)))) {
      o = o_core;
      n = n_core;
    }
    if (!o.node || !n.node || !o.node->is_object() || !n.node->is_object()) return;
    bool old_cycle = !o.ref.empty() && std::find(old_stack.begin(), old_stack.end(), o.node) != old_stack.end();
    bool new_cycle = !n.ref.empty() && std::find(new_stack.begin(), new_stack.end(), n.node) != new_stack.end();
    if (old_cycle || new_cycle) return;  // §1.10: a circular pair is compared no further
    // Below a pair that is the same on both sides no check can find a change; real specs reach
    // large unchanged component trees from every operation.
    bool unchanged = ctx.match.same_schema && (*ctx.match.same_schema)(*o.node, *o.doc, *n.node, *n.doc);
    if (depth > limits().schema_depth || ++visits > limits().schema_nodes) {
      if (unchanged) return;
      // A change past the limits would go unseen: the run cannot vouch for this body.
      Location at = ctx.new_spec.location(*n.node, *n.doc);
      throw InputError(at.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": the " +
                       (base.direction == Direction::request ? "request" : "response") + " body of " + base.operation +
                       (depth > limits().schema_depth ? " nests schemas deeper than " + limit_reached("schema-depth")
                                                      : " has more schemas than " + limit_reached("schema-nodes")) +
                       " and changed below them: driftcheck cannot compare it");
    }
    if (!o.ref.empty()) old_stack.push_back(o.node);
    if (!n.ref.empty()) new_stack.push_back(n.node);

    SchemaNode node = base;
    node.path = path;
    // Deep below shared components the path from the body root says little and runs long (and
    // names only the first of many routes): it restarts at the component, as its $ref names it.
    if (std::count(path.begin(), path.end(), '/') >= 3 && (!n.ref.empty() || !o.ref.empty()))
      node.path = n.ref.empty() ? o.ref : n.ref;
    node.name = name;
    node.old_schema = {o.node, o.doc};
    node.new_schema = {n.node, n.doc};
    node.old_parent = old_parent;
    node.new_parent = new_parent;
    visit(node);
    if (!unchanged && events && (!o.ref.empty() || !n.ref.empty())) descend_shared(node, depth);
    else if (!unchanged) descend(node, depth);

    if (!o.ref.empty()) old_stack.pop_back();
    if (!n.ref.empty()) new_stack.pop_back();
  }

  void child(const SchemaNode& at, const Json& o, const Json& n, const std::string& segment, const std::string& name,
             size_t depth) {
    enter(o, *at.old_schema.doc, n, *at.new_schema.doc, at.child(segment), name, at.old_schema, at.new_schema,
          depth + 1);
  }

  void single(const SchemaNode& at, const char* key, size_t depth) {
    const Json* o = member(*at.old_schema.node, key);
    const Json* n = member(*at.new_schema.node, key);
    if (o && n && o->is_object() && n->is_object()) child(at, *o, *n, key, "", depth);
  }

  void keyed(const SchemaNode& at, const char* key, size_t depth, bool properties) {
    const Json* o = member(*at.old_schema.node, key);
    const Json* n = member(*at.new_schema.node, key);
    if (!o || !n || !o->is_object() || !n->is_object()) return;
    for (auto it = o->begin(); it != o->end(); ++it) {  // sorted by name
      auto other = n->find(it.key());
      if (other == n->end()) continue;
      if (properties) child(at, it.value(), *other, it.key(), it.key(), depth);
      else child(at, it.value(), *other, std::string(key) + "[" + it.key() + "]", "", depth);
    }
  }

  // §1.9: the members paired by subschemas.h; only pairs are compared further.
  void members(const SchemaNode& at, const char* key, size_t depth) {
    const Json* o = member(*at.old_schema.node, key);
    const Json* n = member(*at.new_schema.node, key);
    if (!o || !n || !o->is_array() || !n->is_array()) return;
    for (auto [i, j] : pair_members(ctx, at, key).modified) {
      std::string a = render_member((*o)[i], i), b = render_member((*n)[j], j);
      child(at, (*o)[i], (*n)[j], std::string(key) + "[" + (a == b ? a : a + " -> " + b) + "]", "", depth);
    }
  }

  void descend(const SchemaNode& at, size_t depth) {
    for (const char* k : {"allOf", "anyOf", "oneOf"}) members(at, k, depth);
    single(at, "items", depth);
    keyed(at, "properties", depth, true);
    single(at, "additionalProperties", depth);
    members(at, "prefixItems", depth);
    for (const char* k : {"contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "if", "then",
                          "else", "not", "contentSchema"})
      single(at, k, depth);
    keyed(at, "patternProperties", depth, false);
    keyed(at, "dependentSchemas", depth, false);
  }
};

// 2.0: the `in: body` parameter of an operation (operation level first, then path level).
SchemaSide swagger_body(const Operation& op) {
  for (const Parameter& p : op.parameters)
    if (p.in == "body") return SchemaSide{p.node, p.doc};
  return {};
}

std::vector<std::string> swagger_media(const Spec& spec, const Operation& op, const char* key) {
  std::vector<std::string> out;
  const Json* list = member(*op.node, key);
  if (!list) list = member(spec.root(), key);
  if (list && list->is_array())
    for (const Json& m : *list)
      if (m.is_string()) out.push_back(m.get<std::string>());
  if (out.empty()) out.push_back("application/json");
  return out;
}

// The schema of a media type of a body or response, or absent.
SchemaSide media_schema(const Spec& spec, const Operation& op, const Json& holder, const Document& doc,
                        const std::string& media_type) {
  if (spec.major == 2) {
    const Json* s = member(holder, "schema");
    return s ? SchemaSide{s, &doc} : SchemaSide{};
  }
  (void)op;
  const Json* content = member(holder, "content");
  if (!content || !content->is_object()) return {};
  auto it = content->find(media_type);
  if (it == content->end()) return {};
  SchemaSide mt = resolve_side(spec, *it, doc);
  if (!mt) return {};
  const Json* s = member(*mt.node, "schema");
  return s ? SchemaSide{s, mt.doc} : SchemaSide{};
}

std::vector<std::string> holder_media_types(const Spec& spec, const Operation& op, const Json& holder,
                                            const char* swagger_key) {
  if (spec.major == 2) return swagger_media(spec, op, swagger_key);
  std::vector<std::string> out;
  const Json* content = member(holder, "content");
  if (content && content->is_object())
    for (auto it = content->begin(); it != content->end(); ++it) out.push_back(it.key());
  return out;
}

}  // namespace

Location SchemaNode::location(const CheckContext& ctx, bool old_side) const {
  return old_side ? ctx.old_spec.location(*old_schema.node, *old_schema.doc)
                  : ctx.new_spec.location(*new_schema.node, *new_schema.doc);
}

SchemaSide resolve_side(const Spec& spec, const Json& node, const Document& doc) {
  try {
    Resolver::Target t = spec.resolver->resolve(node, doc);
    if (!t.node || !t.node->is_object()) return {};
    return {t.node, t.doc};
  } catch (const InputError&) {
    return {};
  }
}

bool annotation_keyword(const std::string& key) {
  static const std::set<std::string> keys{"title",    "description", "example", "examples",  "default",
                                          "$comment", "externalDocs", "deprecated", "$id", "$anchor", "$schema"};
  return keys.count(key) > 0 || key.rfind("x-", 0) == 0;
}

bool annotation_only(const Spec& spec, const Json& raw, const Document& doc) {
  SchemaSide s = resolve_side(spec, raw, doc);
  if (!s) return false;
  for (auto it = s.node->begin(); it != s.node->end(); ++it)
    if (!annotation_keyword(it.key())) return false;
  return true;
}

Resolver::Target through_annotation_wrappers(const Spec& spec, Resolver::Target t) {
  // Beside the allOf, only what no check reports on: `deprecated` and `default` on the wrapper
  // are changes of their own, so such a wrapper stays.
  auto wrapper_keyword = [](const std::string& key, const Json& value) {
    if (key == "deprecated" || key == "default") return false;
    return key == "allOf" || annotation_keyword(key) || (key == "nullable" && value.is_boolean() && !value.get<bool>());
  };
  for (int hops = 0; hops < 64 && t.node && t.node->is_object(); ++hops) {
    auto all = t.node->find("allOf");
    if (all == t.node->end() || !all->is_array()) break;
    bool only_annotations = true;
    for (auto it = t.node->begin(); it != t.node->end() && only_annotations; ++it)
      only_annotations = wrapper_keyword(it.key(), it.value());
    if (!only_annotations) break;
    const Json* constraining = nullptr;
    size_t count = 0;
    for (const Json& m : *all)
      if (!annotation_only(spec, m, *t.doc)) constraining = &m, ++count;
    if (count != 1) break;
    Resolver::Target inner;
    try {
      inner = spec.resolver->resolve(*constraining, *t.doc);
    } catch (const InputError&) {
      break;
    }
    if (!inner.node || !inner.node->is_object()) break;
    if (inner.ref.empty()) inner.ref = t.ref;
    t = inner;
  }
  return t;
}

bool one_of_wrapping(const CheckContext& ctx, const SchemaNode& node) {
  const Json& o = *node.old_schema.node;
  const Json& n = *node.new_schema.node;
  const Json* old_props = member(o, "properties");
  const Json* alternatives = member(n, "oneOf");
  if (!old_props || !old_props->is_object() || old_props->empty() || member(o, "oneOf")) return false;
  if (!alternatives || !alternatives->is_array() || member(n, "properties") || member(n, "type")) return false;
  for (const Json& alt : *alternatives) {
    SchemaSide a = resolve_side(ctx.new_spec, alt, *node.new_schema.doc);
    const Json* props = a ? member(*a.node, "properties") : nullptr;
    if (!props || !props->is_object()) continue;
    for (auto it = old_props->begin(); it != old_props->end(); ++it)
      if (props->contains(it.key())) return true;
  }
  return false;
}

std::string node_text(const SchemaNode& n) {
  std::string media = " (" + n.media_type + ")";
  if (n.direction == Direction::request)
    return (n.root() ? "the request body" : "request property `" + n.path + "` in the request body") + media;
  return (n.root() ? "the `" + n.status + "` response body" : "response property `" + n.path + "` in the `" + n.status + "` response") +
         media;
}

std::string number_text(const Json& v) {
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (d > -1e15 && d < 1e15 && d == std::floor(d)) return std::to_string(static_cast<long long>(d));
  }
  return v.dump();
}

bool schema_flag(const Json& schema, const char* key) {
  const Json* m = member(schema, key);
  return m && m->is_boolean() && m->get<bool>();
}

std::vector<std::string> schema_types(const Json& schema) {
  std::vector<std::string> out;
  const Json* t = member(schema, "type");
  if (!t) return out;
  if (t->is_string()) out.push_back(t->get<std::string>());
  else if (t->is_array())
    for (const Json& e : *t)
      if (e.is_string()) out.push_back(e.get<std::string>());
  return out;
}

bool in_required(const Json& parent, const std::string& name) {
  const Json* r = member(parent, "required");
  if (!r || !r->is_array()) return false;
  for (const Json& e : *r)
    if (e.is_string() && e.get_ref<const std::string&>() == name) return true;
  return false;
}

std::vector<std::string> body_media_types(const Spec& spec, const Operation& op, const Json& body) {
  return holder_media_types(spec, op, body, "consumes");
}

std::vector<RequestBodyPair> request_body_pairs(const CheckContext& ctx) {
  std::vector<RequestBodyPair> out;
  auto body_of = [](const Spec& spec, const Operation& op) -> SchemaSide {
    if (spec.major == 2) return swagger_body(op);
    const Json* b = member(*op.node, "requestBody");
    return b ? resolve_side(spec, *b, *op.doc) : SchemaSide{};
  };
  for (const auto& [o, n] : ctx.match.pairs) {
    if (hidden_by_stability(*o, *n)) continue;
    RequestBodyPair p;
    p.old_op = o;
    p.new_op = n;
    p.operation = operation_label(o->method, o->path);
    p.old_body = body_of(ctx.old_spec, *o);
    p.new_body = body_of(ctx.new_spec, *n);
    out.push_back(p);
  }
  return out;
}

namespace {

// Walks every body schema pair of `direction`: to `visit` directly when `events` is null, else
// into the recording.
void walk_all(const CheckContext& ctx, Direction direction, const SchemaVisitor& visit,
              std::vector<WalkRecording::Event>* events) {
  ReplayMemo memo;
  auto walk_pair = [&](const SchemaNode& base, const SchemaSide& o, const SchemaSide& n) {
    if (!o || !n) return;
    Walker w{ctx, visit, memo, events, base, {}, {}, 0};
    w.enter(*o.node, *o.doc, *n.node, *n.doc, "", "", {}, {}, 0);
  };
  if (direction == Direction::request) {
    for (const RequestBodyPair& p : request_body_pairs(ctx)) {
      if (!p.old_body || !p.new_body) continue;
      std::vector<std::string> new_types = body_media_types(ctx.new_spec, *p.new_op, *p.new_body.node);
      for (const std::string& mt : body_media_types(ctx.old_spec, *p.old_op, *p.old_body.node)) {
        if (std::find(new_types.begin(), new_types.end(), mt) == new_types.end()) continue;
        SchemaNode base;
        base.direction = direction;
        base.old_op = p.old_op;
        base.new_op = p.new_op;
        base.operation = p.operation;
        base.media_type = mt;
        base.strongly_typed = strongly_typed(mt);
        walk_pair(base, media_schema(ctx.old_spec, *p.old_op, *p.old_body.node, *p.old_body.doc, mt),
                  media_schema(ctx.new_spec, *p.new_op, *p.new_body.node, *p.new_body.doc, mt));
      }
    }
    return;
  }
  for (const auto& [o, n] : ctx.match.pairs) {
    if (hidden_by_stability(*o, *n)) continue;
    const Json* old_responses = member(*o->node, "responses");
    const Json* new_responses = member(*n->node, "responses");
    if (!old_responses || !new_responses || !old_responses->is_object() || !new_responses->is_object()) continue;
    for (auto it = old_responses->begin(); it != old_responses->end(); ++it) {
      auto other = new_responses->find(it.key());
      if (other == new_responses->end()) continue;
      SchemaSide ro = resolve_side(ctx.old_spec, it.value(), *o->doc);
      SchemaSide rn = resolve_side(ctx.new_spec, *other, *n->doc);
      if (!ro || !rn) continue;
      std::vector<std::string> new_types = holder_media_types(ctx.new_spec, *n, *rn.node, "produces");
      for (const std::string& mt : holder_media_types(ctx.old_spec, *o, *ro.node, "produces")) {
        if (std::find(new_types.begin(), new_types.end(), mt) == new_types.end()) continue;
        SchemaNode base;
        base.direction = direction;
        base.old_op = o;
        base.new_op = n;
        base.operation = operation_label(o->method, o->path);
        base.media_type = mt;
        base.status = it.key();
        base.strongly_typed = strongly_typed(mt);
        walk_pair(base, media_schema(ctx.old_spec, *o, *ro.node, *ro.doc, mt),
                  media_schema(ctx.new_spec, *n, *rn.node, *rn.doc, mt));
      }
    }
  }
}

}  // namespace

void walk_schemas(const CheckContext& ctx, Direction direction, const SchemaVisitor& visit) {
  if (!ctx.findings) return walk_all(ctx, direction, visit, nullptr);  // no findings to replay into
  std::shared_ptr<WalkRecording>& recording = ctx.walks[direction == Direction::request ? 0 : 1];
  if (!recording) {
    recording = std::make_shared<WalkRecording>();
    auto record = [&](const SchemaNode& node) { recording->events.push_back({node, false, 0, 0}); };
    walk_all(ctx, direction, record, &recording->events);
  }
  std::vector<Finding>& out = *ctx.findings;
  const std::vector<WalkRecording::Event>& events = recording->events;
  std::vector<size_t> made_before;  // per event: how many findings there were when it was played
  made_before.reserve(events.size());
  // The findings below a recorded range: made in it, or below the ranges its replays name.
  std::map<std::pair<size_t, size_t>, std::vector<size_t>> below;
  auto findings_below = [&](size_t begin, size_t end) -> const std::vector<size_t>& {
    auto [it, fresh] = below.try_emplace({begin, end});
    if (!fresh) return it->second;
    std::vector<size_t>& all = it->second;
    size_t stop = end < made_before.size() ? made_before[end] : out.size();
    for (size_t i = made_before[begin]; i < stop; ++i) all.push_back(i);
    for (size_t e = begin; e < end; ++e)
      if (events[e].replay) {
        auto inner = below.find({events[e].begin, events[e].end});  // played, so known
        if (inner != below.end()) all.insert(all.end(), inner->second.begin(), inner->second.end());
      }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
  };
  std::vector<size_t> touched;  // findings given operations here, deduplicated at the end
  const size_t first = out.size();
  for (const WalkRecording::Event& e : events) {
    made_before.push_back(out.size());
    if (!e.replay) {
      visit(e.node);
      continue;
    }
    if (out.size() == first) continue;  // most checks find nothing: no range has findings
    for (size_t i : findings_below(e.begin, e.end)) {
      Finding& f = out[i];
      const std::string& op = e.node.operation;
      if (f.operation == op || (!f.operations.empty() && f.operations.back() == op)) continue;
      if (f.operations.empty()) f.operations.push_back(f.operation);
      f.operations.push_back(op);
      touched.push_back(i);
    }
  }
  // A finding reached along several routes by one operation lists it once, where first listed.
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (size_t i : touched) {
    std::vector<std::string>& ops = out[i].operations;
    std::unordered_set<std::string> seen;
    std::erase_if(ops, [&](const std::string& op) { return !seen.insert(op).second; });
  }
}

}  // namespace driftcheck::openapi
