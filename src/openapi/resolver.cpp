#include <set>

#include "core/input_error.h"
#include "core/read_file.h"
#include "core/source_view.h"
#include "openapi/document.h"

namespace driftcheck::openapi {

namespace fs = std::filesystem;

namespace {

std::string where(const Document& doc, const Json& node) {
  Pos p = doc.pos(node);
  return doc.display + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

}  // namespace

Resolver::Resolver(const fs::path& file, std::string display) {
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(file, ec), ec);
  base_dir_ = abs.parent_path();
  read_ = [](const fs::path& p) -> std::optional<std::string> {
    std::error_code e;
    if (!fs::is_regular_file(p, e)) return std::nullopt;
    return read_file(p.string());
  };
  root_ = parse_document(abs, std::move(display), read_file(file.string()));
}

Resolver::Resolver(const SourceView& view, const std::string& path, std::string display) : on_disk_(false) {
  fs::path file = fs::path(path).lexically_normal();
  base_dir_ = file.parent_path();
  read_ = [&view](const fs::path& p) { return view.read(p.generic_string()); };
  std::optional<std::string> bytes = read_(file);
  if (!bytes) throw InputError(display + ": no such file in " + view.label());
  root_ = parse_document(file, std::move(display), *bytes);
}

std::unique_ptr<Resolver> Resolver::from_text(const std::string& text, std::string display) {
  std::unique_ptr<Resolver> r(new Resolver());
  r->on_disk_ = false;
  r->read_ = [](const fs::path&) { return std::optional<std::string>(); };
  r->root_ = parse_document(display, display, text);
  return r;
}

std::vector<const Document*> Resolver::documents() const {
  std::vector<const Document*> out{root_.get()};
  for (const auto& [path, doc] : others_) out.push_back(doc.get());
  return out;
}

fs::path Resolver::locate(const Document& from, const std::string& relative) const {
  fs::path joined = from.path.parent_path() / relative;
  if (!on_disk_) return joined.lexically_normal();
  std::error_code ec;
  return fs::weakly_canonical(joined, ec);
}

const Document* Resolver::load(const fs::path& file) {
  if (file == root_->path) return root_.get();
  auto it = others_.find(file);
  if (it != others_.end()) return it->second.get();
  std::string display = base_dir_.empty() ? file.generic_string() : file.lexically_relative(base_dir_).generic_string();
  fs::path shown = fs::path(root_->display).parent_path() / display;
  std::optional<std::string> bytes = read_(file);
  if (!bytes) return nullptr;
  auto doc = parse_document(file, shown.generic_string(), *bytes);
  return others_.emplace(file, std::move(doc)).first->second.get();
}

fs::path Resolver::check_target(const Document& doc, const Json& ref) const {
  const std::string& text = ref.get_ref<const std::string&>();
  std::string file_part = text.substr(0, text.find('#'));
  if (file_part.find("://") != std::string::npos || file_part.rfind("//", 0) == 0)
    throw InputError(where(doc, ref) + ": $ref to a URL (" + text + ") is not fetched; vendor the file next to the document");
  if (file_part.empty()) return {};
  fs::path target = locate(doc, file_part);
  std::string rel = base_dir_.empty() ? target.generic_string() : target.lexically_relative(base_dir_).generic_string();
  if (target.empty() || rel.empty() || rel.rfind("..", 0) == 0 || fs::path(rel).is_absolute())
    throw InputError(where(doc, ref) + ": $ref " + text + " points outside the document's folder");
  return target;
}

namespace {

// Keys whose values are data, not OpenAPI objects: a `$ref` inside them is an example payload's
// text, not a reference.
bool holds_data(const std::string& key) {
  return key == "example" || key == "default" || key == "enum" || key == "const" || key == "value" ||
         key.rfind("x-", 0) == 0;
}

// Maps whose keys are names the author chose (a property may be called `example`).
bool names_members(const std::string& key) {
  static const std::set<std::string> kNameMaps = {
      "properties", "patternProperties", "definitions", "$defs", "dependentSchemas", "schemas",
      "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes",
      "links", "callbacks", "pathItems", "paths", "webhooks", "content", "encoding"};
  return kNameMaps.count(key) != 0;
}

}  // namespace

void Resolver::check_refs(const Document& root) {
  struct Item {
    const Json* node;
    const Document* doc;
    bool names;  // the node's keys are names, not keywords
  };
  std::vector<Item> todo{{&root.root, &root, false}};
  std::set<const Document*> checked{&root};
  while (!todo.empty()) {
    Item item = todo.back();
    todo.pop_back();
    if (item.node->is_array()) {
      for (const Json& each : *item.node) todo.push_back({&each, item.doc, false});
      continue;
    }
    if (!item.node->is_object()) continue;
    if (!item.names) {
      auto ref = item.node->find("$ref");
      if (ref != item.node->end() && ref->is_string()) {
        // Follows it now, so a broken, remote or escaping reference is an error before any check.
        Target t = resolve(*item.node, *item.doc);
        if (checked.insert(t.doc).second) todo.push_back({&t.doc->root, t.doc, false});
      }
    }
    for (auto it = item.node->begin(); it != item.node->end(); ++it) {
      if (item.names) todo.push_back({&*it, item.doc, false});
      else if (it.key() != "$ref" && !holds_data(it.key())) todo.push_back({&*it, item.doc, names_members(it.key())});
    }
  }
}

Resolver::Target Resolver::resolve(const Json& node, const Document& doc) {
  if (!node.is_object()) return Target{&node, &doc, ""};
  auto ref = node.find("$ref");
  if (ref == node.end() || !ref->is_string()) return Target{&node, &doc, ""};
  if (auto it = followed_.find(&node); it != followed_.end()) return it->second;
  Target t = follow(node, doc);  // errors are not remembered: they end the run or the walk
  followed_.emplace(&node, t);
  return t;
}

// Every $ref met on the way is remembered with the same end: a chain of n references is walked
// once, not once per link (n squared).
Resolver::Target Resolver::follow(const Json& node, const Document& doc) {
  Target t{&node, &doc, ""};
  std::set<std::pair<const Document*, const Json*>> seen;
  std::vector<const Json*> chain;
  while (t.node->is_object()) {
    auto ref = t.node->find("$ref");
    if (ref == t.node->end() || !ref->is_string()) break;
    if (auto known = followed_.find(t.node); known != followed_.end()) {
      t = known->second;
      break;
    }
    chain.push_back(t.node);
    if (!seen.emplace(t.doc, t.node).second)
      throw InputError(where(*t.doc, *t.node) + ": $ref cycle that never reaches a value");
    const std::string& text = ref->get_ref<const std::string&>();
    size_t hash = text.find('#');
    std::string pointer = hash == std::string::npos ? "" : text.substr(hash + 1);
    fs::path target = check_target(*t.doc, *ref);  // empty for a reference inside this document
    const Document* target_doc = t.doc;
    if (!target.empty()) {
      target_doc = load(target);
      if (!target_doc) throw InputError(where(*t.doc, *ref) + ": $ref " + text + ": no such file");
    }
    const Json* value = nullptr;
    try {
      value = &target_doc->root.at(Json::json_pointer(pointer));
    } catch (const Json::exception&) {
      throw InputError(where(*t.doc, *ref) + ": $ref " + text + " points to nothing");
    }
    t = Target{value, target_doc, text};
  }
  for (const Json* link : chain) followed_.emplace(link, t);
  return t;
}

}  // namespace driftcheck::openapi
