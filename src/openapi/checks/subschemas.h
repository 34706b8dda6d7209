// Pairing of the members of a composition keyword (allOf, anyOf, oneOf, prefixItems) between the
// old and new version of a schema (docs/dev/oasdiff-check-semantics.md §1.9), and how members are
// named in messages and property paths.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "openapi/checks/schema_walk.h"

namespace driftcheck::openapi {

struct MemberPairing {
  std::vector<std::pair<size_t, size_t>> modified;  // (old index, new index): compared further
  std::vector<size_t> deleted;                      // old members with no counterpart
  std::vector<size_t> added;                        // new members with no counterpart
};

// Pairs the members of `key` at a walked node. A keyword absent (or not a list) on one side counts
// as an empty list, so a keyword added as a whole adds all of its members.
MemberPairing pair_members(const CheckContext& ctx, const SchemaNode& at, const char* key);

// `#/components/schemas/<Name>` for a $ref member, else `subschema #<index+1>`, with `: <title>`
// when the member has a title.
std::string render_member(const Json& member, size_t index);
// The members at `indexes` of `list`, rendered and joined with ", ".
std::string render_members(const Json& list, const std::vector<size_t>& indexes);

// True when an old and a new schema say the same thing once every $ref is followed.
bool same_schema(const CheckContext& ctx, const SchemaSide& old_schema, const SchemaSide& new_schema);

}  // namespace driftcheck::openapi
