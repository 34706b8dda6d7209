// The JSON Schema 2020-12 keyword checks (src/openapi/checks/schema_keywords.cpp) on the edges
// the oasdiff corpus does not pin: member pairing of prefixItems, boolean forms, reordered lists,
// numbers written differently, and the body/property split.
#include <catch2/catch.hpp>

#include <algorithm>

#include "openapi/check.h"
#include "support.h"

using namespace driftcheck;
using test::TempDir;

namespace {

// A 3.1 document whose POST /items request body and 200 response both use `schema` (flow YAML).
std::string doc_with(const std::string& schema) {
  return "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /items:\n    post:\n"
         "      requestBody:\n        content:\n          application/json:\n            schema: " +
         schema +
         "\n      responses:\n        '200':\n          description: ok\n          content:\n"
         "            application/json:\n              schema: " +
         schema + "\n";
}

// The ids reported for old -> new whose text contains `filter`, sorted.
std::vector<std::string> ids(const std::string& old_schema, const std::string& new_schema, const std::string& filter) {
  TempDir dir;
  auto o = openapi::load_spec(dir.write("old.yaml", doc_with(old_schema)).string(), "old.yaml");
  auto n = openapi::load_spec(dir.write("new.yaml", doc_with(new_schema)).string(), "new.yaml");
  std::vector<std::string> out;
  for (const Finding& f : openapi::run_openapi_checks(*o, *n))
    if (f.rule.find(filter) != std::string::npos) out.push_back(f.rule);
  std::sort(out.begin(), out.end());
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("prefixItems: a lone untitled member that changed is modified, not added and removed", "[openapi][keywords]") {
  CHECK(ids("{type: array, prefixItems: [{type: string}]}", "{type: array, prefixItems: [{type: integer}]}",
            "prefix-items")
            .empty());
  CHECK(ids("{type: array, prefixItems: [{type: string}]}", "{type: array, prefixItems: [{type: string}, {type: integer}]}",
            "prefix-items") == V{"request-body-prefix-items-added", "response-body-prefix-items-added"});
  CHECK(ids("{type: array, prefixItems: [{title: a, type: string}]}", "{type: array, prefixItems: [{title: b, type: string}]}",
            "prefix-items") == V{"request-body-prefix-items-added", "request-body-prefix-items-removed",
                                 "response-body-prefix-items-added", "response-body-prefix-items-removed"});
}

TEST_CASE("unevaluated*: only the schema form counts", "[openapi][keywords]") {
  CHECK(ids("{type: object}", "{type: object, unevaluatedProperties: false}", "unevaluated").empty());
  CHECK(ids("{type: object, unevaluatedProperties: false}", "{type: object, unevaluatedProperties: {type: string}}",
            "unevaluated") == V{"request-body-unevaluated-properties-added", "response-body-unevaluated-properties-added"});
}

TEST_CASE("dependentRequired: a reordered list is unchanged", "[openapi][keywords]") {
  CHECK(ids("{type: object, dependentRequired: {a: [b, c]}}", "{type: object, dependentRequired: {a: [c, b]}}",
            "dependent-required")
            .empty());
  CHECK(ids("{type: object, dependentRequired: {a: [b]}}", "{type: object, dependentRequired: {a: [b, c], d: [e]}}",
            "dependent-required") == V{"request-body-dependent-required-added", "request-body-dependent-required-changed",
                                       "response-body-dependent-required-added",
                                       "response-body-dependent-required-changed"});
}

TEST_CASE("minContains/maxContains compare as numbers and need both sides", "[openapi][keywords]") {
  CHECK(ids("{type: array, minContains: 2}", "{type: array, minContains: 2.0}", "contains").empty());
  CHECK(ids("{type: array}", "{type: array, maxContains: 2}", "contains").empty());
}

TEST_CASE("nested nodes report the property ids, the root the body ids", "[openapi][keywords]") {
  CHECK(ids("{type: object, properties: {v: {type: string, const: a}}}",
            "{type: object, properties: {v: {type: string, const: b}}}", "const") ==
        V{"request-property-const-changed", "response-property-const-changed"});
  CHECK(ids("{type: string, contentEncoding: base64}", "{type: string}", "content") ==
        V{"request-body-content-encoding-changed", "response-body-content-encoding-changed"});
  CHECK(ids("{type: object, patternProperties: {'^a': {type: string}}}", "{type: object}", "pattern-property") ==
        V{"request-body-pattern-property-removed", "response-body-pattern-property-removed"});
}
