#include "openapi/spec.h"

#include <algorithm>

#include "core/input_error.h"
#include "openapi/same_schema.h"

namespace driftcheck::openapi {

namespace {

constexpr const char* kMethods[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace", "connect"};

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return s;
}

std::string text_member(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// Adds the parameters listed in `holder` (an operation or a path item), but not one that `op`
// already takes: an operation's own parameter overrides its path item's.
void add_parameters(const Spec& spec, Operation& op, const Json& holder, const Document& doc) {
  auto list = holder.find("parameters");
  if (list == holder.end() || !list->is_array()) return;
  for (const Json& raw : *list) {
    Resolver::Target t = spec.resolver->resolve(raw, doc);
    if (!t.node || !t.node->is_object()) continue;
    Parameter p{text_member(*t.node, "in"), text_member(*t.node, "name"), t.node, t.doc};
    if (std::none_of(op.parameters.begin(), op.parameters.end(),
                     [&](const Parameter& q) { return q.in == p.in && q.name == p.name; }))
      op.parameters.push_back(std::move(p));
  }
}

void collect_operations(Spec& spec, const Json& items, const std::string& prefix) {
  if (!items.is_object()) return;
  for (auto it = items.begin(); it != items.end(); ++it) {
    auto item = spec.resolver->resolve(it.value(), spec.doc());
    if (!item.node->is_object()) continue;
    for (const char* m : kMethods) {
      auto raw = item.node->find(m);
      if (raw == item.node->end() || !raw->is_object()) continue;
      // Multi-file specs keep each operation in its own file: `get: {$ref: operations/get.yml}`.
      auto op = spec.resolver->resolve(*raw, *item.doc);
      if (!op.node || !op.node->is_object()) continue;
      Operation o{upper(m), prefix + it.key(), op.node, item.node, op.doc, item.doc, {}};
      add_parameters(spec, o, *op.node, *op.doc);
      add_parameters(spec, o, *item.node, *item.doc);
      spec.operations.push_back(std::move(o));
    }
  }
}

}  // namespace

Location Spec::location(const Json& node, const Document& in) const {
  Pos p = in.pos(node);
  Location l;
  l.file = in.display;
  l.line = l.end_line = static_cast<int>(p.line);
  l.column = l.end_column = static_cast<int>(p.column);
  return l;
}

namespace {

// Checks the version and collects the operations of a spec whose resolver is loaded.
std::unique_ptr<Spec> finish_spec(std::unique_ptr<Spec> spec) {
  const std::string& display = spec->doc().display;
  const Json& root = spec->root();
  if (!root.is_object()) throw InputError(display + ": not an OpenAPI document (the top level is not a mapping)");
  if (auto v = root.find("openapi"); v != root.end()) {
    spec->version = v->is_string() ? v->get<std::string>() : v->dump();
    if (spec->version.rfind("3.", 0) != 0)
      throw InputError(display + ": OpenAPI version " + spec->version + " is not supported (3.0, 3.1 and Swagger 2.0 are)");
    spec->major = 3;
  } else if (auto s = root.find("swagger"); s != root.end()) {
    spec->version = s->is_string() ? s->get<std::string>() : s->dump();
    if (spec->version != "2.0") throw InputError(display + ": Swagger version " + spec->version + " is not supported");
    spec->major = 2;
  } else {
    throw InputError(display + ": not an OpenAPI document (no `openapi:` or `swagger:` at the top level)");
  }
  spec->resolver->check_refs(spec->doc());
  if (auto p = root.find("paths"); p != root.end()) collect_operations(*spec, *p, "");
  if (auto w = root.find("webhooks"); w != root.end()) collect_operations(*spec, *w, "webhook:");
  return spec;
}

}  // namespace

std::unique_ptr<Spec> load_spec(const std::string& file, const std::string& display) {
  auto spec = std::make_unique<Spec>();
  spec->resolver = std::make_unique<Resolver>(file, display);
  return finish_spec(std::move(spec));
}

std::unique_ptr<Spec> load_spec(const SourceView& view, const std::string& path, const std::string& display) {
  auto spec = std::make_unique<Spec>();
  spec->resolver = std::make_unique<Resolver>(view, path, display);
  return finish_spec(std::move(spec));
}

std::unique_ptr<Spec> empty_spec(const Spec& like, const std::string& display) {
  auto spec = std::make_unique<Spec>();
  Json version = like.version;  // quoted, whatever it holds
  std::string text = (like.major == 2 ? "swagger: " : "openapi: ") + version.dump() + "\npaths: {}\n";
  spec->resolver = Resolver::from_text(text, display);
  return finish_spec(std::move(spec));
}

bool looks_like_openapi(std::string_view head) {
  head = head.substr(0, 64 * 1024);
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  auto key_at = [&](size_t at) {  // `openapi` / `swagger`, maybe quoted, then a colon
    std::string_view rest = head.substr(at);
    if (!rest.empty() && (rest[0] == '"' || rest[0] == '\'')) rest.remove_prefix(1);
    for (std::string_view key : {"openapi", "swagger"}) {
      if (rest.substr(0, key.size()) != key) continue;
      rest.remove_prefix(key.size());
      if (!rest.empty() && (rest[0] == '"' || rest[0] == '\'')) rest.remove_prefix(1);
      size_t colon = rest.find_first_not_of(" \t");
      return colon != std::string_view::npos && rest[colon] == ':';
    }
    return false;
  };
  if (head[first] == '{') {  // JSON: the key anywhere in the head (top level in practice)
    for (size_t at = head.find('"'); at != std::string_view::npos; at = head.find('"', at + 1))
      if (key_at(at)) return true;
    return false;
  }
  for (size_t at = 0; at < head.size(); ++at) {  // YAML: a key at the start of a line
    if (key_at(at)) return true;
    at = head.find('\n', at);
    if (at == std::string_view::npos) break;
  }
  return false;
}

std::string normalized_path(const std::string& path) {
  std::string out;
  out.reserve(path.size());
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '{') {
      out.push_back(path[i]);
      continue;
    }
    size_t close = path.find('}', i);
    if (close == std::string::npos) {
      out.append(path, i, std::string::npos);
      break;
    }
    // A trailing `*` (a wildcard segment) is part of the shape.
    out += path[close - 1] == '*' ? "{*}" : "{}";
    i = close;
  }
  return out;
}

