// The hostile-input reproducers of ../shared/robustness whose defects are fixed: each must end
// with the expected exit code and at most a one-line error, never a crash, a hang or an
// "internal error".
#include <catch2/catch.hpp>

#include <algorithm>

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
};

}  // namespace

TEST_CASE("hostile-input reproducers that are fixed end cleanly", "[robustness]") {
  fs::path root = test::shared_dir / "robustness";
  REQUIRE(fs::is_directory(root));
  for (const Reproducer& r : kFixed) {
    INFO(std::string(r.folder) + ": driftcheck " + r.args);
    auto run = run_driftcheck(std::string(r.args) + " --color never", root / r.folder);
    CHECK(run.exit_code == r.exit_code);
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') <= 1);
    CHECK_THAT(run.err, !Catch::Contains("internal error"));
    if (*r.error) CHECK_THAT(run.err, Catch::Contains(r.error));
  }
}
