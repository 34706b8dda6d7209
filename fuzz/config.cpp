// driftcheck.yaml, applied to a protobuf, an OpenAPI and a C++ comparison.
#include "contracts.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace driftcheck::fuzz;
  run(data, size, {"driftcheck.yaml"},
      {{"old.proto", "new.proto"},
       {"--config", "driftcheck.yaml", "old.yaml", "new.yaml"},
       {"--config", "driftcheck.yaml", "old.api.json", "new.api.json"}},
      kContracts);
  return 0;
}
