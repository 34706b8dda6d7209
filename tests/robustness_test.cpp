// The hostile-input reproducers of ../shared/robustness whose defects are fixed: each must end
// with the expected exit code and at most a one-line error, never a crash, a hang or an
// "internal error".
#include <catch2/catch.hpp>

#include <algorithm>

#include <sys/stat.h>

#include "support.h"

namespace fs = std::filesystem;
using test::run_driftcheck;

namespace {

struct Reproducer {
  const char* folder;
  const char* args;
  int exit_code;
  const char* error;  // a part of the one-line error; empty when none is expected
};

const Reproducer kFixed[] = {
    {"proto-oneof-index-negative", "new.pb new.pb", 0, ""},
    {"proto-map-entry-self-recursion", "mapself_old.pb mapself_new.pb", 1, ""},
    {"config-policy-self-recursion", "inference-api_old.pb inference-api_new.pb", 2, "a cycle of policies"},
    {"config-policy-self-recursion", "--config a.yaml inference-api_old.pb inference-api_new.pb", 2, "a cycle of policies"},
    {"config-bufv2-module-breaking", "inference-api_old.pb inference-api_new.pb", 1, ""},
    {"cpp-apijson-base-cycle-hang", "plain.json cyc4.json", 1, ""},
    // Folders and devices where a file is expected (run beside a valid descriptor set).
    {"proto-oneof-index-negative", "/dev/zero new.pb", 2, "/dev/zero: not a regular file"},
    {"proto-oneof-index-negative", "new.pb new.pb --baseline /etc", 2, "/etc: is a folder"},
    {"proto-oneof-index-negative", "new.pb new.pb --baseline /dev/zero", 2, "not a regular file"},
    {"proto-oneof-index-negative", "new.pb new.pb --config /etc", 2, "/etc: cannot read configuration file"},
    {"proto-oneof-index-negative", "new.pb new.pb --config /dev/zero", 2, "larger than 16 MiB"},
    {"cli-directory-as-file", "../proto-oneof-index-negative/new.pb ../proto-oneof-index-negative/new.pb --baseline "
     "baseline-nonstring-rule.json", 2, "baseline-nonstring-rule.json: findings[0].rule: expected a string"},
    // Members of the wrong JSON type, numbers a double cannot hold, sections of the wrong shape.
    {"openapi-deprecated-not-bool", "old.yaml new.yaml", 0, ""},
    {"openapi-deprecated-not-bool", "new2.yaml old.yaml", 0, ""},
    {"openapi-deprecated-not-bool/fuzz-found/oa-INTERNAL-0c8cac40", "old.json new.json", 0, ""},
    {"openapi-deprecated-not-bool/fuzz-found/oa-INTERNAL-6b489ead", "old.yaml new.yaml", 0, ""},
    {"openapi-deprecated-not-bool/fuzz-found/oa-INTERNAL-9b88bea3", "old.yaml new.yaml", 0, ""},
    {"oa-INTERNAL-1ec4a51b", "old.json new.json", 0, ""},
    {"oa-INTERNAL-f4983b35", "old.json new.json", 1, ""},
    {"openapi-number-stod", "old.yaml new.yaml", 1, ""},
    {"config-inputs-scalar", "old.h new.h", 2, "driftcheck.yaml:2:8: invalid `inputs`"},
    {"cpp-apijson-internal-errors", "substr_old.json substr_new.json", 1, ""},
    {"cpp-apijson-internal-errors", "fmt.json plain.json", 2, "fmt.json: not a C++ header"},
    {"cpp-apijson-internal-errors",
     "../cpp-include-devzero/old.h ../cpp-include-devzero/old.h --compile-commands compile_commands_bad.json", 2,
     "not a compile_commands.json"},
    {"proto-span-int-overflow", "span_old.pb span_new.pb", 1, ""},
    // Quadratic before: each $ref of a chain walked the whole chain; every node copied every
    // active suppression (seconds to minutes, gigabytes, when they regress).
    {"openapi-ref-chain-quadratic", "chain10000.yaml chain10000.yaml", 0, ""},
    {"openapi-ignore-quadratic-memory", "supp_old.yaml supp_new.yaml", 0, ""},
    // A change deeper than the schema walk goes is an error, never a silent pass.
    {"openapi-deep-schema-silently-skipped", "d128_old.yaml d128_new.yaml", 1, ""},
    {"openapi-deep-schema-silently-skipped", "d130_old.yaml d130_new.yaml", 2, "deeper than the schema-depth limit (128; raise it with --limit schema-depth=N) and changed"},
    {"openapi-deep-schema-silently-skipped", "d130_old.yaml d130_old.yaml", 0, ""},
    // An arena block whose size is not a multiple of 8 (UBSan: misaligned cleanup node).
    {"proto-arena-misaligned-ubsan", "big.pb big.pb", 0, ""},
    // Long lines and scalars that std::regex overflowed the stack on; now read by hand.
    {"regex-stack-overflow", "ok.proto bad.proto", 2, "bad.proto:2:60009"},
    {"regex-stack-overflow", "notproto.txt ok.proto", 2, "neither a FileDescriptorSet nor a .proto file"},
    {"regex-stack-overflow", "number_old.yaml number_new.yaml", 1, ""},
    {"regex-stack-overflow", "sunset_old.yaml sunset_new.yaml", 0, ""},
    {"regex-stack-overflow", "cpp_undef_old.h cpp_undef_new.h", 1, ""},
    {"regex-stack-overflow/unstable_cfg", "../unst_old.pb ../unst_new.pb", 0, ""},
    // libclang reads an included device until it ends: refused before parsing.
    {"cpp-include-devzero", "old.h new.h", 2, "new.h:2: #include \"/dev/zero\" names /dev/zero, which is not a regular file"},
    // C headers: `-x c` or a C `-std=` alone is enough, no C++ standard is added.
    {"cpp-c-headers-unclear", "c1.h c2.h -- -x c", 1, ""},
    {"cpp-c-headers-unclear", "c1.h c2.h -- -std=c11", 1, ""},
};

}  // namespace

