// Baselines (--baseline) for a protobuf, an OpenAPI and a C++ comparison.
#include "contracts.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace driftcheck::fuzz;
  run(data, size, {"baseline.json"},
      {{"--baseline", "baseline.json", "old.proto", "new.proto"},
       {"--baseline", "baseline.json", "old.yaml", "new.yaml"},
       {"--baseline", "baseline.json", "old.api.json", "new.api.json"}},
      kContracts);
  return 0;
}
