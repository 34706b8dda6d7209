// C++ headers in git-aware runs (--against, --staged) configured by `inputs: cpp:` in
// driftcheck.yaml, the `cpp:` rule selection, header exclusion for folders, and the progress line.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "cpp/run.h"
#include "support.h"

using test::run_driftcheck;
using test::TempDir;

namespace {

const char* kApi =
    "#pragma once\n#include \"lib/detail/types.h\"\nnamespace lib {\n"
    "struct Point { int x; int y; };\n"
    "int area(const Point& p, Scale s);\n"
    "}\n";
const char* kTypes = "#pragma once\nnamespace lib { using Scale = int; int helper(int); }\n";

// A library repository: public headers under include/, internals under include/lib/detail/.
struct Repo {
  TempDir dir;
  explicit Repo(const std::string& config =
                    "inputs:\n  cpp:\n    paths: [\"include/**/*.h\"]\n    exclude: [\"**/detail/**\"]\n"
                    "    flags: [-std=c++17, -Iinclude]\n") {
    REQUIRE(sh("git init -q && git config user.name test && git config user.email test@example.com") == 0);
    dir.write("driftcheck.yaml", config);
    dir.write("include/lib/api.h", kApi);
    dir.write("include/lib/detail/types.h", kTypes);
    REQUIRE(sh("git add -A && git commit -q -m init") == 0);
  }
  int sh(const std::string& cmd) const {
    return std::system(("cd '" + dir.path.string() + "' && (" + cmd + ") >/dev/null 2>&1").c_str());
  }
  void edit(const std::string& file, const std::string& from, const std::string& to) const {
    std::string text = test::slurp(dir.path / file);
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
    dir.write(file, text);
  }
};

}  // namespace

TEST_CASE("C++ --against: headers at the revision, includes resolved inside it, paths repository-relative",
          "[cpp][git]") {
  Repo repo;
  repo.edit("include/lib/api.h", "int x;", "long x;");
  repo.edit("include/lib/detail/types.h", "int helper(int)", "int helper(long)");  // excluded: not API
  auto r = run_driftcheck("--against HEAD --format json", repo.dir.path);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  std::set<std::string> rules;
  for (const auto& f : j["findings"]) {
    rules.insert(f["rule"].get<std::string>());
    CHECK(f["file"] == "include/lib/api.h");
    CHECK(f["old"]["file"] == "include/lib/api.h");
  }
  CHECK(rules.count("field-type-changed") == 1);
  CHECK(rules.count("field-offset-changed") == 1);
  CHECK(rules.count("function-removed") == 0);  // helper() lives in an excluded header
  CHECK(j["old"] == "HEAD");
  // Nothing changed since the commit: nothing to report.
  REQUIRE(repo.sh("git commit -qam change") == 0);
  CHECK(run_driftcheck("--against HEAD", repo.dir.path).exit_code == 0);
  CHECK(run_driftcheck("--against HEAD~1 --rule field-type-changed", repo.dir.path).exit_code == 1);
}

TEST_CASE("C++ --staged reads the headers from the index; inline ignores are read there too", "[cpp][git]") {
  Repo repo;
  repo.edit("include/lib/api.h", "int area(", "// driftcheck:ignore function-removed nobody calls it\nlong area(");
  CHECK(run_driftcheck("--staged", repo.dir.path).exit_code == 0);  // not staged yet
  REQUIRE(repo.sh("git add -A") == 0);
  auto staged = run_driftcheck("--staged --color never", repo.dir.path);
  CHECK(staged.exit_code == 1);
  CHECK_THAT(staged.out, Catch::Contains("include/lib/api.h:6:6: error: the return type of `lib::area(const lib::Point &, lib::Scale)` changed"));
  CHECK_THAT(staged.out, Catch::Contains("[function-return-type-changed]"));
  // The comment names another rule: it silences nothing else.
  repo.edit("include/lib/api.h", "function-removed", "function-return-type-changed");
  CHECK(run_driftcheck("--staged", repo.dir.path).exit_code == 1);  // the index still has the old comment
  CHECK(run_driftcheck("--against HEAD", repo.dir.path).exit_code == 0);
}

TEST_CASE("C++ in git mode: removed headers, the cpp: rule selection, and clear errors", "[cpp][git][bad-input]") {
  SECTION("a removed public header reports its entities removed") {
    Repo repo;
    REQUIRE(repo.sh("git rm -q include/lib/api.h") == 0);
    auto r = run_driftcheck("--staged --color never", repo.dir.path);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("[record-removed]"));
    CHECK_THAT(r.out, Catch::Contains("[function-removed]"));
  }
  SECTION("cpp: use/except in driftcheck.yaml, replaced by --rule") {
    Repo repo("inputs:\n  cpp:\n    paths: [\"include/**/*.h\"]\n    flags: [-Iinclude]\ncpp:\n  except: [layout]\n");
    repo.edit("include/lib/api.h", "int x;", "long x;");
    CHECK(run_driftcheck("--against HEAD", repo.dir.path).exit_code == 0);
    CHECK(run_driftcheck("--against HEAD --rule field-type-changed", repo.dir.path).exit_code == 1);
  }
  SECTION("an unknown rule in cpp: is refused") {
    Repo repo("inputs:\n  cpp:\n    paths: [\"include/**/*.h\"]\n    flags: [-Iinclude]\ncpp:\n  use: [no-such-rule]\n");
    auto r = run_driftcheck("--against HEAD", repo.dir.path);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("no C++ rule or category `no-such-rule`"));
  }
  SECTION("a header that does not compile at the revision names the revision") {
    Repo repo;
    repo.dir.write("include/lib/broken.h", "struct Broken {\n");
    REQUIRE(repo.sh("git add -A && git commit -qm broken") == 0);
    repo.dir.write("include/lib/broken.h", "struct Broken {};\n");
    auto r = run_driftcheck("--against HEAD", repo.dir.path);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::StartsWith("driftcheck: error: in HEAD: include/lib/broken.h:1:"));
    CHECK(r.err.find('\n') == r.err.size() - 1);
    CHECK(run_driftcheck("--against HEAD --allow-errors", repo.dir.path).exit_code == 0);
  }
  SECTION("an inputs.cpp section without paths") {
    Repo repo("inputs:\n  cpp:\n    flags: [-Iinclude]\n");
    auto r = run_driftcheck("--against HEAD", repo.dir.path);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("`inputs.cpp.paths` must list the public headers"));
  }
}

