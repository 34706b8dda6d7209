// C++ headers -> Api with libclang, and the api.json round trip.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "core/input_error.h"
#include "core/rule_docs.h"
#include "cpp/api_json.h"
#include "cpp/check.h"
#include "cpp/extract.h"
#include "support.h"

using namespace driftcheck;
using namespace driftcheck::cpp;
namespace fs = std::filesystem;

namespace {

Api extract_one(const test::TempDir& dir, const std::string& text, ParseOptions options = {}) {
  fs::path h = dir.write("api.h", text);
  return extract_api({h}, {}, options);
}

}  // namespace

TEST_CASE("every C++ check id has a rule document, and every document a check", "[docs][cpp]") {
  std::set<std::string> emitted;
  for (const CppCheck& c : cpp_checks())
    for (auto id : c.ids) {
      INFO(id);
      const RuleDoc* doc = find_rule_doc(id);
      REQUIRE(doc);
      CHECK(doc->domain == "cpp");
      CHECK(doc->breaks != 0);
      emitted.emplace(id);
    }
  for (const RuleDoc& d : rule_docs())
    if (d.domain == "cpp") {
      INFO(d.id);
      CHECK(emitted.count(d.id));
    }
}

TEST_CASE("records: layout, bases, methods and the virtual table", "[cpp]") {
  test::TempDir dir;
  Api api = extract_one(dir, R"(#include <string>
namespace ns {
struct Base { virtual ~Base(); virtual void a(); int b = 0; };
class Derived final : public Base, protected virtual std::string {
 public:
  void a() override;
  virtual int c(int x = 3) const & noexcept;
  static Derived* make();
  Derived(const Derived&) = delete;
 private:
  unsigned flags : 3;
  union { int i; float f; };
};
}
)");
  REQUIRE(api.records.count("ns::Derived"));
  const Record& d = api.records.at("ns::Derived");
  CHECK(d.kind == "class");
  CHECK(d.is_final);
  CHECK(d.is_complete);
  CHECK(d.size_bytes > 0);
  REQUIRE(d.bases.size() == 2);
  CHECK(d.bases[0].name == "ns::Base");
  CHECK(d.bases[0].access == "public");
  CHECK_FALSE(d.bases[0].is_virtual);
  CHECK(d.bases[1].is_virtual);
  CHECK(d.bases[1].access == "protected");
  // Base's slots first (destructor, a), then what Derived adds; the override takes a's slot.
  CHECK(d.vtable == std::vector<std::string>{"~()", "a()", "c(int) const &"});
  REQUIRE(d.fields.size() == 3);
  CHECK(d.fields[0].name == "flags");
  CHECK(d.fields[0].bit_width == 3);
  CHECK(d.fields[0].access == "private");
  CHECK(d.fields[1].name == "i");  // anonymous union members count as the class's
  CHECK(d.fields[1].offset_bits == d.fields[2].offset_bits);

  const Function& c = api.functions.at("ns::Derived::c(int) const &");
  CHECK(c.is_virtual);
  CHECK(c.is_const);
  CHECK(c.ref_qualifier == "&");
  CHECK(c.is_noexcept);
  CHECK(c.params.at(0).has_default);
  CHECK(c.location.file == (dir.path / "api.h").string());
  CHECK(c.location.line == 7);
  CHECK(api.functions.at("ns::Derived::make()").is_static);
  CHECK(api.functions.at("ns::Derived::Derived(const ns::Derived &)").is_deleted);
  CHECK(api.functions.at("ns::Derived::a()").is_override);
  CHECK(api.records.at("ns::Base").fields.at(0).offset_bits == 64);
  // Nothing from <string> itself.
  for (const auto& [name, r] : api.records) CHECK(name.rfind("std::", 0) != 0);
}

