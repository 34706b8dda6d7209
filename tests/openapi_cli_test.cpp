// The command on OpenAPI documents, end to end: detection by content, located findings with
// their operation, shared definitions reported once, inline ignores, configuration, baselines,
// bad input, and git mode.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.h"

using test::run_driftcheck;
using test::TempDir;

namespace {

// A pet store where two operations share the Pet schema.
const char* kOld = R"(openapi: 3.0.3
info: {title: pets, version: "1"}
paths:
  /pets:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                max_tokens: {type: integer}
      responses:
        "200": {description: ok}
  /pets/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        tag: {type: string}
)";

std::string with(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// The new side: Pet loses its required `name`.
std::string new_side(const std::string& extra_on_pet = "") {
  return with(kOld, "      required: [name]\n      properties:\n        name: {type: string}\n",
              extra_on_pet + "      properties:\n");
}

nlohmann::json json_of(const test::RunResult& r) {
  INFO(r.err);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("OpenAPI documents are recognised by content and their findings located", "[cli][openapi]") {
  TempDir dir;
  // No telling extension: the content decides.
  dir.write("old.spec", kOld);
  dir.write("new.spec", new_side());
  auto r = run_driftcheck("old.spec new.spec --format json", dir.path);
  CHECK(r.exit_code == 1);
  auto report = json_of(r);
  REQUIRE(report["findings"].size() == 1);  // one change to a shared schema, once
  const auto& f = report["findings"][0];
  CHECK(f["rule"] == "response-required-property-removed");
  CHECK(f["domain"] == "openapi");
  CHECK(f["severity"] == "error");
  CHECK(f["file"] == "new.spec");  // the surviving parent in the new document
  CHECK(f["line"] == 34);  // the Pet schema, whose property went
  CHECK(f["old"]["file"] == "old.spec");
  CHECK(f["old"]["line"] == 38);  // the property itself
  CHECK(f["operation"] == "GET /pets");
  CHECK(f["operations"] == nlohmann::json::array({"GET /pets", "GET /pets/{id}"}));

  auto text = run_driftcheck("old.spec new.spec", dir.path);
  CHECK(text.out.find("new.spec:34:") == 0);
  CHECK(text.out.find("GET /pets and 1 other operation: ") != std::string::npos);
}

TEST_CASE("OpenAPI: identical documents exit 0, mixed kinds exit 2", "[cli][openapi]") {
  TempDir dir;
  dir.write("a.yaml", kOld);
  dir.write("b.json", R"({"openapi": "3.0.3", "info": {"title": "pets", "version": "1"}, "paths": {}})");
  CHECK(run_driftcheck("a.yaml a.yaml", dir.path).exit_code == 0);
  dir.write("x.proto", "syntax = \"proto3\";\nmessage M {}\n");
  auto r = run_driftcheck("a.yaml x.proto", dir.path);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("a.yaml is an OpenAPI document but x.proto is not") != std::string::npos);
  // JSON and YAML compare with each other.
  auto removed = run_driftcheck("a.yaml b.json --format json", dir.path);
  CHECK(removed.exit_code == 1);
  CHECK(json_of(removed)["summary"]["error"] == 3);  // three operations removed
}

TEST_CASE("OpenAPI bad input is one line and exit 2", "[cli][openapi][bad-input]") {
  TempDir dir;
  dir.write("ok.yaml", kOld);
  struct Case {
    const char* name;
    std::string text;
    const char* says;
  };
  std::vector<Case> cases = {
      {"broken.yaml", "openapi: 3.0.3\npaths: {\n", "broken.yaml:"},
      {"not.yaml", "title: hello\n", "not an OpenAPI document"},
      {"v4.yaml", "openapi: 4.0.0\npaths: {}\n", "not supported"},
      {"url.yaml", with(kOld, "{$ref: \"#/components/schemas/Pet\"}", "{$ref: \"https://example.com/pet.yaml\"}"),
       "is not fetched"},
      {"escape.yaml", with(kOld, "{$ref: \"#/components/schemas/Pet\"}", "{$ref: \"../../etc/passwd\"}"),
       "outside the document's folder"},
      {"dangling.yaml", with(kOld, "{$ref: \"#/components/schemas/Pet\"}", "{$ref: \"#/components/schemas/Nope\"}"),
       "points to nothing"},
      {"nofile.yaml", with(kOld, "{$ref: \"#/components/schemas/Pet\"}", "{$ref: \"common.yaml#/Pet\"}"),
       "no such file"},
      {"loop.yaml",
       with(with(kOld, "{$ref: \"#/components/schemas/Pet\"}", "{$ref: \"#/components/schemas/Loop\"}"),
            "  schemas:\n", "  schemas:\n    Loop: {$ref: \"#/components/schemas/Loop\"}\n"),
       "cycle"},
      {"bomb.yaml",
       "openapi: 3.0.3\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
       "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\npaths: {}\n",
       "alias"},
      {"deep.json", "{\"openapi\": \"3.0.3\", \"paths\": " + std::string(5000, '[') + std::string(5000, ']') + "}",
       "deep"},
      {"latin1.yaml", "openapi: 3.0.3\ninfo: {title: \"caf\xe9\", version: \"1\"}\npaths: {}\n", "UTF-8"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    dir.write(c.name, c.text);
    auto r = run_driftcheck(std::string("ok.yaml ") + c.name, dir.path);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.find(c.says) != std::string::npos);
  }
}

TEST_CASE("x-driftcheck-ignore silences a finding; an unused one is reported", "[cli][openapi][suppress]") {
  TempDir dir;
  dir.write("old.yaml", kOld);
  dir.write("new.yaml", new_side("      x-driftcheck-ignore: response-required-property-removed name moved to /owners\n"));
  auto r = run_driftcheck("old.yaml new.yaml --format json --min-level info", dir.path);
  CHECK(r.exit_code == 0);
  auto report = json_of(r);
  REQUIRE(report["findings"].size() == 0);

  dir.write("new.yaml", new_side("      x-driftcheck-ignore: [request-property-removed not here]\n"));
  auto stale = json_of(run_driftcheck("old.yaml new.yaml --format json --min-level info", dir.path));
  std::vector<std::string> rules;
  for (const auto& f : stale["findings"]) rules.push_back(f["rule"]);
  CHECK(std::count(rules.begin(), rules.end(), "unused-suppression") == 1);
  CHECK(std::count(rules.begin(), rules.end(), "response-required-property-removed") == 1);
}

TEST_CASE("OpenAPI rule selection from the command line and driftcheck.yaml", "[cli][openapi][config]") {
  TempDir dir;
  dir.write("old.yaml", kOld);
  dir.write("new.yaml", new_side());
  CHECK(run_driftcheck("old.yaml new.yaml --except response-required-property-removed", dir.path).exit_code == 0);
  auto unknown = run_driftcheck("old.yaml new.yaml --rule no-such-rule", dir.path);
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("no OpenAPI rule or category `no-such-rule`") != std::string::npos);
  dir.write("driftcheck.yaml", "openapi:\n  except: [response-required-property-removed]\n");
  CHECK(run_driftcheck("old.yaml new.yaml", dir.path).exit_code == 0);
}

