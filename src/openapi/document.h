// One OpenAPI document as a JSON tree, with the line and column of every node, and the $ref
// resolver that follows references inside it and into relative files next to it.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace driftcheck {
class SourceView;
}

namespace driftcheck::openapi {

using Json = nlohmann::json;

struct Pos {
  uint32_t line = 1, column = 1;  // 1-based
};

struct Document {
  std::filesystem::path path;  // on disk: the base of relative $refs
  std::string display;         // as reports show it
  Json root;
  std::unordered_map<const Json*, Pos> positions;  // where each node starts

  Pos pos(const Json& node) const {
    auto it = positions.find(&node);
    return it == positions.end() ? Pos{} : it->second;
  }
};

// Parses YAML (1.2) or JSON. Throws InputError "display:line:col: what" on invalid input, non-UTF-8
// bytes, alias bombs, and documents past the nesting, nodes or alias-nodes limits (core/limits.h).
std::unique_ptr<Document> parse_document(std::filesystem::path path, std::string display, const std::string& bytes);

// Follows `$ref`s: local (`#/components/...`) and relative files (`common.yaml#/...`), loading
// each file once. Remote URLs and files outside the root document's folder are refused.
class Resolver {
 public:
  // Loads the root document from disk. Throws InputError.
  explicit Resolver(const std::filesystem::path& file, std::string display);
  // Loads the root document `path` (relative to the view's root) from a view, e.g. a git
  // revision; relative $refs are read from the same view. The view must outlive the resolver.
  Resolver(const SourceView& view, const std::string& path, std::string display);
  // A document held in memory, with no files next to it.
  static std::unique_ptr<Resolver> from_text(const std::string& text, std::string display);

  const Document& root() const { return *root_; }
  // The root document, then every file loaded so far by following $refs.
  std::vector<const Document*> documents() const;

  // Follows, before any check runs, every $ref of the document and of the files it refers to
  // (outside example payloads and extensions), so that a broken, cyclic, remote or escaping one
  // is an InputError rather than a part of the document the checks silently skip.
  void check_refs(const Document& root);

  struct Target {
    const Json* node = nullptr;   // the referenced value (never itself a $ref)
    const Document* doc = nullptr;
    std::string ref;              // the last $ref followed, "" when `node` was not a reference
  };
  // Resolves `node` (inside `doc`) through any chain of $refs. Throws InputError on a broken,
  // remote, escaping or purely self-referential $ref.
  Target resolve(const Json& node, const Document& doc);

 private:
  Target follow(const Json& node, const Document& doc);  // resolve() without the memo
  // The file a $ref names ("" for a local one), refused when remote or outside the folder.
  std::filesystem::path check_target(const Document& doc, const Json& ref) const;
  const Document* load(const std::filesystem::path& file);  // nullptr when there is no such file
  // `relative` resolved against `from`'s folder: canonical on disk, lexically in a view.
  std::filesystem::path locate(const Document& from, const std::string& relative) const;
  Resolver() = default;
  std::function<std::optional<std::string>(const std::filesystem::path&)> read_;
  bool on_disk_ = true;
  std::filesystem::path base_dir_;
  std::unique_ptr<Document> root_;
  std::map<std::filesystem::path, std::unique_ptr<Document>> others_;
  // Every $ref object already followed, and where it led: checks reach the same component
  // schemas from every operation, and parsing the JSON pointer each time dominated their time.
  std::unordered_map<const Json*, Target> followed_;
};

}  // namespace driftcheck::openapi