TEST_CASE("enums, aliases, variables, constants, templates and macros", "[cpp]") {
  test::TempDir dir;
  Api api = extract_one(dir, R"(#define LIMIT (1 << 4)
#define NAME "lib"
#define GUARD_H
#define GONE 1
#undef GONE
#define EXPORT __attribute__((visibility("default")))
enum class E : unsigned char { A = 1, B = 200 };
enum { LOOSE = -1 };
typedef unsigned long size_type;
template <typename T, int N> using Arr = T[N];
constexpr double kPi = 3.5;
extern const int kAnswer;
extern int counter;
template <typename T, template <typename> class C, bool B = true> struct Box { T t; };
template <typename T> T twice(T x);
)");
  CHECK(api.macros.at("LIMIT").value == "(1 << 4)");
  CHECK(api.macros.at("NAME").value == "\"lib\"");
  CHECK_FALSE(api.macros.count("GUARD_H"));
  CHECK_FALSE(api.macros.count("GONE"));
  CHECK_FALSE(api.macros.count("EXPORT"));
  const Enum& e = api.enums.at("E");
  CHECK(e.is_scoped);
  CHECK(e.underlying.canonical == "unsigned char");
  CHECK(e.enumerators.at(1).value == 200);
  CHECK(api.enums.at("(anonymous enum)").enumerators.at(0).value == -1);
  CHECK(api.typedefs.at("size_type").target.canonical == "unsigned long");
  CHECK(api.typedefs.at("Arr").template_params == std::vector<std::string>{"typename", "int"});
  CHECK(api.variables.at("kPi").is_constexpr);
  CHECK(api.variables.at("kPi").value == "3.5");
  CHECK_FALSE(api.variables.at("counter").value);
  CHECK(api.records.at("Box").template_params == std::vector<std::string>{"typename", "template", "bool"});
  CHECK(api.records.at("Box").size_bytes == -1);
  CHECK(api.functions.at("twice(type-parameter-0-0)").template_params == std::vector<std::string>{"typename"});
}

TEST_CASE("api.json round-trips and is stable", "[cpp]") {
  test::TempDir dir;
  Api api = extract_one(dir, R"(#define V 2
namespace n { struct S { int a; char b : 2; virtual void f() const; }; enum K { X = 3 }; using T = S*;
constexpr int k = 7; int g(int, ...); }
)");
  std::ostringstream first;
  write_api_json(first, api);
  fs::path file = dir.write("api.json", first.str());
  CHECK(looks_like_api_json(file.string()));
  Api back = read_api_json(file.string());
  std::ostringstream second;
  write_api_json(second, back);
  CHECK(first.str() == second.str());
  CHECK(run_cpp_checks(api, back).empty());
}

TEST_CASE("headers that do not compile are input errors, unless allowed", "[cpp]") {
  test::TempDir dir;
  fs::path h = dir.write("bad.h", "struct A { int x; };\nstruct B { nonsense y; };\n");
  try {
    extract_api({h}, {}, {});
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("bad.h:2:12"));
    CHECK_THAT(e.what(), Catch::Contains("unknown type name 'nonsense'"));
  }
  ParseOptions lenient;
  lenient.allow_errors = true;
  Api api = extract_api({h}, {}, lenient);
  CHECK(api.records.count("A"));
  CHECK_THROWS_AS(read_api_json(h.string()), InputError);
  CHECK_THROWS_AS(extract_api({dir.path / "missing.h"}, {}, {}), InputError);
}

TEST_CASE("C++ idioms that are not breaks, and a removed override that is", "[cpp]") {
  test::TempDir dir;
  fs::path old_h = dir.write("old.h", R"(namespace n {
class Base { public: virtual ~Base(); virtual void run(); };
class Db : public Base {
 public:
  void run() override;
  void set(int v);
 private:
  Db(const Db&);
  struct Rep;
  Rep* rep_;
};
inline void Db::set(int) {}
}
)");
  fs::path new_h = dir.write("new.h", R"(namespace n {
class Base { public: virtual ~Base(); virtual void run(); };
class Db : public Base {
 public:
  Db(const Db&) = delete;
  void set(int v);
 private:
  struct Rep;
  Rep* const rep_;
};
inline void Db::set(int) {}
}
)");
  std::vector<Finding> found = run_cpp_checks(extract_api({old_h}, {}, {}), extract_api({new_h}, {}, {}));
  std::vector<std::string> rules;
  for (const Finding& f : found) rules.push_back(f.rule + " " + f.path);
  // A private copy constructor made `= delete`, a private pointer made const and the inline
  // definition outside the class are no change; the override that went is.
  CHECK(rules == std::vector<std::string>{"virtual-method-removed n::Db::run()"});
  REQUIRE(found.size() == 1);
  CHECK_THAT(found[0].message, Catch::Contains("calls now reach the base class's version"));
}
