// The command on C++ headers: folders, clang flags, compile_commands.json, dump, inline
// ignores, report formats and bad input.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <cstdlib>

#include "support.h"

using test::run_driftcheck;

TEST_CASE("C++ folders: the folder is the include root, flags after -- reach clang", "[cpp][cli]") {
  test::TempDir dir;
  dir.write("old/include/lib/types.h", "#pragma once\nstruct Config { int level; };\n");
  dir.write("old/include/lib/api.h", "#pragma once\n#include \"lib/types.h\"\nvoid apply(const Config& c);\n"
                                     "#ifdef LIB_EXTRA\nvoid extra();\n#endif\n");
  dir.write("new/include/lib/types.h", "#pragma once\nstruct Config { long level; };\n");
  dir.write("new/include/lib/api.h", "#pragma once\n#include \"lib/types.h\"\nvoid apply(const Config& c);\n");
  auto run = run_driftcheck("old/include new/include --color never -- -DLIB_EXTRA -std=c++17", dir.path);
  CHECK(run.err.empty());
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.out, Catch::Contains("new/include/lib/types.h:2:22: error: field `Config::level` changed type"));
  CHECK_THAT(run.out, Catch::Contains("new/include/lib/api.h:1:1: error: function `extra()` was removed"));
  // Without the macro, extra() is not part of the old API.
  auto plain = run_driftcheck("old/include new/include --color never", dir.path);
  CHECK_THAT(plain.out, !Catch::Contains("extra()"));
}

TEST_CASE("C++: JSON report carries the compatibility classes and the old location", "[cpp][cli]") {
  test::TempDir dir;
  dir.write("old.h", "class Api {\n public:\n  virtual void a();\n  virtual void b();\n};\n");
  dir.write("new.h", "class Api {\n public:\n  virtual void b();\n  virtual void a();\n};\n");
  auto run = run_driftcheck("old.h new.h --format json", dir.path);
  CHECK(run.exit_code == 1);
  auto report = nlohmann::json::parse(run.out);
  REQUIRE(report["findings"].size() == 1);  // the class's moved slots are one finding
  const auto& f = report["findings"][0];
  CHECK(f["rule"] == "virtual-method-position-changed");
  CHECK(f["path"] == "Api");
  CHECK(f["message"] == "2 virtual methods moved in the virtual table of `Api`: `Api::b()` (slot 1 -> 0) and "
                        "`Api::a()` (slot 0 -> 1): binaries built against the old table call other functions");
  CHECK(f["domain"] == "cpp");
  CHECK(f["breaks"] == nlohmann::json::array({"abi"}));
  CHECK(f["file"] == "new.h");
  CHECK(f["old"]["file"] == "old.h");
  for (const char* format : {"sarif", "junit", "github", "gitlab", "markdown"}) {
    INFO(format);
    auto other = run_driftcheck(std::string("old.h new.h --format ") + format, dir.path);
    CHECK(other.exit_code == 1);
    CHECK(other.err.empty());
  }
  auto sarif = nlohmann::json::parse(run_driftcheck("old.h new.h --format sarif", dir.path).out);
  CHECK(sarif["runs"][0]["results"].size() == 1);
  CHECK(sarif["runs"][0]["results"][0]["ruleId"] == "virtual-method-position-changed");
  auto gitlab = nlohmann::json::parse(run_driftcheck("old.h new.h --format gitlab", dir.path).out);
  CHECK(gitlab.size() == 1);
  CHECK(gitlab[0]["location"]["path"] == "new.h");
  CHECK_THAT(run_driftcheck("old.h new.h --format github", dir.path).out, Catch::StartsWith("::error file=new.h,line="));
  CHECK_THAT(run_driftcheck("old.h new.h --format junit", dir.path).out, Catch::Contains("virtual-method-position-changed"));
  CHECK_THAT(run_driftcheck("old.h new.h --format markdown", dir.path).out, Catch::Contains("`Api::a()` (slot 0 -\\> 1)"));  // `>` escaped for Markdown
}

TEST_CASE("C++: a baseline keeps known breaks quiet and lets a new one through", "[cpp][cli]") {
  test::TempDir dir;
  dir.write("old.h", "struct S { int a; };\nenum E { X = 1 };\n");
  dir.write("new.h", "struct S { long a; };\nenum E { X = 1 };\n");
  CHECK(run_driftcheck("old.h new.h --write-baseline known.json", dir.path).exit_code == 0);
  CHECK(run_driftcheck("old.h new.h --baseline known.json", dir.path).exit_code == 0);
  dir.write("new.h", "\n\nstruct S { long a; };\nenum E { X = 2 };\n");  // lines move; one new break
  auto r = run_driftcheck("old.h new.h --baseline known.json --color never", dir.path);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("[enumerator-value-changed]"));
  CHECK_THAT(r.out, !Catch::Contains("[field-type-changed]"));
}