std::string operation_label(const std::string& method, const std::string& path) { return method + " " + path; }

OperationMatch match_operations(const Spec& old_spec, const Spec& new_spec) {
  OperationMatch m;
  m.same_schema = std::make_shared<SameSchema>(old_spec, new_spec);
  // Paths: exact spelling first, then the same shape with other parameter names.
  std::map<std::string, std::string> new_to_old;
  std::map<std::string, std::vector<std::string>> old_by_shape;
  std::map<std::string, bool> old_paths, new_paths;
  for (const Operation& o : old_spec.operations) old_paths[o.path] = true;
  for (const Operation& n : new_spec.operations) new_paths[n.path] = true;
  for (const auto& [p, _] : old_paths)
    if (new_paths.count(p)) new_to_old[p] = p;
    else old_by_shape[normalized_path(p)].push_back(p);
  for (const auto& [p, _] : new_paths) {
    if (new_to_old.count(p)) continue;
    auto it = old_by_shape.find(normalized_path(p));
    if (it != old_by_shape.end() && !it->second.empty()) {
      new_to_old[p] = it->second.front();
      it->second.erase(it->second.begin());
    }
  }
  m.path_of_new = new_to_old;
  std::map<std::pair<std::string, std::string>, const Operation*> old_ops;  // (old path, method)
  for (const Operation& o : old_spec.operations) old_ops[{o.path, o.method}] = &o;
  std::map<std::pair<std::string, std::string>, bool> used;
  for (const Operation& n : new_spec.operations) {
    auto path = new_to_old.find(n.path);
    const Operation* o = nullptr;
    if (path != new_to_old.end())
      if (auto it = old_ops.find({path->second, n.method}); it != old_ops.end()) o = it->second;
    if (o) {
      m.pairs.emplace_back(o, &n);
      used[{o->path, o->method}] = true;
    } else {
      m.added.push_back(&n);
    }
  }
  for (const Operation& o : old_spec.operations)
    if (!used.count({o.path, o.method})) m.removed.push_back(&o);
  return m;
}

}  // namespace driftcheck::openapi
