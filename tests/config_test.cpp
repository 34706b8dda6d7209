// Configuration compatible with buf (driftcheck.yaml / buf.yaml), ignores, unstable packages,
// and inline `driftcheck:ignore` suppressions.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "core/input_error.h"
#include "proto/config.h"
#include "support.h"

using namespace driftcheck;
using test::run_driftcheck;
using test::TempDir;

TEST_CASE("buf.yaml v1 breaking section is read", "[config]") {
  TempDir dir;
  auto file = dir.write("buf.yaml", "version: v1\nbreaking:\n  use:\n    - WIRE_JSON\n  except: [FIELD_SAME_NAME]\n"
                                    "  ignore: [legacy/]\n  ignore_only:\n    FIELD_NO_DELETE: [a/b.proto]\n"
                                    "  ignore_unstable_packages: true\n");
  auto c = proto::load_breaking_config(file);
  CHECK(c.version == "v1");
  CHECK(c.use == std::vector<std::string>{"WIRE_JSON"});
  CHECK(c.except == std::vector<std::string>{"FIELD_SAME_NAME"});
  CHECK(c.ignore == std::vector<std::string>{"legacy"});
  CHECK(c.ignore_only.at("FIELD_NO_DELETE") == std::vector<std::string>{"a/b.proto"});
  CHECK(c.ignore_unstable_packages);
  auto ids = proto::select_rules(c.selection());
  CHECK(std::find(ids.begin(), ids.end(), "FIELD_SAME_JSON_NAME") != ids.end());
  CHECK(std::find(ids.begin(), ids.end(), "FIELD_SAME_NAME") == ids.end());
}

TEST_CASE("v1 has no CSR category and no v2-only rules", "[config]") {
  proto::Selection v1{{"FILE"}, {}, "v1"};
  auto ids = proto::select_rules(v1);
  CHECK(std::find(ids.begin(), ids.end(), "FIELD_SAME_DEFAULT") == ids.end());
  CHECK(std::find(ids.begin(), ids.end(), "EXTENSION_NO_DELETE") == ids.end());
  proto::Selection v2{{"FILE"}, {}, "v2"};
  ids = proto::select_rules(v2);
  CHECK(std::find(ids.begin(), ids.end(), "FIELD_SAME_DEFAULT") != ids.end());
  CHECK_THROWS_AS(proto::select_rules(proto::Selection{{"CSR"}, {}, "v1"}), InputError);
}

TEST_CASE("malformed configuration is an input error naming the file", "[config][bad-input]") {
  TempDir dir;
  auto bad = dir.write("driftcheck.yaml", "breaking:\n  use: [FILE\n");
  try {
    proto::load_breaking_config(bad);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("driftcheck.yaml:"));
  }
  auto wrong = dir.write("x.yaml", "version: v9\n");
  CHECK_THROWS_AS(proto::load_breaking_config(wrong), InputError);
  auto bomb = dir.write("bomb.yaml",
                        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                        "breaking:\n  use: [FILE]\n");
  CHECK(proto::load_breaking_config(bomb).use == std::vector<std::string>{"FILE"});
}

TEST_CASE("unstable packages are recognised like buf", "[config]") {
  for (const char* p : {"foo.v1alpha", "foo.v1beta1", "foo.bar.v2test", "foo.v1p1beta1", "foo.v1testfoo"}) {
    INFO(p);
    CHECK(proto::is_unstable_package(p));
  }
  for (const char* p : {"foo.v1", "foo", "v1beta1", "foo.v0alpha", "foo.v1alphabeta", "foo.bar"}) {
    INFO(p);
    CHECK_FALSE(proto::is_unstable_package(p));
  }
}

namespace {

const char* kOld = "syntax = \"proto3\";\npackage acme.v1;\nmessage Req {\n  int32 max_tokens = 3;\n}\n";

}  // namespace

