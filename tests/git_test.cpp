// Git-aware runs against real temporary repositories: --against, --staged, added and removed
// files, path limits, and the two pre-commit integrations (the plain git hook in ci/pre-commit
// and the pre-commit framework's .pre-commit-hooks.yaml).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <regex>

#include "support.h"

using test::run_driftcheck;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

const char* kApi = "syntax = \"proto3\";\npackage acme.v1;\nimport \"acme/v1/money.proto\";\n"
                   "message Req {\n  int32 max_tokens = 3;\n  Money price = 4;\n}\n";
const char* kMoney = "syntax = \"proto3\";\npackage acme.v1;\nmessage Money { int64 units = 1; }\n";

// A repository with proto/ as import root and one commit.
struct Repo {
  TempDir dir;
  Repo() {
    sh("git init -q && git config user.name test && git config user.email test@example.com");
    dir.write("driftcheck.yaml", "inputs:\n  proto:\n    roots: [proto]\n");
    dir.write("proto/acme/v1/api.proto", kApi);
    dir.write("proto/acme/v1/money.proto", kMoney);
    commit("init");
  }
  int sh(const std::string& cmd) const {
    std::string full = "cd '" + dir.path.string() + "' && (" + cmd + ") >/dev/null 2>&1";
    return std::system(full.c_str());
  }
  void commit(const std::string& msg) const { REQUIRE(sh("git add -A && git commit -q -m '" + msg + "'") == 0); }
  void edit(const std::string& file, const std::string& from, const std::string& to) const {
    std::string text = test::slurp(dir.path / file);
    text.replace(text.find(from), from.size(), to);
    dir.write(file, text);
  }
};

std::string bin_dir() { return fs::path(DRIFTCHECK_BINARY).parent_path().string(); }

}  // namespace

TEST_CASE("against compares the working tree with a revision", "[git]") {
  Repo repo;
  repo.edit("proto/acme/v1/api.proto", "max_tokens", "max_new_tokens");
  auto r = run_driftcheck("--against HEAD --format json --rule FIELD_SAME_NAME", repo.dir.path);
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["file"] == "proto/acme/v1/api.proto");  // repository-relative
  CHECK(j["findings"][0]["line"] == 5);
  CHECK(j["old"] == "HEAD");
  CHECK(j["new"] == "the working tree");
  // Unchanged tree: nothing to report.
  repo.commit("rename");
  CHECK(run_driftcheck("--against HEAD", repo.dir.path).exit_code == 0);
  // HEAD~1 still has the old name.
  CHECK(run_driftcheck("--against HEAD~1 --rule FIELD_SAME_NAME", repo.dir.path).exit_code == 1);
}

TEST_CASE("staged compares the index with HEAD", "[git]") {
  Repo repo;
  repo.edit("proto/acme/v1/api.proto", "max_tokens", "max_new_tokens");
  CHECK(run_driftcheck("--staged", repo.dir.path).exit_code == 0);  // not staged yet
  REQUIRE(repo.sh("git add -A") == 0);
  auto r = run_driftcheck("--staged", repo.dir.path);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("[FIELD_SAME_NAME]"));
}

TEST_CASE("added and removed contract files", "[git]") {
  Repo repo;
  repo.dir.write("proto/acme/v1/extra.proto", "syntax = \"proto3\";\npackage acme.v1;\nmessage Extra {}\n");
  CHECK(run_driftcheck("--against HEAD", repo.dir.path).exit_code == 0);  // a new file is fine
  repo.commit("extra");
  fs::remove(repo.dir.path / "proto/acme/v1/extra.proto");
  auto r = run_driftcheck("--against HEAD --format json", repo.dir.path);
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  bool file_deleted = false;
  for (const auto& f : j["findings"]) file_deleted |= f["rule"] == "FILE_NO_DELETE" && f["path"] == "acme/v1/extra.proto";
  CHECK(file_deleted);
}

