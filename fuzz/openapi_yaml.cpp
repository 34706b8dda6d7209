// OpenAPI documents in YAML: two sides and a file both may $ref.
#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  driftcheck::fuzz::run(data, size, {"old.yaml", "new.yaml", "common.yaml"},
                        {{"old.yaml", "new.yaml"}, {"new.yaml", "old.yaml", "--format", "markdown"}});
  return 0;
}