TEST_CASE("hostile-input reproducers that are fixed end cleanly", "[robustness]") {
  fs::path root = test::shared_dir / "robustness";
  REQUIRE(fs::is_directory(root));
  for (const Reproducer& r : kFixed) {
    INFO(std::string(r.folder) + ": driftcheck " + r.args);
    auto run = run_driftcheck("--color never " + std::string(r.args), root / r.folder);
    CHECK(run.exit_code == r.exit_code);
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') <= 1);
    CHECK_THAT(run.err, !Catch::Contains("internal error"));
    if (*r.error) CHECK_THAT(run.err, Catch::Contains(r.error));
  }
}

TEST_CASE("reproducers that write files: Latin-1 bytes reach api.json and baselines", "[robustness]") {
  fs::path root = test::shared_dir / "robustness";
  test::TempDir out;
  const std::pair<const char*, std::string> runs[] = {
      {"cpp-dump-non-utf8", "dump latin1.h -o '" + (out.path / "api.json").string() + "'"},
      {"baseline-non-utf8", "inj_old.pb inj_new.pb --write-baseline '" + (out.path / "proto.json").string() + "'"},
      {"baseline-non-utf8", "l1.h l2.h --write-baseline '" + (out.path / "cpp.json").string() + "'"},
  };
  for (const auto& [folder, args] : runs) {
    INFO(std::string(folder) + ": driftcheck " + args);
    auto run = run_driftcheck(args, root / folder);
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.err, !Catch::Contains("internal error"));
  }
  for (const char* name : {"api.json", "proto.json", "cpp.json"}) {
    INFO(name);
    CHECK(fs::file_size(out.path / name) > 2);
  }
}

namespace {

// Runs a reproducer's repro.sh with this build as R; returns what it printed.
std::string run_repro_script(const char* folder) {
  fs::path script = test::shared_dir / "robustness" / folder / "repro.sh";
  REQUIRE(fs::exists(script));
  std::string cmd = "R='" DRIFTCHECK_BINARY "' PROJECT='" + test::source_dir.string() + "' bash '" + script.string() + "' 2>&1";
  std::string out;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  ::pclose(pipe);
  return out;
}

}  // namespace

TEST_CASE("a commit with `..` tree entries writes nothing outside the temporary folder", "[robustness][git]") {
  std::string out = run_repro_script("git-checkout-path-traversal");
  INFO(out);
  CHECK_THAT(out, Catch::Contains("unsafe path: ../../pwned/x.h"));
  CHECK_THAT(out, Catch::Contains("rc=2"));
  // The script lists every file left under its temporary folders after this line: none.
  std::string listed = out.substr(out.find("files written under"));
  CHECK(std::count(listed.begin(), listed.end(), '\n') == 1);
}

TEST_CASE("staged mode passes before the first commit and in a repository without contracts", "[robustness][git]") {
  std::string out = run_repro_script("git-staged-exit2");
  INFO(out);
  CHECK_THAT(out, Catch::Contains("(a) rc=0"));
  CHECK_THAT(out, Catch::Contains("(b) rc=0"));
  CHECK_THAT(out, Catch::Contains("no contracts"));
  CHECK_THAT(out, Catch::Contains("nothing to check"));
}

TEST_CASE("a symbolic link out of the working tree is refused in git mode", "[robustness][git]") {
  std::string out = run_repro_script("git-ref-symlink-escape");
  INFO(out);
  CHECK_THAT(out, Catch::Contains("rc=2"));
  CHECK_THAT(out, Catch::Contains("common.yaml is a symbolic link that leads out of the repository"));
  CHECK_THAT(out, !Catch::Contains("secret_field_from_outside"));
}

TEST_CASE("a device or FIFO included two headers down is refused before libclang reads it", "[robustness]") {
  test::TempDir dir;
  dir.write("old.h", "#pragma once\nint f();\n");
  dir.write("new.h", "#pragma once\n#include \"inner/part.h\"\nint f();\n");
  dir.write("inc/inner/part.h", "#pragma once\n  #  include <pipe>\n");
  REQUIRE(::mkfifo((dir.path / "inc" / "pipe").c_str(), 0600) == 0);
  auto run = run_driftcheck("old.h new.h -- -Iinc", dir.path);
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.err, Catch::Contains("part.h:2: #include \"pipe\" names inc/pipe, which is not a regular file"));
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
}