TEST_CASE("C++: an inline ignore comment silences one rule on its entity", "[cpp][cli]") {
  test::TempDir dir;
  dir.write("old.h", "struct S { int a; };\nenum E { X = 1 };\n");
  dir.write("new.h", "// driftcheck:ignore record-size-changed,field-added S grows on purpose: always heap-allocated\n"
                     "struct S { int a; int b; };\nenum E { X = 2 };\n");
  auto run = run_driftcheck("old.h new.h --color never", dir.path);
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.out, !Catch::Contains("record-size-changed"));
  CHECK_THAT(run.out, !Catch::Contains("field-added"));
  CHECK_THAT(run.out, Catch::Contains("[enumerator-value-changed]"));
}

TEST_CASE("C++: --rule and --except select rules; unknown ids are refused", "[cpp][cli]") {
  test::TempDir dir;
  dir.write("old.h", "struct S { int a; };\nenum E { X = 1 };\n");
  dir.write("new.h", "struct S { int a; int b; };\nenum E { X = 2 };\n");
  auto only = run_driftcheck("old.h new.h --color never --rule enumerator-value-changed", dir.path);
  CHECK_THAT(only.out, Catch::Contains("1 error,"));
  auto layout = run_driftcheck("old.h new.h --color never --except layout", dir.path);
  CHECK_THAT(layout.out, !Catch::Contains("record-size-changed"));
  CHECK_THAT(layout.out, Catch::Contains("enumerator-value-changed"));
  auto bad = run_driftcheck("old.h new.h --rule NOPE", dir.path);
  CHECK(bad.exit_code == 2);
}

TEST_CASE("C++: compile_commands.json supplies the flags", "[cpp][cli]") {
  test::TempDir dir;
  dir.write("inc/cfg.h", "#pragma once\n#define WIDE long\n");
  dir.write("old.h", "#include \"cfg.h\"\nstruct P { int v; };\n");
  dir.write("new.h", "#include \"cfg.h\"\nstruct P { WIDE v; };\n");
  dir.write("build/compile_commands.json",
            R"([{"directory": ")" + dir.path.string() +
                R"(", "file": "src/a.cpp", "arguments": ["c++", "-I", "inc", "-DUNUSED=1", "-O2", "-c", "src/a.cpp"]}])");
  auto missing = run_driftcheck("old.h new.h", dir.path);
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("'cfg.h' file not found"));
  auto run = run_driftcheck("old.h new.h --color never --compile-commands build/compile_commands.json", dir.path);
  CHECK(run.err.empty());
  CHECK_THAT(run.out, Catch::Contains("[field-type-changed]"));
}

TEST_CASE("C++: dump writes an api.json that stands in for either side", "[cpp][cli]") {
  test::TempDir dir;
  dir.write("old.h", "int f(int);\nconstexpr int k = 1;\n");
  dir.write("new.h", "int f(int, int);\nconstexpr int k = 2;\n");
  auto to_stdout = run_driftcheck("dump old.h", dir.path);
  CHECK(to_stdout.exit_code == 0);
  auto doc = nlohmann::json::parse(to_stdout.out);
  CHECK(doc["api_format"] == "driftcheck-cpp-api/1");
  CHECK(doc["functions"].contains("f(int)"));
  REQUIRE(run_driftcheck("dump old.h -o old.json", dir.path).exit_code == 0);
  REQUIRE(run_driftcheck("dump new.h -o new.json", dir.path).exit_code == 0);
  auto headers = run_driftcheck("old.h new.h --color never --min-level info", dir.path);
  auto dumps = run_driftcheck("old.json new.json --color never --min-level info", dir.path);
  auto mixed = run_driftcheck("old.json new.h --color never --min-level info", dir.path);
  CHECK(headers.exit_code == 1);
  CHECK(dumps.out == headers.out);
  CHECK(mixed.out == headers.out);
}

