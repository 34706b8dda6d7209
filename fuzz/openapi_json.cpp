// OpenAPI documents in JSON: two sides and a file both may $ref.
#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  driftcheck::fuzz::run(data, size, {"old.json", "new.json", "common.json"},
                        {{"old.json", "new.json"}, {"new.json", "old.json", "--format", "github"}});
  return 0;
}