TEST_CASE("paths limit the check", "[git]") {
  Repo repo;
  repo.dir.write("proto/acme/v2/other.proto", "syntax = \"proto3\";\npackage acme.v2;\nmessage O { int32 a = 1; }\n");
  repo.commit("v2");
  repo.edit("proto/acme/v2/other.proto", "int32 a", "int32 b");
  CHECK(run_driftcheck("--against HEAD", repo.dir.path).exit_code == 1);
  CHECK(run_driftcheck("--against HEAD proto/acme/v1", repo.dir.path).exit_code == 0);
  CHECK(run_driftcheck("--against HEAD v2", repo.dir.path / "proto/acme").exit_code == 1);
}

TEST_CASE("git mode errors are one line and exit 2", "[git][bad-input]") {
  Repo repo;
  auto bad_ref = run_driftcheck("--against no-such-branch", repo.dir.path);
  CHECK(bad_ref.exit_code == 2);
  CHECK_THAT(bad_ref.err, Catch::Contains("no-such-branch"));
  TempDir plain;
  auto no_repo = run_driftcheck("--staged", plain.path);
  CHECK(no_repo.exit_code == 2);
  CHECK_THAT(no_repo.err, Catch::Contains("not inside a git repository"));
  // A staged file that imports one that is not staged.
  REQUIRE(repo.sh("git rm -q --cached proto/acme/v1/money.proto") == 0);
  auto missing = run_driftcheck("--staged", repo.dir.path);
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("proto/acme/v1/api.proto:3:1"));
}

TEST_CASE("the plain git hook refuses a breaking commit and lets a safe one through", "[git][hook]") {
  Repo repo;
  fs::copy_file(test::source_dir / "ci" / "pre-commit", repo.dir.path / ".git" / "hooks" / "pre-commit");
  std::string path = "PATH='" + bin_dir() + "':\"$PATH\" ";
  repo.edit("proto/acme/v1/api.proto", "max_tokens", "max_new_tokens");
  std::string out_file = (repo.dir.path / "hook.out").string();
  int refused = std::system(("cd '" + repo.dir.path.string() + "' && git add proto && " + path +
                             "git commit -q -m rename >'" + out_file + "' 2>&1").c_str());
  CHECK(refused != 0);
  CHECK_THAT(test::slurp(out_file), Catch::Contains("[FIELD_SAME_NAME]"));
  // Undo the rename, add a field instead: a safe change.
  repo.edit("proto/acme/v1/api.proto", "max_new_tokens", "max_tokens");
  repo.edit("proto/acme/v1/api.proto", "Money price = 4;", "Money price = 4;\n  string user = 5;");
  int accepted = std::system(("cd '" + repo.dir.path.string() + "' && git add proto && " + path +
                              "git commit -q -m safe >'" + out_file + "' 2>&1").c_str());
  CHECK(accepted == 0);
}

TEST_CASE("the pre-commit framework hook runs driftcheck --staged", "[git][hook]") {
  YAML::Node hooks = YAML::LoadFile((test::source_dir / ".pre-commit-hooks.yaml").string());
  REQUIRE(hooks.IsSequence());
  REQUIRE(hooks[0]["id"].as<std::string>() == "driftcheck");
  CHECK(hooks[0]["pass_filenames"].as<bool>() == false);
  std::string entry = hooks[0]["entry"].as<std::string>();
  REQUIRE(entry.rfind("driftcheck ", 0) == 0);
  // It runs for every kind of contract (pre-commit matches `files` with Python's re.search).
  std::regex files(hooks[0]["files"].as<std::string>());
  for (const char* path : {"proto/a.proto", "api/openapi.yaml", "api/v1.json", "include/lib/api.h", "x/y.hpp"})
    CHECK(std::regex_search(path, files));
  CHECK_FALSE(std::regex_search("src/impl.cpp", files));
  // Run the entry the way pre-commit does (language: system), in a repo with a staged break.
  Repo repo;
  repo.edit("proto/acme/v1/api.proto", "max_tokens", "max_new_tokens");
  REQUIRE(repo.sh("git add -A") == 0);
  auto r = run_driftcheck(entry.substr(std::string("driftcheck ").size()), repo.dir.path);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("[FIELD_SAME_NAME]"));
}

