// Precision of C++ findings: renames (a removal whose entity reappears under another name in the
// same scope with the same shape is reported at the new name, with a hint to keep the old one;
// anything ambiguous stays a plain removal), and the facts of a function's type that decide
// whether a change breaks anyone: C language linkage, top-level const and restrict, passing by
// value or by const reference, a void result that became a value, renamed template parameters.
#include <catch2/catch.hpp>

#include "support.h"

using test::run_driftcheck;

namespace {

std::string compare(const std::string& old_header, const std::string& new_header) {
  test::TempDir dir;
  dir.write("old.h", old_header);
  dir.write("new.h", new_header);
  auto r = run_driftcheck("old.h new.h --color never", dir.path);
  CHECK(r.err.empty());
  CHECK(r.exit_code == 1);
  return r.out;
}

}  // namespace

TEST_CASE("C++ renames are reported at the new name with a way to keep the old one", "[cpp][rename]") {
  SECTION("function") {
    std::string out = compare("namespace lib {\nint area(int w, int h);\n}\n",
                              "namespace lib {\n\nint surface(int w, int h);\n}\n");
    CHECK_THAT(out, Catch::Contains("new.h:3:5: error: function `lib::area(int, int)` was renamed to "
                                    "`lib::surface(int, int)`: callers no longer compile or link [function-removed]"));
    CHECK_THAT(out, Catch::Contains("hint: keep `area` for a release as a [[deprecated]] function that calls `surface`"));
  }
  SECTION("class, enum, alias, variable, macro") {
    std::string out = compare(
        "struct Point { int x, y; };\nenum Mode { kFast = 1, kSafe = 2 };\nusing Length = double;\n"
        "extern const int kLimit;\n#define LIB_MAGIC 0x4c4942\n",
        "struct Vec2 { int x, y; };\nenum Speed { kFast = 1, kSafe = 2 };\nusing Distance = double;\n"
        "extern const int kMaxItems;\n#define LIBX_MAGIC 0x4c4942\n");
    CHECK_THAT(out, Catch::Contains("new.h:1:8: error: struct `Point` was renamed to `Vec2`"));
    CHECK_THAT(out, Catch::Contains("hint: keep the old name for a release: `using Point [[deprecated]] = Vec2;`"));
    CHECK_THAT(out, Catch::Contains("new.h:2:6: error: enum `Mode` was renamed to `Speed`"));
    CHECK_THAT(out, Catch::Contains("new.h:3:7: error: type alias `Length` was renamed to `Distance`"));
    CHECK_THAT(out, Catch::Contains("new.h:4:18: error: variable `kLimit` was renamed to `kMaxItems`"));
    CHECK_THAT(out, Catch::Contains("error: macro `LIB_MAGIC` (0x4c4942) was renamed to `LIBX_MAGIC`"));
    CHECK_THAT(out, Catch::Contains("hint: keep `#define LIB_MAGIC LIBX_MAGIC` for a release"));
  }
  SECTION("a renamed virtual method warns that overrides go silent") {
    std::string out = compare("class Sink {\n public:\n  virtual ~Sink();\n  virtual void on_data(const char* p, int n);\n};\n",
                              "class Sink {\n public:\n  virtual ~Sink();\n  virtual void on_bytes(const char* p, int n);\n};\n");
    CHECK_THAT(out, Catch::Contains("new.h:4:16: error: virtual method `Sink::on_data(const char *, int)` was renamed to "
                                    "`Sink::on_bytes(const char *, int)`"));
    CHECK_THAT(out, Catch::Contains("user overrides of `on_data` now override nothing"));
    CHECK_THAT(out, !Catch::Contains("[virtual-method-added]"));  // same slot: old binaries still call it
    CHECK_THAT(out, Catch::Contains("1 error,"));
  }
}

TEST_CASE("C++ renames need one candidate of the same shape in the same scope", "[cpp][rename]") {
  SECTION("two functions of the same shape appeared: no guess") {
    std::string out = compare("int area(int w, int h);\n", "int surface(int w, int h);\nint volume(int w, int h);\n");
    CHECK_THAT(out, Catch::Contains("function `area(int, int)` was removed"));
    CHECK_THAT(out, !Catch::Contains("renamed"));
  }
  SECTION("another parameter list is another function") {
    std::string out = compare("int area(int w, int h);\n", "int surface(long w, int h);\n");
    CHECK_THAT(out, Catch::Contains("was removed"));
    CHECK_THAT(out, !Catch::Contains("renamed"));
  }
  SECTION("another namespace is not a rename") {
    std::string out = compare("namespace a { int f(int); }\nnamespace b {}\n", "namespace a {}\nnamespace b { int g(int); }\n");
    CHECK_THAT(out, !Catch::Contains("renamed"));
  }
  SECTION("an empty struct has no shape to match") {
    std::string out = compare("struct Tag {};\n", "struct Marker {};\n");
    CHECK_THAT(out, Catch::Contains("struct `Tag` was removed"));
  }
}

