// .proto sources: two sides and a file both may import.
#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  driftcheck::fuzz::run(data, size, {"old.proto", "new.proto", "common.proto"},
                        {{"old.proto", "new.proto"}, {"new.proto", "old.proto", "--format", "sarif"}});
  return 0;
}
