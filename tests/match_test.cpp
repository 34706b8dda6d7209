// The second matching pass: renames and renumbers are explained, ambiguity is not guessed.
#include <catch2/catch.hpp>

#include "proto/load.h"
#include "proto/registry.h"
#include "support.h"

using namespace driftcheck;
using test::TempDir;

namespace {

std::vector<Finding> compare(const std::string& old_text, const std::string& new_text, const std::string& rule) {
  TempDir dir;
  auto o = proto::load_image(dir.write("old/a.proto", old_text).string(), {});
  auto n = proto::load_image(dir.write("new/a.proto", new_text).string(), {});
  return proto::run_checks(*o, *n, {rule});
}

}  // namespace

TEST_CASE("a message deleted while one of the same shape appears is a rename", "[match]") {
  auto f = compare("syntax = \"proto3\";\npackage p;\nmessage Old { int32 a = 1; string b = 2; }\n",
                   "syntax = \"proto3\";\npackage p;\nmessage New { int32 x = 1; string y = 2; }\n",
                   "MESSAGE_NO_DELETE");
  REQUIRE(f.size() == 1);
  CHECK_THAT(f[0].message, Catch::Contains("`p.Old` was renamed to `p.New`"));
}

TEST_CASE("two candidates of the same shape are ambiguous: a plain deletion", "[match]") {
  auto f = compare("syntax = \"proto3\";\npackage p;\nmessage Old { int32 a = 1; }\n",
                   "syntax = \"proto3\";\npackage p;\nmessage N1 { int32 a = 1; }\nmessage N2 { int32 b = 1; }\n",
                   "MESSAGE_NO_DELETE");
  REQUIRE(f.size() == 1);
  CHECK_THAT(f[0].message, !Catch::Contains("renamed"));
}

TEST_CASE("an enum and an rpc renamed with the same shape are named as renames", "[match]") {
  auto e = compare("syntax = \"proto3\";\npackage p;\nenum Color { RED = 0; BLUE = 1; }\n",
                   "syntax = \"proto3\";\npackage p;\nenum Colour { COLOUR_RED = 0; COLOUR_BLUE = 1; }\n",
                   "ENUM_NO_DELETE");
  REQUIRE(e.size() == 1);
  CHECK_THAT(e[0].message, Catch::Contains("renamed to `p.Colour`"));
  auto r = compare("syntax = \"proto3\";\npackage p;\nmessage M {}\nservice S { rpc Get(M) returns (M); }\n",
                   "syntax = \"proto3\";\npackage p;\nmessage M {}\nservice S { rpc Fetch(M) returns (M); }\n",
                   "RPC_NO_DELETE");
  REQUIRE(r.size() == 1);
  CHECK_THAT(r[0].message, Catch::Contains("renamed to `Fetch`"));
}

TEST_CASE("a field that keeps its name under a new number is a renumber", "[match]") {
  auto f = compare("syntax = \"proto3\";\npackage p;\nmessage M { int32 seed = 7; }\n",
                   "syntax = \"proto3\";\npackage p;\nmessage M { int32 seed = 9; }\n", "FIELD_NO_DELETE");
  REQUIRE(f.size() == 1);
  CHECK_THAT(f[0].message, Catch::Contains("`seed`"));
  CHECK_THAT(f[0].message, Catch::Contains("renumbered to 9"));
  CHECK_THAT(f[0].hint, Catch::Contains("reserved 7;"));
}
