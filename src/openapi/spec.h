// An OpenAPI (3.0, 3.1) or Swagger (2.0) document, loaded with its $ref resolver, and the
// matching of old and new paths and operations that every check starts from.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "openapi/document.h"

namespace driftcheck::openapi {

class SameSchema;

struct Parameter {
  std::string in, name;
  const Json* node = nullptr;  // the parameter object (resolved)
  const Document* doc = nullptr;
};

struct Operation {
  std::string method;      // upper case: GET, POST...
  std::string path;        // as written in the document, or "webhook:<name>"
  const Json* node = nullptr;       // the operation object (resolved: `get: {$ref: ops/get.yml}` is followed)
  const Json* path_item = nullptr;  // its path item (resolved)
  const Document* doc = nullptr;    // the document that holds `node`
  const Document* path_item_doc = nullptr;
  // What the operation takes: its own parameters, then those of its path item that it does not
  // override (same `in` and `name`), each resolved.
  std::vector<Parameter> parameters;
};

struct Spec {
  std::unique_ptr<Resolver> resolver;
  int major = 3;            // 2 for Swagger 2.0
  std::string version;      // "2.0", "3.0.3", "3.1.0"
  std::vector<Operation> operations;  // paths then webhooks, in document order; methods in a fixed order

  const Document& doc() const { return resolver->root(); }
  const Json& root() const { return resolver->root().root; }
  Location location(const Json& node, const Document& in) const;
};

// Loads and checks that the document is OpenAPI 3.x or Swagger 2.0. Throws InputError.
std::unique_ptr<Spec> load_spec(const std::string& file, const std::string& display);
// The same from a view (a git revision or the index); relative $refs are read from the view.
std::unique_ptr<Spec> load_spec(const SourceView& view, const std::string& path, const std::string& display);
// A spec of the same version with no paths, standing for a document deleted on one side.
std::unique_ptr<Spec> empty_spec(const Spec& like, const std::string& display);

// True when `head` (the start of a file) reads as an OpenAPI or Swagger document: JSON or YAML
// with a top-level `openapi` or `swagger` key near the start.
bool looks_like_openapi(std::string_view head);

// `/pets/{id}` -> `/pets/{}`: paths match whatever their parameters are called.
std::string normalized_path(const std::string& path);

// Old and new operations paired by normalised path and method. A matched pair reports under
// the OLD path spelling, as oasdiff does; an added path under the new one.
struct OperationMatch {
  std::vector<std::pair<const Operation*, const Operation*>> pairs;  // old, new
  std::vector<const Operation*> removed;                              // old only
  std::vector<const Operation*> added;                                // new only
  std::map<std::string, std::string> path_of_new;  // new path -> the path it reports under
  // Whether an old and a new schema are the same, remembered for the whole run, so that the
  // schema walk can skip what did not change.
  std::shared_ptr<SameSchema> same_schema;
};
OperationMatch match_operations(const Spec& old_spec, const Spec& new_spec);

// "GET /pets/{id}"
std::string operation_label(const std::string& method, const std::string& path);

}  // namespace driftcheck::openapi
