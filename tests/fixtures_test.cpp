// End-to-end: the built binary on every fixture under fixtures/proto. Each folder holds old/ and
// new/ sources (compiled to old.pb/new.pb by the build) and expected.txt, the reviewed text
// output. A folder named after a rule runs that rule alone and must trigger it. The same
// findings must come out whether driftcheck reads the descriptor sets or the .proto folders.
//
// To refresh snapshots after an intended change: DRIFTCHECK_UPDATE_SNAPSHOTS=1 unit_tests
// "[fixtures]", then review `git diff fixtures/`.
#include <catch2/catch.hpp>

#include <fstream>
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