TEST_CASE("C++ --against with flags from compile_commands.json: include folders follow the revision", "[cpp][git]") {
  // The library's config header sits in its own folder, found only through the build's -I.
  Repo repo("inputs:\n  cpp:\n    paths: [\"include/**/*.h\"]\n    compile_commands: build/compile_commands.json\n");
  repo.dir.write("config/lib_config.h", "#pragma once\ntypedef int lib_word;\n");
  repo.edit("include/lib/api.h", "struct Point { int x; int y; };", "#include \"lib_config.h\"\nstruct Point { lib_word x; int y; };");
  REQUIRE(repo.sh("git add -A && git commit -qm config") == 0);
  std::string root = repo.dir.path.string();
  repo.dir.write("build/compile_commands.json",
                 "[{\"directory\": \"" + root + "/build\", \"file\": \"../src/lib.cpp\", \"command\": \"c++ -I../config -I" +
                     root + "/include -std=c++17 -c ../src/lib.cpp -o lib.o\"}]");
  // Only the revision's lib_config.h says int; the working tree's says long.
  repo.dir.write("config/lib_config.h", "#pragma once\ntypedef long lib_word;\n");
  auto r = run_driftcheck("--against HEAD --color never --rule field-type-changed", repo.dir.path);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("field `lib::Point::x` changed type from `int` to `long`"));
}

TEST_CASE("C++ folders: inputs.cpp.exclude leaves headers out of the API", "[cpp][cli]") {
  TempDir dir;
  for (const char* side : {"old", "new"}) {
    dir.write(std::string(side) + "/lib/api.h", "#pragma once\nstruct Api { int a; };\n");
    dir.write(std::string(side) + "/lib/internal/impl.h",
              std::string("#pragma once\nstruct Impl { ") + (side == std::string("old") ? "int" : "long") + " a; };\n");
  }
  CHECK(run_driftcheck("old new", dir.path).exit_code == 1);
  dir.write("driftcheck.yaml", "inputs:\n  cpp:\n    exclude: [\"**/internal/**\"]\n");
  auto r = run_driftcheck("old new", dir.path);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
}

TEST_CASE("C++ flags follow a copy of the tree", "[cpp]") {
  using driftcheck::cpp::rebase_flags;
  std::vector<std::string> flags{"-Iinclude", "-I", "/repo/third_party", "-isystem/usr/include/x",
                                 "-include", "config.h", "-DX=1", "-std=c++20"};
  CHECK(rebase_flags(flags, "/repo", "/tmp/copy") ==
        std::vector<std::string>{"-I/tmp/copy/include", "-I", "/tmp/copy/third_party", "-isystem/usr/include/x",
                                 "-include", "/tmp/copy/config.h", "-DX=1", "-std=c++20"});
  CHECK(rebase_flags({"-I../outside"}, "/repo", "/tmp/copy") == std::vector<std::string>{"-I/outside"});
}

TEST_CASE("C++: a long parse shows progress on a terminal and nowhere else", "[cpp][cli]") {
  TempDir dir;
  dir.write("old.h", "struct S { int a; };\n");
  dir.write("new.h", "struct S { long a; };\n");
  // `script` gives the command a terminal; the delay before the line appears is set to zero.
  std::string cmd = "cd '" + dir.path.string() + "' && DRIFTCHECK_PROGRESS_AFTER_MS=0 script -qec \"'" DRIFTCHECK_BINARY
                    "' old.h new.h --color never\" /dev/null";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  CHECK(WEXITSTATUS(::pclose(pipe)) == 1);
  CHECK_THAT(out, Catch::Contains("driftcheck: parsing C++ headers..."));
  CHECK_THAT(out, Catch::Contains("\r\033[K"));  // erased before the findings
  auto piped = test::run_driftcheck("old.h new.h --color never", dir.path);
  CHECK(piped.err.empty());
}

TEST_CASE("C++ git: flags from the repository's configuration cannot write files", "[cpp][git][robustness]") {
  TempDir outside;
  std::filesystem::path victim = outside.write("victim.txt", "important data\n");
  Repo repo("inputs:\n  cpp:\n    paths: [\"include/**/*.h\"]\n    exclude: [\"**/detail/**\"]\n"
            "    flags: [-std=c++17, -Iinclude, -MD, -MF, " + victim.string() + "]\n");
  auto run = run_driftcheck("--against HEAD --color never", repo.dir.path);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.err, Catch::Contains("inputs.cpp.flags: left out -MD -MF " + victim.string()));
  CHECK(test::slurp(victim) == "important data\n");
}
