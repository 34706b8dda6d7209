// Rename detection (src/openapi/checks/renames.cpp): one removed and one added property or
// parameter with the same schema in the same place is one rename finding, replacing the removal
// and the addition; ambiguous or different candidates stay plain removals and additions.
#include <catch2/catch.hpp>

#include <algorithm>

#include "openapi/check.h"
#include "support.h"

using namespace driftcheck;
using test::TempDir;

namespace {

// A 3.0 document with POST /v1/generate: `parameters` (a flow list), a request body schema and a
// 200 response schema (flow YAML), and `components` (flow mapping).
std::string doc(const std::string& parameters, const std::string& request, const std::string& response,
                const std::string& components = "{}") {
  return "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /v1/generate:\n    post:\n"
         "      parameters: " + parameters + "\n"
         "      requestBody:\n        content:\n          application/json:\n            schema: " + request + "\n"
         "      responses:\n        '200':\n          description: ok\n          content:\n"
         "            application/json:\n              schema: " + response + "\n"
         "components: " + components + "\n";
}

std::vector<Finding> check(const std::string& old_doc, const std::string& new_doc, bool renames = true) {
  TempDir dir;
  auto o = openapi::load_spec(dir.write("old.yaml", old_doc).string(), "old.yaml");
  auto n = openapi::load_spec(dir.write("new.yaml", new_doc).string(), "new.yaml");
  openapi::CheckOptions options;
  options.detect_renames = renames;
  return openapi::run_openapi_checks(*o, *n, options);
}

std::vector<std::string> ids(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(f.rule);
  std::sort(out.begin(), out.end());
  return out;
}

using V = std::vector<std::string>;

const std::string kPrompt = "prompt: {type: string}";
const std::string kOk = "{type: object}";

std::string object(const std::string& properties, const std::string& required = "") {
  return "{type: object, " + (required.empty() ? "" : "required: [" + required + "], ") + "properties: {" +
         properties + "}}";
}

}  // namespace

TEST_CASE("a renamed request property is one warning naming both names", "[openapi][renames]") {
  auto f = check(doc("[]", object(kPrompt + ", max_tokens: {type: integer, minimum: 1}"), kOk),
                 doc("[]", object(kPrompt + ", max_new_tokens: {type: integer, minimum: 1, description: cap}"), kOk));
  REQUIRE(f.size() == 1);
  CHECK(f[0].rule == "request-property-renamed");
  CHECK(f[0].severity == Severity::warning);
  CHECK(f[0].operation == "POST /v1/generate");
  CHECK_THAT(f[0].message, Catch::Contains("`max_tokens`") && Catch::Contains("renamed to `max_new_tokens`"));
  CHECK_THAT(f[0].hint, Catch::Contains("deprecated alias"));
  REQUIRE(f[0].old_location);
  CHECK(f[0].old_location->file == "old.yaml");
  CHECK(f[0].location.file == "new.yaml");
}

TEST_CASE("with rename detection off the same change is a removal and an addition", "[openapi][renames]") {
  auto f = check(doc("[]", object(kPrompt + ", max_tokens: {type: integer}"), kOk),
                 doc("[]", object(kPrompt + ", max_new_tokens: {type: integer}"), kOk), false);
  CHECK(ids(f) == V{"new-optional-request-property", "request-property-removed"});
}

TEST_CASE("a renamed required request property is an error", "[openapi][renames]") {
  auto f = check(doc("[]", object(kPrompt + ", model: {type: string}", "model"), kOk),
                 doc("[]", object(kPrompt + ", model_id: {type: string}", "model_id"), kOk));
  REQUIRE(ids(f) == V{"request-required-property-renamed"});
  CHECK(f[0].severity == Severity::error);
  CHECK_THAT(f[0].message, Catch::Contains("`model`") && Catch::Contains("`model_id`"));
}

TEST_CASE("a renamed response property, through a $ref on one side only", "[openapi][renames]") {
  std::string components = "{schemas: {Text: {type: string, maxLength: 100, description: generated}}}";
  auto f = check(doc("[]", kOk, object("id: {type: string}, text: {type: string, maxLength: 100}", "id, text")),
                 doc("[]", kOk,
                     object("id: {type: string}, output_text: {$ref: '#/components/schemas/Text'}", "id, output_text"),
                     components));
  REQUIRE(ids(f) == V{"response-property-renamed"});
  CHECK(f[0].severity == Severity::error);
  CHECK_THAT(f[0].message, Catch::Contains("`text`") && Catch::Contains("`output_text`") && Catch::Contains("`200`"));
}

