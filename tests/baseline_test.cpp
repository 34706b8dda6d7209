// Baselines: record today's findings, then report only new ones; unrelated edits that move
// lines do not resurface recorded findings.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.h"

using test::run_driftcheck;
using test::TempDir;

TEST_CASE("a baseline hides recorded findings and only those", "[baseline][cli]") {
  TempDir dir;
  dir.write("old/a.proto", "syntax = \"proto3\";\npackage p;\nmessage M {\n  int32 a = 1;\n  int32 b = 2;\n}\n");
  dir.write("new/a.proto", "syntax = \"proto3\";\npackage p;\nmessage M {\n  int32 x = 1;\n  int32 b = 2;\n}\n");
  auto rec = run_driftcheck("old new --write-baseline base.json", dir.path);
  CHECK(rec.exit_code == 0);
  CHECK_THAT(rec.out, Catch::Contains("recorded 2 findings"));
  auto doc = nlohmann::json::parse(test::slurp(dir.path / "base.json"));
  CHECK(doc["findings"].size() == 2);

  auto same = run_driftcheck("old new --baseline base.json --format json", dir.path);
  CHECK(same.exit_code == 0);
  auto j = nlohmann::json::parse(same.out);
  CHECK(j["findings"].empty());
  CHECK(j["summary"]["in_baseline"] == 2);

  // An unrelated edit moves the field down two lines: still recorded.
  dir.write("new/a.proto", "syntax = \"proto3\";\npackage p;\n// a comment\n\nmessage M {\n  int32 x = 1;\n  int32 b = 2;\n}\n");
  CHECK(run_driftcheck("old new --baseline base.json", dir.path).exit_code == 0);

  // A new break on another field is reported.
  dir.write("new/a.proto", "syntax = \"proto3\";\npackage p;\nmessage M {\n  int32 x = 1;\n  int32 y = 2;\n}\n");
  auto more = run_driftcheck("old new --baseline base.json --format json --rule FIELD_SAME_NAME", dir.path);
  CHECK(more.exit_code == 1);
  auto m = nlohmann::json::parse(more.out);
  REQUIRE(m["findings"].size() == 1);
  CHECK(m["findings"][0]["path"] == "p.M.b");
}

TEST_CASE("a file that is not a baseline is an input error", "[baseline][bad-input]") {
  TempDir dir;
  dir.write("old/a.proto", "syntax = \"proto3\";\n");
  dir.write("new/a.proto", "syntax = \"proto3\";\n");
  dir.write("junk.json", "{\"findings\": 3}");
  auto r = run_driftcheck("old new --baseline junk.json", dir.path);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("not a driftcheck baseline"));
  auto missing = run_driftcheck("old new --baseline nope.json", dir.path);
  CHECK(missing.exit_code == 2);
}
