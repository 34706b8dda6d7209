// The command as users run it: exit codes, the text format, the JSON schema, level filters.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.h"

using test::run_driftcheck;
using test::TempDir;

namespace {

struct Pair {
  TempDir dir;
  std::string old_path, new_path;
  Pair(const std::string& old_text, const std::string& new_text) {
    old_path = dir.write("old/api.proto", old_text).string();
    new_path = dir.write("new/api.proto", new_text).string();
  }
  std::string args() const { return "'" + old_path + "' '" + new_path + "'"; }
};

const char* kOld = R"(syntax = "proto3";
package acme.v1;
message Req {
  int32 max_tokens = 3;
  string prompt = 1;
}
)";

const char* kRenamed = R"(syntax = "proto3";
package acme.v1;
message Req {
  int32 max_new_tokens = 3;
  string prompt = 1;
}
)";

}  // namespace

TEST_CASE("a rename fails the build with a located, explained finding", "[cli]") {
  Pair p(kOld, kRenamed);
  auto r = run_driftcheck(p.args() + " --color never");
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("new/api.proto:4:9: error: field 3 `max_tokens` of message `acme.v1.Req` "
                                    "was renamed to `max_new_tokens`"));
  CHECK_THAT(r.out, Catch::Contains("[FIELD_SAME_NAME]"));
  CHECK_THAT(r.out, Catch::Contains("[FIELD_SAME_JSON_NAME]"));
  CHECK_THAT(r.out, Catch::Contains("driftcheck: 2 errors, 0 warnings, 0 info"));
}

TEST_CASE("identical contracts exit 0", "[cli]") {
  Pair p(kOld, kOld);
  auto r = run_driftcheck(p.args());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("no breaking changes"));
}

TEST_CASE("fail-on never reports but exits 0", "[cli]") {
  Pair p(kOld, kRenamed);
  auto r = run_driftcheck(p.args() + " --fail-on never");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("FIELD_SAME_NAME"));
}

TEST_CASE("min-level hides findings below it but they still decide the exit code", "[cli]") {
  Pair p(kOld, kRenamed);
  // All protobuf rules are errors; with --min-level error they still show.
  auto r = run_driftcheck(p.args() + " --min-level error --format json");
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["summary"]["total"] == 2);
}

TEST_CASE("the JSON report follows the documented schema", "[cli][json]") {
  Pair p(kOld, kRenamed);
  auto r = run_driftcheck(p.args() + " --format json --rule FIELD_SAME_NAME");
  REQUIRE(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["schema_version"] == 1);
  CHECK(j["summary"]["total"] == 1);
  CHECK(j["summary"]["error"] == 1);
  CHECK(j["summary"]["warning"] == 0);
  CHECK(j["summary"]["info"] == 0);
  REQUIRE(j["findings"].size() == 1);
  const auto& f = j["findings"][0];
  CHECK(f["rule"] == "FIELD_SAME_NAME");
  CHECK(f["severity"] == "error");
  CHECK(f["domain"] == "proto");
  CHECK(f["path"] == "acme.v1.Req.max_tokens");
  CHECK(f["file"] == p.new_path);
  CHECK(f["line"] == 4);
  CHECK(f["column"] == 9);
  CHECK(f["end_line"] == 4);
  CHECK(f["end_column"] == 23);
  CHECK(f["old"]["file"] == p.old_path);
  CHECK(f["old"]["line"] == 4);
  CHECK(f["breaks"] == nlohmann::json::array({"json", "source"}));
  CHECK(f["hint"].is_string());
  CHECK(f["message"].get<std::string>().find("renamed") != std::string::npos);
}

TEST_CASE("a deleted file has no primary location", "[cli][json]") {
  TempDir dir;
  auto old_a = dir.write("old/a.proto", "syntax = \"proto3\";\npackage x;\nmessage A {}\n");
  dir.write("old/b.proto", "syntax = \"proto3\";\npackage x;\nmessage B {}\n");
  dir.write("new/b.proto", "syntax = \"proto3\";\npackage x;\nmessage B {}\n");
  auto r = run_driftcheck("'" + (dir.path / "old").string() + "' '" + (dir.path / "new").string() +
                          "' --format json --rule FILE_NO_DELETE");
  REQUIRE(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["file"].is_null());
  CHECK(j["findings"][0]["path"] == "a.proto");
  CHECK(j["findings"][0]["old"]["file"] == old_a.string());
}

TEST_CASE("bad input exits 2 with one line on stderr", "[cli][bad-input]") {
  TempDir dir;
  auto good = dir.write("good.proto", "syntax = \"proto3\";\n");
  auto empty = dir.write("empty.pb", "");
  auto bad = dir.write("bad.proto", "syntax = \"proto3\";\nmessage {\n");
  for (const std::string& args : {"'" + empty.string() + "' '" + good.string() + "'",
                                  "'" + good.string() + "' '" + bad.string() + "'",
                                  "'" + good.string() + "' /nonexistent/x.pb",
                                  "'" + good.string() + "'",
                                  "'" + good.string() + "' '" + good.string() + "' --format xml",
                                  "'" + good.string() + "' '" + good.string() + "' --rule NO_SUCH_RULE"}) {
    INFO(args);
    auto r = run_driftcheck(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
}

TEST_CASE("rules and explain print the embedded documentation", "[cli][docs]") {
  auto list = run_driftcheck("rules");
  CHECK(list.exit_code == 0);
  CHECK_THAT(list.out, Catch::Contains("FIELD_NO_DELETE"));
  auto one = run_driftcheck("explain FIELD_NO_DELETE");
  CHECK(one.exit_code == 0);
  CHECK_THAT(one.out, Catch::Contains("## Why it breaks"));
  auto none = run_driftcheck("explain NOT_A_RULE");
  CHECK(none.exit_code == 2);
}

TEST_CASE("help teaches the command", "[cli]") {
  auto r = run_driftcheck("--help");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Exit status: 0 compatible, 1 breaking changes found, 2 could not check"));
}

TEST_CASE("two versions of one .proto file under different names compare as one file", "[cli]") {
  // `git show HEAD~1:orders.proto > /tmp/orders_old.proto` then a comparison with orders.proto:
  // before, the old file counted as deleted and its real changes went unreported.
  test::TempDir dir;
  dir.write("saved/orders_old.proto", "syntax = \"proto3\";\npackage shop;\nmessage Order { int32 id = 1; string note = 2; }\n");
  dir.write("orders.proto", "syntax = \"proto3\";\npackage shop;\nmessage Order { int32 id = 1; }\n");
  auto file = test::run_driftcheck("--color never saved/orders_old.proto orders.proto", dir.path);
  CHECK(file.exit_code == 1);
  CHECK_THAT(file.out, Catch::Contains("field 2 `note` of message `shop.Order` was deleted"));
  CHECK_THAT(file.out, !Catch::Contains("FILE_NO_DELETE"));
  CHECK_THAT(file.out, Catch::Contains("driftcheck: 1 error,"));
  // The same through pipes, as `<(git show ...)` gives them.
  std::string cmd = "cd '" + dir.path.string() + "' && bash -c \"'" DRIFTCHECK_BINARY
                    "' --color never <(cat saved/orders_old.proto) <(cat orders.proto)\"";
  std::string piped;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) piped.append(buf, n);
  CHECK(WEXITSTATUS(::pclose(pipe)) == 1);
  CHECK_THAT(piped, Catch::Contains("`note`") && !Catch::Contains("FILE_NO_DELETE"));
}
