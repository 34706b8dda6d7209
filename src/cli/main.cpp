// driftcheck: compare the old and new version of a contract and report breaking changes.
#include <google/protobuf/stubs/common.h>

#include "cli/cli.h"

// GCC says __SANITIZE_ADDRESS__, clang __has_feature(address_sanitizer).
#if defined(__SANITIZE_ADDRESS__)
#define DRIFTCHECK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DRIFTCHECK_ASAN 1
#endif
#endif

int main(int argc, char** argv) {
  GOOGLE_PROTOBUF_VERIFY_VERSION;
  driftcheck::CliRun run;
#ifndef DRIFTCHECK_ASAN
  run.exits_after = true;  // the leak checker wants everything freed; users want a fast exit
#endif
  return driftcheck::run_cli(argc, argv, run);
}