TEST_CASE("C++: functions with C linkage keep their symbol", "[cpp]") {
  const char* old_h = "#ifdef __cplusplus\nextern \"C\" {\n#endif\nint db_put(char* key, int n);\nint db_get(char* key);\n"
                      "#ifdef __cplusplus\n}\n#endif\n";
  const char* new_h = "#ifdef __cplusplus\nextern \"C\" {\n#endif\nint db_put(const char* key, int n, int flags);\n"
                      "int db_get(const char* key);\n#ifdef __cplusplus\n}\n#endif\n";
  std::string out = compare(old_h, new_h);
  // Gaining const on the pointee: calls compile and old binaries pass the same pointer.
  CHECK_THAT(out, !Catch::Contains("db_get"));
  CHECK_THAT(out, Catch::Contains("its C symbol stays, so old binaries still link and pass the wrong arguments "
                                  "[function-parameter-count-changed]"));
  // The same change in a C++ function changes its mangled name.
  std::string cxx = compare("int db_get(char* key);\n", "int db_get(const char* key);\n");
  CHECK_THAT(cxx, Catch::Contains("its symbol changes [function-parameter-type-changed]"));
  CHECK_THAT(cxx, Catch::Contains("    hint: add an overload with the new parameter type and keep the old one\n"));
}

TEST_CASE("C++: renaming template parameters is no change, inside decltype too", "[cpp][rename]") {
  test::TempDir dir;
  auto header = [](const std::string& s, const std::string& v, const std::string& a, const std::string& b) {
    return "#include <utility>\ntemplate <typename " + s + ", typename " + v + ">\nstruct is_streamable {\n"
           "  template <typename " + a + ", typename " + b + ">\n"
           "  static auto test(int) -> decltype(std::declval<" + a + "&>() << std::declval<" + b + ">(), int());\n};\n"
           "template <typename " + v + "> auto twice(" + v + " x) -> decltype(x + x);\n";
  };
  dir.write("old.h", header("S", "T", "SS", "TT"));
  dir.write("new.h", header("StreamT", "ValueT", "Stream2", "Value2"));
  auto same = run_driftcheck("old.h new.h --color never", dir.path);
  CHECK(same.out == "driftcheck: no breaking changes\n");
  CHECK(same.exit_code == 0);
  // A real change of the expression is still one.
  dir.write("new.h", header("S", "T", "SS", "TT").replace(header("S", "T", "SS", "TT").find("<< std"), 2, "+"));
  CHECK(run_driftcheck("old.h new.h --color never", dir.path).exit_code == 1);
}

TEST_CASE("C++: top-level const on a by-value parameter and array parameters are no change", "[cpp]") {
  test::TempDir dir;
  dir.write("old.h", "void f(int a);\nstruct S { void g(double d); };\nvoid h(int* p);\n");
  dir.write("new.h", "void f(const int a);\nstruct S { void g(const double d); };\nvoid h(int p[4]);\n");
  auto run = run_driftcheck("old.h new.h --color never", dir.path);
  CHECK(run.out == "driftcheck: no breaking changes\n");
  CHECK(run.exit_code == 0);
}

TEST_CASE("C++: a parameter passed by const reference instead of by value says so", "[cpp]") {
  std::string out = compare("#include <string>\nvoid tag(const std::string name);\nvoid put(const std::string& v);\n",
                            "#include <string>\nvoid tag(const std::string& name);\nvoid put(std::string v);\n");
  CHECK_THAT(out, Catch::Contains("parameter 1 `name` of `tag` is now passed by reference instead of by value (from "
                                  "`const std::string` to `const std::string &`): calls still compile, but its symbol "
                                  "changes, so binaries built against the old headers no longer link"));
  CHECK_THAT(out, Catch::Contains("parameter 1 `v` of `put` is now passed by value instead of by reference"));
}

TEST_CASE("C++: a void function that now returns a value in a register breaks nobody", "[cpp]") {
  std::string out = compare(
      "struct Big { char bytes[64]; };\nvoid reset();\nint* cursor();\nvoid fill();\n"
      "struct S { virtual void run(); S& assign(const S&); };\n",
      "struct Big { char bytes[64]; };\nint reset();\nint* cursor();\nBig fill();\n"
      "struct S { virtual int run(); void assign(const S&); };\n");
  CHECK_THAT(out, !Catch::Contains("`reset()`"));                          // void -> int
  CHECK_THAT(out, Catch::Contains("the return type of `fill()` changed"));  // a record may use a hidden argument
  CHECK_THAT(out, Catch::Contains("the return type of `S::run()` changed"));  // overrides stop compiling
  CHECK_THAT(out, Catch::Contains("the return type of `S::assign(const S &)` changed"));  // value -> void
}

TEST_CASE("C++: an enumerator renamed with its value kept is reported as a rename", "[cpp][rename]") {
  std::string out = compare("enum Color { kRed = 1, kGreen = 2, kBlue = 3 };\nenum Level { kLow = 1, kHigh = 2 };\n",
                            "enum Color { kRed = 1, kEmerald = 2, kBlue = 3 };\nenum Level { kMin = 1, kMinimum = 1 };\n");
  CHECK_THAT(out, Catch::Contains("new.h:1:24: error: enumerator `Color::kGreen` (2) was renamed to `Color::kEmerald`"));
  CHECK_THAT(out, Catch::Contains("hint: keep the old name for a release as an alias of the same value: "
                                  "`kGreen [[deprecated]] = kEmerald,`"));
  // Two new names for the value: no guess.
  CHECK_THAT(out, Catch::Contains("enumerator `Level::kLow` (1) was removed"));
  CHECK_THAT(out, Catch::Contains("enumerator `Level::kHigh` (2) was removed"));
}
