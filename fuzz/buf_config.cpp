// buf.yaml (v1 and v2, with modules and policies), found beside the inputs.
#include "contracts.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace driftcheck::fuzz;
  run(data, size, {"buf.yaml"}, {{"old.proto", "new.proto"}, {"--config", "buf.yaml", "new.proto", "old.proto"}}, kContracts);
  return 0;
}
