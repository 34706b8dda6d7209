// OpenAPI documents: YAML and JSON into one tree with positions, $ref resolution, and bad input
// (invalid syntax, alias bombs, deep nesting, non-UTF-8, duplicate keys, hostile $refs).
#include <catch2/catch.hpp>

#include "core/input_error.h"
#include "openapi/document.h"
#include "support.h"

using namespace driftcheck;
using namespace driftcheck::openapi;
using test::TempDir;

namespace {

std::unique_ptr<Document> parse(const std::string& text) { return parse_document("t.yaml", "t.yaml", text); }

std::string parse_error(const std::string& text) {
  try {
    parse(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("YAML and JSON give the same tree, with positions", "[openapi][document]") {
  auto y = parse("openapi: 3.0.3\npaths:\n  /pets:\n    get:\n      operationId: list\n      tags: [a, b]\n"
                 "x-n: 012\nx-f: 1.5\nx-b: yes\nx-q: '3'\n");
  auto j = parse("{\"openapi\": \"3.0.3\",\n \"paths\": {\"/pets\": {\"get\": {\"operationId\": \"list\", \"tags\": [\"a\", \"b\"]}}},\n"
                 " \"x-n\": \"012\", \"x-f\": 1.5, \"x-b\": \"yes\", \"x-q\": \"3\"}");
  CHECK(y->root == j->root);
  const Json& get = y->root["paths"]["/pets"]["get"];
  CHECK(y->pos(get).line == 4);
  CHECK(y->pos(get).column == 5);
  CHECK(y->pos(get["tags"][1]).line == 6);
  CHECK(j->pos(j->root["paths"]).line == 2);
  CHECK(j->pos(j->root["paths"]).column == 2);
}

TEST_CASE("anchors, aliases and merge keys", "[openapi][document]") {
  auto d = parse("base: &b {type: string, maxLength: 3}\nuse: *b\nmerged:\n  <<: *b\n  maxLength: 5\n");
  CHECK(d->root["use"] == d->root["base"]);
  CHECK(d->root["merged"]["type"] == "string");
  CHECK(d->root["merged"]["maxLength"] == 5);  // explicit keys win over merged ones
}

TEST_CASE("bad documents are one clear error with line and column", "[openapi][document][bad-input]") {
  CHECK_THAT(parse_error("a: [1, 2\nb: 3\n"), Catch::Matches(R"(t\.yaml:\d+:\d+: .*)"));
  CHECK_THAT(parse_error("{\"a\": 1,\n \"b\": }"), Catch::StartsWith("t.yaml:2:"));
  CHECK_THAT(parse_error("a: 1\na: 2\n"), Catch::Contains("t.yaml:2:1: duplicate key 'a'"));
  CHECK_THAT(parse_error("a: 1\n---\nb: 2\n"), Catch::Contains("more than one"));
  CHECK_THAT(parse_error("a: \"\xff\xfe\"\n"), Catch::Contains("t.yaml:1:5: not UTF-8"));
  CHECK_THAT(parse_error(""), Catch::Contains("file is empty"));
  CHECK_THAT(parse_error("x: *nowhere\n"), Catch::Contains("names no complete anchor"));
}

TEST_CASE("an alias bomb is refused quickly", "[openapi][document][bad-input]") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c, ++prev) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) bomb += std::string(i ? ", *" : "*") + prev;
    bomb += "]\n";
  }
  CHECK_THAT(parse_error(bomb), Catch::Contains("alias bomb"));
}

TEST_CASE("deep nesting is refused, not a stack overflow", "[openapi][document][bad-input]") {
  CHECK_THAT(parse_error(std::string(100000, '[') + std::string(100000, ']')), Catch::Contains("nesting deeper than"));
  std::string yaml;
  for (int i = 0; i < 2000; ++i) yaml += std::string(i, ' ') + "k:\n";
  CHECK_THAT(parse_error(yaml), Catch::Contains("nesting deeper than"));
}

TEST_CASE("$refs resolve locally and into relative files, and hostile ones are refused", "[openapi][ref]") {
  TempDir dir;
  dir.write("api/common.yaml", "components:\n  schemas:\n    Money: {type: integer}\n");
  dir.write("api/spec.yaml",
            "openapi: 3.0.3\ncomponents:\n  schemas:\n    Pet: {$ref: '#/components/schemas/Animal'}\n"
            "    Animal: {type: object}\n    Price: {$ref: 'common.yaml#/components/schemas/Money'}\n"
            "    Remote: {$ref: 'https://example.com/x.yaml#/a'}\n    Escape: {$ref: '../outside.yaml#/a'}\n"
            "    Missing: {$ref: '#/components/schemas/Nope'}\n    Loop: {$ref: '#/components/schemas/Loop'}\n");
  dir.write("outside.yaml", "a: 1\n");
  Resolver r(dir.path / "api/spec.yaml", "api/spec.yaml");
  const Json& schemas = r.root().root["components"]["schemas"];
  auto pet = r.resolve(schemas["Pet"], r.root());
  CHECK((*pet.node)["type"] == "object");
  CHECK(pet.ref == "#/components/schemas/Animal");
  auto price = r.resolve(schemas["Price"], r.root());
  CHECK((*price.node)["type"] == "integer");
  CHECK(price.doc->display == "api/common.yaml");
  auto error_of = [&](const char* name) {
    try {
      r.resolve(schemas[name], r.root());
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK_THAT(error_of("Remote"), Catch::Contains("is not fetched"));
  CHECK_THAT(error_of("Escape"), Catch::Contains("outside the document's folder"));
  CHECK_THAT(error_of("Missing"), Catch::Contains("points to nothing"));
  CHECK_THAT(error_of("Loop"), Catch::Contains("cycle"));
  CHECK_THAT(error_of("Remote"), Catch::StartsWith("api/spec.yaml:7:"));
}