TEST_CASE("driftcheck.yaml in the current folder is used and ignores apply", "[config][cli]") {
  TempDir dir;
  dir.write("old/api.proto", kOld);
  dir.write("new/api.proto", "syntax = \"proto3\";\npackage acme.v1;\nmessage Req {\n  int32 max_new_tokens = 3;\n}\n");
  auto r = run_driftcheck("old new", dir.path);
  CHECK(r.exit_code == 1);
  dir.write("driftcheck.yaml", "breaking:\n  ignore: [api.proto]\n");
  r = run_driftcheck("old new", dir.path);
  CHECK(r.exit_code == 0);
  dir.write("driftcheck.yaml", "breaking:\n  except: [FIELD_SAME_NAME, FIELD_SAME_JSON_NAME]\n");
  r = run_driftcheck("old new", dir.path);
  CHECK(r.exit_code == 0);
  // The command line overrides the file.
  r = run_driftcheck("old new --rule FIELD_SAME_NAME", dir.path);
  CHECK(r.exit_code == 1);
}

TEST_CASE("inline driftcheck:ignore silences one rule on one element", "[suppress][cli]") {
  TempDir dir;
  dir.write("old/api.proto", kOld);
  dir.write("new/api.proto",
            "syntax = \"proto3\";\npackage acme.v1;\nmessage Req {\n"
            "  // driftcheck:ignore FIELD_SAME_NAME,FIELD_SAME_JSON_NAME renamed before any client shipped\n"
            "  int32 max_new_tokens = 3;\n"
            "  // driftcheck:ignore FIELD_NO_DELETE nothing to silence here\n"
            "  string prompt = 4;\n}\n");
  auto r = run_driftcheck("old new --format json --min-level info", dir.path);
  CHECK(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["rule"] == "unused-suppression");
  CHECK(j["findings"][0]["severity"] == "info");
  CHECK(j["findings"][0]["line"] == 7);
}

TEST_CASE("ignore_only and ignore_unstable_packages drop findings by file and package", "[config][cli]") {
  TempDir dir;
  const char* stable_old = "syntax = \"proto3\";\npackage acme.v1;\nmessage A { int32 x = 1; }\n";
  const char* stable_new = "syntax = \"proto3\";\npackage acme.v1;\nmessage A { int32 y = 1; }\n";
  const char* beta_old = "syntax = \"proto3\";\npackage acme.v1beta1;\nmessage B { int32 x = 1; }\n";
  const char* beta_new = "syntax = \"proto3\";\npackage acme.v1beta1;\nmessage B { int32 y = 1; }\n";
  dir.write("old/v1/a.proto", stable_old);
  dir.write("new/v1/a.proto", stable_new);
  dir.write("old/v1beta1/b.proto", beta_old);
  dir.write("new/v1beta1/b.proto", beta_new);
  auto rules_in = [&](const std::string& config) {
    dir.write("driftcheck.yaml", config);
    auto r = run_driftcheck("old new --format json", dir.path);
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
    std::multiset<std::string> out;
    auto report = nlohmann::json::parse(r.out);  // keep alive: the loop below borrows from it
    for (const auto& f : report["findings"])
      out.insert(f["rule"].get<std::string>() + "@" + f["file"].get<std::string>());
    return out;
  };
  auto all = rules_in("breaking:\n  use: [FIELD_SAME_NAME, FIELD_SAME_JSON_NAME]\n");
  CHECK(all.size() == 4);
  auto only = rules_in("breaking:\n  use: [FIELD_SAME_NAME, FIELD_SAME_JSON_NAME]\n  ignore_only:\n"
                       "    FIELD_SAME_JSON_NAME: [v1]\n");
  CHECK(only == std::multiset<std::string>{"FIELD_SAME_NAME@new/v1/a.proto", "FIELD_SAME_NAME@new/v1beta1/b.proto",
                                           "FIELD_SAME_JSON_NAME@new/v1beta1/b.proto"});
  auto unstable = rules_in("breaking:\n  use: [FIELD_SAME_NAME]\n  ignore_unstable_packages: true\n");
  CHECK(unstable == std::multiset<std::string>{"FIELD_SAME_NAME@new/v1/a.proto"});
}
