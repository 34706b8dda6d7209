// The parallel schema walk shared by the request and response property checks: for every matched
// operation pair, the request body media types and response (status, media type) pairs present on
// both sides, then old and new schemas side by side (docs/dev/oasdiff-check-semantics.md §1.12).
// $refs are followed through each Spec's resolver with a per-side stack of visited targets, so
// cycles stop (§1.10) and the document is never expanded.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "openapi/check.h"

namespace driftcheck::openapi {

enum class Direction { request, response };

// One schema on one side, resolved (never a $ref), or absent.
struct SchemaSide {
  const Json* node = nullptr;
  const Document* doc = nullptr;
  explicit operator bool() const { return node != nullptr; }
};

struct SchemaNode {
  Direction direction = Direction::request;
  const Operation* old_op = nullptr;
  const Operation* new_op = nullptr;
  std::string operation;     // "METHOD /old/path"
  std::string media_type;    // the media type name (both sides have it)
  std::string status;        // response status key; "" for request bodies
  bool strongly_typed = true;  // application/json or *+json
  std::string path;          // property path (`a/b`, `a/items`...); "" at the body root
  std::string name;          // the property's own name; "" for non-property nodes and the root
  SchemaSide old_schema, new_schema;  // both present
  SchemaSide old_parent, new_parent;  // absent at the root

  bool root() const { return path.empty(); }
  // `path` joined with a property name below this node.
  std::string child(const std::string& key) const { return path.empty() ? key : path + "/" + key; }
  // Where a finding about this node points: the new schema, or the old one if asked.
  Location location(const CheckContext& ctx, bool old_side = false) const;
};

using SchemaVisitor = std::function<void(const SchemaNode&)>;

// Calls `visit` for the root of every body schema of the given direction present on both sides,
// and for every nested node reached through both sides, parents before children.
void walk_schemas(const CheckContext& ctx, Direction direction, const SchemaVisitor& visit);

// Body-level pairing without schemas: each matched operation with its old and new request body
// (resolved; either may be null).
struct RequestBodyPair {
  const Operation* old_op = nullptr;
  const Operation* new_op = nullptr;
  std::string operation;
  SchemaSide old_body, new_body;  // the requestBody objects (3.x) or body parameters (2.0)
};
std::vector<RequestBodyPair> request_body_pairs(const CheckContext& ctx);

// The media types of a request body (3.x `content` keys, 2.0 `consumes` or application/json).
std::vector<std::string> body_media_types(const Spec& spec, const Operation& op, const Json& body);

// The node in words: "the request body (application/json)", "the `200` response body (...)",
// "request property `a/b` in the request body (...)", "response property `a` in the `200` response (...)".
std::string node_text(const SchemaNode& n);
// A number as people write it: 5, not 5.0.
std::string number_text(const Json& v);

// Small schema helpers.
bool schema_flag(const Json& schema, const char* key);  // `key: true`
std::vector<std::string> schema_types(const Json& schema);  // `type` as a list; [] when absent
bool in_required(const Json& parent, const std::string& name);
SchemaSide resolve_side(const Spec& spec, const Json& node, const Document& doc);
// Keywords that describe a schema without constraining the values it accepts.
bool annotation_keyword(const std::string& key);
// A schema (possibly a $ref) made only of annotations: it accepts every value.
bool annotation_only(const Spec& spec, const Json& raw, const Document& doc);
// `allOf: [{$ref: X}, {description: ...}]`, with nothing but annotations beside the one member
// that constrains, accepts exactly what X accepts: real specs wrap a $ref so to add a
// description or an example. Gives X (resolved), or `t` when it is no such wrapper.
Resolver::Target through_annotation_wrappers(const Spec& spec, Resolver::Target t);
// §1.11 oneOf wrapping at this node: the old schema has properties and no oneOf; the new one has
// a oneOf, no properties and no type, and some old property reappears in an alternative.
bool one_of_wrapping(const CheckContext& ctx, const SchemaNode& node);
// Whether the allowed types changed in the "list of types" idiom (a oneOf/anyOf of bare
// single-type members on one side): *-list-of-types-* report it, and only they.
bool list_of_types_changed(const CheckContext& ctx, const SchemaNode& node);

}  // namespace driftcheck::openapi
