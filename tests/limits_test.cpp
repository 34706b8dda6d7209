// The limits that bound hostile input: named in the message when reached, raised with --limit.
#include <catch2/catch.hpp>

#include "core/input_error.h"
#include "core/limits.h"
#include "support.h"

using namespace driftcheck;

TEST_CASE("the --limit option takes K, M and G and refuses anything else", "[limits]") {
  reset_limits();
  set_limit("file-size=2G");
  CHECK(limits().file_size == size_t{2} << 30);
  set_limit("schema-depth=300");
  CHECK(limits().schema_depth == 300);
  set_limit("files=5k");
  CHECK(limits().files == 5 * 1024);
  CHECK_THROWS_WITH(set_limit("filesize=1"), Catch::Contains("NAME one of file-size, files,"));
  CHECK_THROWS_AS(set_limit("nesting=0"), InputError);
  CHECK_THROWS_AS(set_limit("nesting=-1"), InputError);
  CHECK_THROWS_AS(set_limit("nesting=1T"), InputError);
  CHECK_THROWS_AS(set_limit("nesting=99999999999999999999"), InputError);
  CHECK_THROWS_AS(set_limit("nesting"), InputError);
  CHECK(limit_reached("schema-depth") == "the schema-depth limit (300; raise it with --limit schema-depth=N)");
  reset_limits();
  CHECK(limits().file_size == size_t{1} << 30);
}

TEST_CASE("a limit reached is exit 2 with one line naming it, and --limit lets the run through", "[limits]") {
  test::TempDir dir;
  std::string spec = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
  dir.write("old.yaml", spec);
  dir.write("new.yaml", spec + "x-pad: '" + std::string(3000, 'a') + "'\n");
  auto small = test::run_driftcheck("old.yaml new.yaml --limit file-size=2K", dir.path);
  CHECK(small.exit_code == 2);
  CHECK(small.err == "driftcheck: error: new.yaml: larger than the file-size limit (2K; raise it with --limit file-size=N)\n");
  CHECK(test::run_driftcheck("old.yaml new.yaml --limit file-size=4K", dir.path).exit_code == 0);

  dir.write("deep.yaml", spec + "x-deep: " + std::string(40, '[') + std::string(40, ']') + "\n");
  auto deep = test::run_driftcheck("old.yaml deep.yaml --limit nesting=32", dir.path);
  CHECK(deep.exit_code == 2);
  CHECK_THAT(deep.err, Catch::Contains("deep.yaml:4:") && Catch::Contains("nesting deeper than the nesting limit (32;"));

  dir.write("protos/a.proto", "syntax = \"proto3\";\n");
  dir.write("protos/b.proto", "syntax = \"proto3\";\n");
  auto many = test::run_driftcheck("protos protos --limit files=1", dir.path);
  CHECK(many.exit_code == 2);
  CHECK_THAT(many.err, Catch::Contains("protos: 2 contract files, more than the files limit (1;"));
}
