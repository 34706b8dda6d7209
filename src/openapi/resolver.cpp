#include <set>

#include "core/input_error.h"
#include "core/read_file.h"
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
  root_ = parse_document(abs, std::move(display), read_file(file.string()));
}

const Document& Resolver::load(const fs::path& file) {
  if (file == root_->path) return *root_;
  auto it = others_.find(file);
  if (it != others_.end()) return *it->second;
  std::string display = file.lexically_relative(base_dir_).generic_string();
  fs::path shown = fs::path(root_->display).parent_path() / display;
  auto doc = parse_document(file, shown.generic_string(), read_file(file.string()));
  return *others_.emplace(file, std::move(doc)).first->second;
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

Resolver::Target Resolver::follow(const Json& node, const Document& doc) {
  Target t{&node, &doc, ""};
  std::set<std::pair<const Document*, const Json*>> seen;
  while (t.node->is_object()) {
    auto ref = t.node->find("$ref");
    if (ref == t.node->end() || !ref->is_string()) break;
    if (!seen.emplace(t.doc, t.node).second)
      throw InputError(where(*t.doc, *t.node) + ": $ref cycle that never reaches a value");
    const std::string& text = ref->get_ref<const std::string&>();
    size_t hash = text.find('#');
    std::string file_part = text.substr(0, hash);
    std::string pointer = hash == std::string::npos ? "" : text.substr(hash + 1);
    if (file_part.find("://") != std::string::npos || file_part.rfind("//", 0) == 0)
      throw InputError(where(*t.doc, *ref) + ": $ref to a URL (" + text + ") is not fetched; vendor the file next to the document");
    const Document* target_doc = t.doc;
    if (!file_part.empty()) {
      std::error_code ec;
      fs::path target = fs::weakly_canonical(t.doc->path.parent_path() / file_part, ec);
      std::string rel = target.lexically_relative(base_dir_).generic_string();
      if (ec || rel.empty() || rel.rfind("..", 0) == 0)
        throw InputError(where(*t.doc, *ref) + ": $ref " + text + " points outside the document's folder");
      if (!fs::is_regular_file(target, ec))
        throw InputError(where(*t.doc, *ref) + ": $ref " + text + ": no such file");
      target_doc = &load(target);
    }
    const Json* value = nullptr;
    try {
      value = &target_doc->root.at(Json::json_pointer(pointer));
    } catch (const Json::exception&) {
      throw InputError(where(*t.doc, *ref) + ": $ref " + text + " points to nothing");
    }
    t = Target{value, target_doc, text};
  }
  return t;
}

}  // namespace driftcheck::openapi
