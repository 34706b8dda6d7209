// Rules as data: every registered rule has a document and every document has a rule.
#include <catch2/catch.hpp>

#include <set>

#include "core/input_error.h"
#include "core/rule_docs.h"
#include "openapi/check.h"
#include "proto/registry.h"

using namespace driftcheck;

TEST_CASE("every protobuf rule is documented and every document is implemented", "[docs]") {
  std::set<std::string> registered, documented;
  for (const auto& r : proto::proto_rules()) registered.emplace(r.id);
  for (const auto& d : rule_docs())
    if (d.domain == "proto") documented.insert(d.id);
  for (const auto& id : registered) {
    INFO(id);
    CHECK(documented.count(id));
  }
  for (const auto& id : documented) {
    INFO(id);
    CHECK(registered.count(id));
  }
}

TEST_CASE("every rule document has the four sections and its metadata", "[docs]") {
  for (const auto& d : rule_docs()) {
    INFO(d.id);
    CHECK_FALSE(d.summary.empty());
    CHECK_FALSE(d.categories.empty());
    if (d.domain == "proto") CHECK(d.breaks != 0);
    for (const char* section : {"## What it catches", "## Why it breaks", "## Example", "## Fix"})
      CHECK(d.body.find(section) != std::string::npos);
  }
}

TEST_CASE("front matter parses", "[docs]") {
  auto d = parse_rule_doc("---\nid: X\ndomain: proto\ncategories: FILE PACKAGE\nseverity: warning\n"
                          "breaks: wire, json\ndefault: true\nsince: v2\n---\n# X\n\nSummary here.\n\n## What\n");
  CHECK(d.id == "X");
  CHECK(d.categories == std::vector<std::string>{"FILE", "PACKAGE"});
  CHECK(d.severity == Severity::warning);
  CHECK(d.breaks == (breaks_wire | breaks_json));
  CHECK(d.is_default);
  CHECK(d.since == "v2");
  CHECK(d.summary == "Summary here.");
  CHECK(d.fix.empty());
  CHECK_THROWS(parse_rule_doc("no front matter"));
  auto fix = parse_rule_doc("---\nid: Y\ndomain: cpp\n---\n# Y\n\nS.\n\n## Why it breaks\n\nBecause.\n\n"
                            "## Fix\n\nKeep the old one;\nadd a new one.\n\n```cpp\nint f();\n```\n\nMore.\n");
  CHECK(fix.fix == "Keep the old one; add a new one.");
}

TEST_CASE("C++ findings carry their rule's fix as the hint", "[docs][cpp]") {
  for (const RuleDoc& d : rule_docs())
    if (d.domain == "cpp") {
      INFO(d.id);
      CHECK(!d.fix.empty());
      CHECK(d.fix.size() < 240);  // one line under the finding, not an essay
    }
}

TEST_CASE("selection expands categories and deprecated ids like buf", "[select]") {
  proto::Selection s;
  s.version = "v1";
  s.use = {"FIELD_SAME_LABEL"};
  std::vector<std::string> warnings;
  auto ids = proto::select_rules(s, &warnings);
  CHECK(ids == std::vector<std::string>{"FIELD_SAME_CARDINALITY", "FIELD_WIRE_COMPATIBLE_CARDINALITY",
                                        "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY"});
  CHECK(warnings.size() == 1);
  // v2 rejects the v1 deprecated ids, as buf does, naming the replacements.
  s.version = "v2";
  try {
    proto::select_rules(s);
    FAIL("FIELD_SAME_LABEL accepted in v2");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("FIELD_SAME_CARDINALITY"));
  }
  CHECK_THROWS_AS(proto::select_rules(proto::Selection{{"MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT"}, {}, "v2"}),
                  InputError);  // a no-op id alone selects nothing
  s.use = {"FILE"};
  s.except = {"FIELD_NO_DELETE"};
  ids = proto::select_rules(s);
  CHECK(std::find(ids.begin(), ids.end(), "FIELD_NO_DELETE") == ids.end());
  CHECK(std::find(ids.begin(), ids.end(), "FILE_NO_DELETE") != ids.end());
}

TEST_CASE("every OpenAPI check id has a rule document", "[docs][openapi]") {
  for (const auto& check : driftcheck::openapi::openapi_checks())
    for (auto id : check.ids) {
      INFO(check.name << ": " << id);
      const RuleDoc* doc = find_rule_doc(id);
      REQUIRE(doc != nullptr);
      CHECK(doc->domain == "openapi");
    }
}
