// SameSchema: deep equality of an old and a new schema through $refs on both sides, cycles
// included, which lets the schema walk skip unchanged components.
#include <catch2/catch.hpp>

#include "openapi/same_schema.h"
#include "openapi/spec.h"
#include "support.h"

using namespace driftcheck;
using test::TempDir;

namespace {

std::string doc(const std::string& schemas) {
  return "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n" + schemas;
}

// Compares components.schemas.<name> of the two documents.
bool same(const std::string& old_schemas, const std::string& new_schemas, const std::string& name = "A") {
  TempDir dir;
  auto o = openapi::load_spec(dir.write("old.yaml", doc(old_schemas)).string(), "old.yaml");
  auto n = openapi::load_spec(dir.write("new.yaml", doc(new_schemas)).string(), "new.yaml");
  openapi::SameSchema same(*o, *n);
  const auto& os = o->root()["components"]["schemas"][name];
  const auto& ns = n->root()["components"]["schemas"][name];
  bool first = same(os, o->doc(), ns, n->doc());
  CHECK(same(os, o->doc(), ns, n->doc()) == first);  // remembered answers agree
  return first;
}

}  // namespace

TEST_CASE("same schemas through $refs", "[openapi][same_schema]") {
  std::string a = "    A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}}}\n";
  CHECK(same(a + "    B: {type: string}\n", a + "    B: {type: string}\n"));
  CHECK_FALSE(same(a + "    B: {type: string}\n", a + "    B: {type: integer}\n"));
  // The same content under another name is not the same: checks see $ref names.
  std::string a2 = "    A: {type: object, properties: {b: {$ref: '#/components/schemas/C'}}}\n";
  CHECK_FALSE(same(a + "    B: {type: string}\n", a2 + "    C: {type: string}\n"));
  // A $ref that cannot be followed (here a URL inside example data): not known to be the same.
  std::string ex = "    A: {type: object, example: {$ref: 'https://example.com/x'}}\n";
  CHECK_FALSE(same(ex, ex));
}

TEST_CASE("same schemas with cycles", "[openapi][same_schema]") {
  std::string tree = "    A: {type: object, properties: {kids: {type: array, items: {$ref: '#/components/schemas/A'}},"
                     " leaf: {$ref: '#/components/schemas/L'}}}\n";
  CHECK(same(tree + "    L: {type: string}\n", tree + "    L: {type: string}\n"));
  CHECK_FALSE(same(tree + "    L: {type: string}\n", tree + "    L: {type: string, maxLength: 3}\n"));
  // Two schemas in a cycle: a change in the second shows from the first, and from the second.
  std::string ab = "    A: {properties: {b: {$ref: '#/components/schemas/B'}}}\n";
  std::string b1 = "    B: {properties: {a: {$ref: '#/components/schemas/A'}, x: {type: string}}}\n";
  std::string b2 = "    B: {properties: {a: {$ref: '#/components/schemas/A'}, x: {type: integer}}}\n";
  CHECK(same(ab + b1, ab + b1));
  CHECK_FALSE(same(ab + b1, ab + b2));
  CHECK_FALSE(same(ab + b1, ab + b2, "B"));
}