TEST_CASE("C++: dump and a piped --config honour inputs.cpp.exclude and every section", "[cpp][cli]") {
  test::TempDir dir;
  dir.write("old/include/lib/api.h", "#pragma once\n#define LIB_LIMIT 1\nvoid f(int);\n");
  dir.write("old/include/lib/win.h", "#error \"Windows only\"\n");
  dir.write("new/include/lib/api.h", "#pragma once\n#define LIB_LIMIT 2\nvoid f(long);\n");
  dir.write("new/include/lib/win.h", "#error \"Windows only\"\n");
  dir.write("driftcheck.yaml",
            "cpp:\n  except: [macro-value-changed]\ninputs:\n  cpp:\n    exclude: [\"lib/win.h\"]\n");
  // Without the configuration the platform header stops the dump.
  auto refused = run_driftcheck("dump old/include --config /dev/null", dir.path);
  CHECK(refused.exit_code == 2);
  auto dumped = run_driftcheck("dump old/include --config driftcheck.yaml -o old.json", dir.path);
  CHECK(dumped.err.empty());
  REQUIRE(dumped.exit_code == 0);
  // A pipe can be read once: every section must still apply (the exclusion and the rule choice).
  std::string fifo = (dir.path / "config.fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  REQUIRE(std::system(("cd '" + dir.path.string() + "' && (cat driftcheck.yaml > config.fifo &)").c_str()) == 0);
  auto piped = run_driftcheck("old.json new/include --color never --min-level info --config config.fifo", dir.path);
  auto cat = run_driftcheck("old.json new/include --color never --min-level info --config driftcheck.yaml", dir.path);
  CHECK(cat.err.empty());
  CHECK(cat.exit_code == 1);
  CHECK_THAT(cat.out, Catch::Contains("[function-parameter-type-changed]"));
  CHECK_THAT(cat.out, !Catch::Contains("macro-value-changed"));
  CHECK(piped.out == cat.out);
}

TEST_CASE("C++: bad input is one line and exit 2", "[cpp][cli]") {
  test::TempDir dir;
  dir.write("ok.h", "struct A { int x; };\n");
  dir.write("bad.h", "struct A { int x; \n");
  dir.write("garbage.h", std::string("\x7f\x45\x4c\x46\x02\x01\x01\x00 binary junk {{{{ ((((", 30));
  dir.write("a.proto", "syntax = \"proto3\";\nmessage M {}\n");
  auto run = [&](const std::string& args) { return run_driftcheck(args, dir.path); };
  auto unclosed = run("ok.h bad.h");
  CHECK(unclosed.exit_code == 2);
  CHECK_THAT(unclosed.err, Catch::StartsWith("driftcheck: error: "));
  CHECK_THAT(unclosed.err, Catch::Contains(": bad.h:1:10: expected '}'"));
  CHECK(std::count(unclosed.err.begin(), unclosed.err.end(), '\n') == 1);
  CHECK(run("ok.h bad.h --allow-errors").exit_code != 2);
  CHECK(run("ok.h garbage.h").exit_code == 2);
  auto missing = run("ok.h nope.h");
  CHECK(missing.exit_code == 2);
  auto mixed = run("ok.h a.proto");
  CHECK(mixed.exit_code == 2);
  CHECK_THAT(mixed.err, Catch::Contains("ok.h is C++ headers but a.proto is not"));
  auto dump_bad = run("dump bad.h -o out.json");
  CHECK(dump_bad.exit_code == 2);
  auto not_api = run("ok.json ok.h");
  CHECK(not_api.exit_code == 2);
  // api.json dumps: truncated, from another format version, with a section of the wrong type.
  REQUIRE(run("dump ok.h -o good.json").exit_code == 0);
  std::string good = test::slurp(dir.path / "good.json");
  dir.write("truncated.json", good.substr(0, good.size() / 2));
  auto truncated = run("truncated.json ok.h");
  CHECK(truncated.exit_code == 2);
  CHECK_THAT(truncated.err, Catch::StartsWith("driftcheck: error: truncated.json: not valid JSON (a truncated api.json?)"));
  std::string future = good;
  future.replace(future.find("driftcheck-cpp-api/1"), 20, "driftcheck-cpp-api/7");
  dir.write("future.json", future);
  CHECK_THAT(run("future.json ok.h").err, Catch::Contains("api.json format `driftcheck-cpp-api/7` is not one this driftcheck reads"));
  dir.write("wrong.json", "{\"api_format\": \"driftcheck-cpp-api/1\", \"records\": 5}");
  auto wrong = run("wrong.json ok.h");
  CHECK(wrong.exit_code == 2);
  CHECK_THAT(wrong.err, Catch::StartsWith("driftcheck: error: wrong.json: malformed api.json: "));
  CHECK_THAT(wrong.err, !Catch::Contains("json.exception"));
  CHECK(std::count(wrong.err.begin(), wrong.err.end(), '\n') == 1);
}

TEST_CASE("C++: a virtual method inserted early is one addition and one finding for the shifted slots", "[cpp][cli]") {
  test::TempDir dir;
  std::string methods = "  virtual void a();\n  virtual void b();\n  virtual void c();\n  virtual void d();\n  virtual void e();\n";
  dir.write("old.h", "class Api {\n public:\n" + methods + "};\n");
  dir.write("new.h", "class Api {\n public:\n  virtual void first();\n" + methods + "};\n");
  auto run = run_driftcheck("old.h new.h --color never", dir.path);
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.out, Catch::Contains("virtual method `Api::first()` was added at slot 0"));
  CHECK_THAT(run.out, Catch::Contains("new.h:4:16: error: 5 virtual methods moved in the virtual table of `Api`: "
                                      "`Api::a()` (slot 0 -> 1), `Api::b()` (slot 1 -> 2), `Api::c()` (slot 2 -> 3) "
                                      "and 2 more: binaries built against the old table call other functions"));
  CHECK_THAT(run.out, Catch::Contains("driftcheck: 2 errors,"));
}