TEST_CASE("OpenAPI baselines: recorded findings stay quiet, new ones fail", "[cli][openapi][baseline]") {
  TempDir dir;
  dir.write("old.yaml", kOld);
  dir.write("new.yaml", new_side());
  CHECK(run_driftcheck("old.yaml new.yaml --write-baseline base.json", dir.path).exit_code == 0);
  CHECK(run_driftcheck("old.yaml new.yaml --baseline base.json", dir.path).exit_code == 0);
  dir.write("new.yaml", with(new_side(), "  /pets/{id}:\n", "  /pets/{pet}:\n  /gone:\n"));
  auto r = run_driftcheck("old.yaml new.yaml --baseline base.json", dir.path);
  CHECK(r.exit_code == 1);
}

TEST_CASE("markdown for OpenAPI is a changelog grouped by endpoint", "[cli][openapi][markdown]") {
  TempDir dir;
  dir.write("old.yaml", kOld);
  dir.write("new.yaml", with(new_side(), "                max_tokens: {type: integer}\n",
                             "                max_tokens: {type: integer}\n                n: {type: integer}\n"));
  auto r = run_driftcheck("old.yaml new.yaml --format markdown --min-level info", dir.path);
  CHECK(r.exit_code == 1);
  const std::string& md = r.out;
  size_t breaking = md.find("### Breaking changes"), other = md.find("### Other changes");
  REQUIRE(breaking != std::string::npos);
  REQUIRE(other != std::string::npos);
  CHECK(breaking < other);
  // The shared-schema change is listed under both endpoints it affects.
  size_t get_pets = md.find("#### `GET /pets`", breaking), get_pet = md.find("#### `GET /pets/{id}`", breaking);
  CHECK(get_pets < other);
  CHECK(get_pet < other);
  CHECK(md.find("#### `POST /pets`", other) != std::string::npos);
}