TEST_CASE("the GitHub Action runs driftcheck against the base branch", "[git][ci-templates]") {
  YAML::Node action = YAML::LoadFile((test::source_dir / "ci/github-action/action.yml").string());
  CHECK(action["runs"]["using"].as<std::string>() == "composite");
  for (const char* input : {"against", "format", "fail-on", "config"}) CHECK(action["inputs"][input]);
  std::string script = action["runs"]["steps"][1]["run"].as<std::string>();
  // Run the step's script as the runner would, with this build's binary.
  const std::string built = "\"$GITHUB_ACTION_PATH/../../build/driftcheck\"";
  REQUIRE(script.find(built) != std::string::npos);
  script.replace(script.find(built), built.size(), "'" DRIFTCHECK_BINARY "'");
  Repo repo;
  repo.edit("proto/acme/v1/api.proto", "max_tokens", "max_new_tokens");
  repo.dir.write("step.sh", script);
  std::string out_file = (repo.dir.path / "step.out").string();
  int rc = std::system(("cd '" + repo.dir.path.string() +
                        "' && AGAINST=HEAD FORMAT=github FAIL_ON=error CONFIG= OUTPUT= BASE_REF= bash step.sh >'" +
                        out_file + "' 2>&1").c_str());
  CHECK(rc != 0);
  CHECK_THAT(test::slurp(out_file), Catch::Contains("::error file=proto/acme/v1/api.proto,line=5"));
}

TEST_CASE("the GitLab template publishes a Code Quality report", "[git][ci-templates]") {
  YAML::Node gitlab = YAML::LoadFile((test::source_dir / "ci/gitlab-ci.yml").string());
  const YAML::Node job = gitlab[".driftcheck"];
  REQUIRE(job);
  CHECK(job["artifacts"]["reports"]["codequality"].as<std::string>() == "gl-code-quality-report.json");
  std::string script;
  for (const auto& line : job["script"]) script += line.as<std::string>() + "\n";
  CHECK_THAT(script, Catch::Contains("--format gitlab"));
  CHECK_THAT(script, Catch::Contains("--output gl-code-quality-report.json"));
}

TEST_CASE("symbolic links are followed inside the repository and never out of it", "[git][bad-input]") {
  Repo repo;
  TempDir outside;
  outside.write("money.proto", "syntax = \"proto3\";\npackage acme.v1;\nmessage Money { int64 secret = 1; }\n");
  // A link inside the repository works on every side: the import reads its target.
  REQUIRE(repo.sh("mkdir vendored && git mv proto/acme/v1/money.proto vendored/money.proto && "
                  "ln -s ../../../vendored/money.proto proto/acme/v1/money.proto") == 0);
  repo.commit("vendor");
  CHECK(run_driftcheck("--against HEAD~1", repo.dir.path).exit_code == 0);
  repo.edit("vendored/money.proto", "units = 1", "units = 2");
  auto renumbered = run_driftcheck("--against HEAD", repo.dir.path);
  CHECK(renumbered.exit_code == 1);
  CHECK_THAT(renumbered.out, Catch::Contains("units"));
  REQUIRE(repo.sh("git checkout -q -- vendored") == 0);
  // A link out of the repository is refused in the working tree, the index and a revision.
  REQUIRE(repo.sh("ln -sf '" + (outside.path / "money.proto").string() + "' proto/acme/v1/money.proto") == 0);
  for (const char* args : {"--against HEAD", "--staged"}) {
    if (std::string(args) == "--staged") REQUIRE(repo.sh("git add -A") == 0);
    auto r = run_driftcheck(args, repo.dir.path);
    INFO(args);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("proto/acme/v1/money.proto is a symbolic link that leads out of the repository"));
    CHECK_THAT(r.out + r.err, !Catch::Contains("secret"));
  }
  repo.commit("escape");
  auto old_side = run_driftcheck("--against HEAD", repo.dir.path);
  CHECK(old_side.exit_code == 2);
  CHECK_THAT(old_side.err, Catch::Contains("HEAD: proto/acme/v1/money.proto is a symbolic link"));
  // The repository's configuration may not name folders outside it either.
  repo.dir.write("driftcheck.yaml", "inputs:\n  proto:\n    roots: [proto]\n    includes: [" + outside.path.string() + "]\n");
  auto include = run_driftcheck("--against HEAD", repo.dir.path);
  CHECK(include.exit_code == 2);
  CHECK_THAT(include.err, Catch::Contains("`inputs.proto.includes` entry " + outside.path.string() + " leaves the repository"));
}