TEST_CASE("a renamed nested property is found in its own object", "[openapi][renames]") {
  auto f = check(doc("[]", object("options: " + object("seed: {type: integer}, top_k: {type: integer, minimum: 0}")), kOk),
                 doc("[]", object("options: " + object("seed: {type: integer}, topK: {type: integer, minimum: 0}")), kOk));
  REQUIRE(ids(f) == V{"request-property-renamed"});
  CHECK_THAT(f[0].message, Catch::Contains("`options/top_k`") && Catch::Contains("`topK`"));
}

TEST_CASE("renamed parameters: optional is a warning, required an error", "[openapi][renames]") {
  auto f = check(doc("[{name: limit, in: query, schema: {type: integer}}, "
                     "{name: X-Api-Version, in: header, required: true, schema: {type: string}}]",
                     kOk, kOk),
                 doc("[{name: page_size, in: query, description: items per page, schema: {type: integer}}, "
                     "{name: Api-Version, in: header, required: true, schema: {type: string}}]",
                     kOk, kOk));
  REQUIRE(ids(f) == V{"request-parameter-renamed", "request-required-parameter-renamed"});
  for (const Finding& x : f) {
    if (x.rule == "request-parameter-renamed") {
      CHECK(x.severity == Severity::warning);
      CHECK_THAT(x.message, Catch::Contains("query parameter `limit` was renamed to `page_size`"));
    } else {
      CHECK(x.severity == Severity::error);
      CHECK_THAT(x.message, Catch::Contains("`X-Api-Version`") && Catch::Contains("`Api-Version`"));
    }
    CHECK_THAT(x.hint, Catch::Contains("deprecated alias"));
  }
}

TEST_CASE("parameters in another location or of another required-ness are no rename", "[openapi][renames]") {
  auto other_in = check(doc("[{name: limit, in: query, schema: {type: integer}}]", kOk, kOk),
                        doc("[{name: Limit, in: header, schema: {type: integer}}]", kOk, kOk));
  CHECK(ids(other_in) == V{"new-optional-request-parameter", "request-parameter-removed"});
  auto other_required = check(doc("[{name: limit, in: query, schema: {type: integer}}]", kOk, kOk),
                              doc("[{name: size, in: query, required: true, schema: {type: integer}}]", kOk, kOk));
  CHECK(ids(other_required) == V{"new-required-request-parameter", "request-parameter-removed"});
}

TEST_CASE("two candidates with the same schema are ambiguous: no rename", "[openapi][renames]") {
  auto added_two = check(doc("[]", object(kPrompt + ", max_tokens: {type: integer}"), kOk),
                         doc("[]", object(kPrompt + ", max_new_tokens: {type: integer}, min_new_tokens: {type: integer}"),
                             kOk));
  CHECK(ids(added_two) == V{"new-optional-request-property", "new-optional-request-property", "request-property-removed"});
  auto removed_two = check(doc("[{name: a, in: query, schema: {type: string}}, {name: b, in: query, schema: {type: string}}]",
                               kOk, kOk),
                           doc("[{name: c, in: query, schema: {type: string}}]", kOk, kOk));
  CHECK(ids(removed_two) == V{"new-optional-request-parameter", "request-parameter-removed", "request-parameter-removed"});
}

TEST_CASE("a different schema is no rename", "[openapi][renames]") {
  auto f = check(doc("[]", object(kPrompt + ", max_tokens: {type: integer}"), kOk),
                 doc("[]", object(kPrompt + ", max_new_tokens: {type: integer, maximum: 4096}"), kOk));
  CHECK(ids(f) == V{"new-optional-request-property", "request-property-removed"});
  auto p = check(doc("[{name: limit, in: query, schema: {type: integer}}]", kOk, kOk),
                 doc("[{name: size, in: query, schema: {type: string}}]", kOk, kOk));
  CHECK(ids(p) == V{"new-optional-request-parameter", "request-parameter-removed"});
}

TEST_CASE("a deprecated property that is removed is no rename candidate", "[openapi][renames]") {
  auto f = check(doc("[]", object(kPrompt + ", max_tokens: {type: integer, deprecated: true}"), kOk),
                 doc("[]", object(kPrompt + ", max_new_tokens: {type: integer}"), kOk));
  CHECK(ids(f) == V{"new-optional-request-property", "request-property-removed"});
}

TEST_CASE("recursive schemas compare by structure and terminate", "[openapi][renames]") {
  std::string components = "{schemas: {Node: {type: object, properties: {next: {$ref: '#/components/schemas/Node'}}}}}";
  auto f = check(doc("[]", object("head: {$ref: '#/components/schemas/Node'}"), kOk, components),
                 doc("[]", object("first: {$ref: '#/components/schemas/Node'}"), kOk, components));
  CHECK(ids(f) == V{"request-property-renamed"});
}
