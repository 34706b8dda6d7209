// End-to-end: the built binary on every fixture under fixtures/proto. Each folder holds old/ and
// new/ sources (compiled to old.pb/new.pb by the build) and expected.txt, the reviewed text
// output. A folder named after a rule runs that rule alone and must trigger it. The same
// findings must come out whether driftcheck reads the descriptor sets or the .proto folders.
//
// OpenAPI fixtures live in fixtures/openapi/<case>/{old,new}.yaml with expected.txt; the binary runs
// in the fixture folder, so paths in the output are the bare file names and a driftcheck.yaml there
// (for rules that need a deprecation policy) is picked up. tests/make_openapi_fixtures.py scaffolds
// a fixture from the rule doc's example and checks that the rule fires.
//
// To refresh snapshots after an intended change: DRIFTCHECK_UPDATE_SNAPSHOTS=1 unit_tests
// "[fixtures]", then review `git diff fixtures/`.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <regex>

#include "core/rule_docs.h"
#include "support.h"

namespace fs = std::filesystem;
using test::run_driftcheck;

namespace {

std::vector<fs::path> fixture_dirs() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(test::source_dir / "fixtures" / "proto"))
    if (fs::is_directory(e.path() / "old") && fs::is_directory(e.path() / "new")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<fs::path> openapi_fixture_dirs() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(test::source_dir / "fixtures" / "openapi"))
    if (fs::is_regular_file(e.path() / "old.yaml") && fs::is_regular_file(e.path() / "new.yaml")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// OpenAPI rules that have no fixture, each with the reason. Keep it short: a rule that cannot be
// shown by two documents is usually a rule to rethink.
const std::map<std::string, std::string> openapi_without_fixture = {};

// Sunset messages count days from today; the count changes daily, so snapshots hold "N".
std::string without_day_counts(const std::string& text) {
  static const std::regex days(R"(-?\d+ days? (from today|away))");
  return std::regex_replace(text, days, "N days $1");
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t i = s.find(from); i != std::string::npos; i = s.find(from, i + to.size())) s.replace(i, from.size(), to);
  return s;
}

}  // namespace

TEST_CASE("every protobuf rule has a fixture", "[fixtures]") {
  for (const auto& doc : driftcheck::rule_docs()) {
    if (doc.domain != "proto") continue;
    INFO(doc.id);
    CHECK(fs::is_directory(test::source_dir / "fixtures" / "proto" / doc.id));
  }
}

TEST_CASE("fixtures produce their reviewed output", "[fixtures]") {
  bool update = std::getenv("DRIFTCHECK_UPDATE_SNAPSHOTS") != nullptr;
  for (const fs::path& dir : fixture_dirs()) {
    std::string name = dir.filename().string();
    std::string rel = "fixtures/proto/" + name;
    bool is_rule = driftcheck::find_rule_doc(name) != nullptr;
    std::string select = is_rule ? " --rule " + name : "";
    INFO(rel);
    auto from_sets = run_driftcheck(rel + "/old.pb " + rel + "/new.pb --color never" + select);
    CHECK(from_sets.err.empty());
    CHECK((from_sets.exit_code == 0 || from_sets.exit_code == 1));
    if (is_rule) CHECK_THAT(from_sets.out, Catch::Contains("[" + name + "]"));

    fs::path snapshot = dir / "expected.txt";
    if (update) std::ofstream(snapshot) << from_sets.out;
    REQUIRE(fs::exists(snapshot));
    CHECK(from_sets.out == test::slurp(snapshot));

    // Sources give the same findings; only the file names carry the folder.
    auto from_sources = run_driftcheck(rel + "/old " + rel + "/new --color never" + select);
    CHECK(from_sources.exit_code == from_sets.exit_code);
    CHECK(replace_all(from_sources.out, rel + "/new/", "") == replace_all(from_sets.out, rel + "/new.pb", rel + "/new"));
  }
}

TEST_CASE("every OpenAPI rule has a fixture", "[fixtures]") {
  for (const auto& doc : driftcheck::rule_docs()) {
    if (doc.domain != "openapi") continue;
    INFO(doc.id);
    bool has = fs::is_directory(test::source_dir / "fixtures" / "openapi" / doc.id);
    if (openapi_without_fixture.count(doc.id)) CHECK_FALSE(has);  // a stale exemption
    else CHECK(has);
  }
}

TEST_CASE("OpenAPI fixtures: rule fires and output matches the snapshot", "[fixtures]") {
  bool update = std::getenv("DRIFTCHECK_UPDATE_SNAPSHOTS") != nullptr;
  for (const fs::path& dir : openapi_fixture_dirs()) {
    std::string name = dir.filename().string();
    const driftcheck::RuleDoc* doc = driftcheck::find_rule_doc(name);
    bool is_rule = doc && doc->domain == "openapi";
    INFO("fixtures/openapi/" + name);
    std::string select = is_rule ? " --rule " + name : "";
    auto run = run_driftcheck("old.yaml new.yaml --min-level info --fail-on never --color never" + select, dir);
    CHECK(run.err.empty());
    CHECK(run.exit_code == 0);
    if (is_rule) CHECK_THAT(run.out, Catch::Contains("[" + name + "]"));

    std::string out = without_day_counts(run.out);
    fs::path snapshot = dir / "expected.txt";
    if (update) std::ofstream(snapshot) << out;
    REQUIRE(fs::exists(snapshot));
    CHECK(out == test::slurp(snapshot));
  }
}

// C++ fixtures: fixtures/cpp/<rule>/{old,new}.h with expected.txt, run in the fixture folder. The
// old side's `driftcheck dump` must stand in for old.h with the same output.
namespace {

std::vector<fs::path> cpp_fixture_dirs() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(test::source_dir / "fixtures" / "cpp"))
    if (fs::is_regular_file(e.path() / "old.h") && fs::is_regular_file(e.path() / "new.h")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("every C++ rule has a fixture", "[fixtures][cpp]") {
  for (const auto& doc : driftcheck::rule_docs()) {
    if (doc.domain != "cpp") continue;
    INFO(doc.id);
    CHECK(fs::is_directory(test::source_dir / "fixtures" / "cpp" / doc.id));
  }
}

TEST_CASE("C++ fixtures: rule fires, output matches the snapshot, a dump stands in for old.h", "[fixtures][cpp]") {
  bool update = std::getenv("DRIFTCHECK_UPDATE_SNAPSHOTS") != nullptr;
  test::TempDir tmp;
  for (const fs::path& dir : cpp_fixture_dirs()) {
    std::string name = dir.filename().string();
    const driftcheck::RuleDoc* doc = driftcheck::find_rule_doc(name);
    bool is_rule = doc && doc->domain == "cpp";
    INFO("fixtures/cpp/" + name);
    auto run = run_driftcheck("old.h new.h --min-level info --fail-on never --color never", dir);
    CHECK(run.err.empty());
    CHECK(run.exit_code == 0);
    if (is_rule) CHECK_THAT(run.out, Catch::Contains("[" + name + "]"));

    fs::path snapshot = dir / "expected.txt";
    if (update) std::ofstream(snapshot) << run.out;
    REQUIRE(fs::exists(snapshot));
    CHECK(run.out == test::slurp(snapshot));

    fs::path dump = tmp.path / (name + ".json");
    auto dumped = run_driftcheck("dump old.h -o '" + dump.string() + "'", dir);
    CHECK(dumped.exit_code == 0);
    auto from_dump = run_driftcheck("'" + dump.string() + "' new.h --min-level info --fail-on never --color never", dir);
    CHECK(from_dump.out == run.out);
  }
}