TEST_CASE("git mode finds OpenAPI documents by content and compares them", "[cli][openapi][git]") {
  TempDir repo;
  auto git = [&](const std::string& args) {
    std::string cmd = "cd '" + repo.path.string() + "' && git " + args + " >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
  };
  git("init -q -b main");
  git("config user.email t@example.com");
  git("config user.name t");
  repo.write("api/service.yaml", kOld);
  repo.write("api/not-a-spec.yaml", "kind: Deployment\n");
  git("add -A");
  git("commit -q -m base");
  repo.write("api/service.yaml", new_side());
  auto r = run_driftcheck("--against main --format json", repo.path);
  CHECK(r.exit_code == 1);
  auto report = json_of(r);
  REQUIRE(report["findings"].size() == 1);
  CHECK(report["findings"][0]["file"] == "api/service.yaml");
  CHECK(report["findings"][0]["old"]["file"] == "api/service.yaml");
  // Deleting the document removes every operation.
  std::filesystem::remove(repo.path / "api/service.yaml");
  auto gone = json_of(run_driftcheck("--against main --format json", repo.path));
  CHECK(gone["summary"]["error"] == 3);
}

TEST_CASE("x-driftcheck-ignore on an outer schema covers changes deep inside inner ones", "[cli][openapi][suppress]") {
  TempDir dir;
  dir.write("old.yaml", kOld);
  std::string changed = kOld;
  changed.replace(changed.find("        tag: {type: string}"), 27,
                  "        tag:\n          type: integer\n          x-driftcheck-ignore: request-property-removed inner\n");
  changed.replace(changed.find("    Pet:\n"), 9, "    Pet:\n      x-driftcheck-ignore: response-property-type-changed outer\n");
  dir.write("new.yaml", changed);
  auto r = run_driftcheck("old.yaml new.yaml --format json --min-level info", dir.path);
  INFO(r.out);
  CHECK(r.exit_code == 0);
  auto report = json_of(r);
  REQUIRE(report["findings"].size() == 1);  // the inner entry silenced nothing
  CHECK(report["findings"][0]["rule"] == "unused-suppression");
  CHECK(report["findings"][0]["path"] == "request-property-removed");
  // Without the outer entry the change is reported.
  changed.replace(changed.find("      x-driftcheck-ignore: response-property-type-changed outer\n"), 64, "");
  dir.write("new.yaml", changed);
  CHECK(run_driftcheck("old.yaml new.yaml", dir.path).exit_code == 1);
}

TEST_CASE("a $ref wrapped in an annotating allOf is the same schema in both directions", "[openapi][cli]") {
  std::filesystem::path dir = test::source_dir / "fixtures" / "openapi" / "ref-wrapped-in-all-of";
  for (const char* args : {"old.yaml new.yaml", "new.yaml old.yaml"}) {
    INFO(args);
    auto run = test::run_driftcheck(std::string(args) + " --min-level info --color never", dir);
    CHECK(run.exit_code == 0);
    CHECK(run.out == "driftcheck: no breaking changes\n");
  }
}
