// C++ API dumps (api.json, as driftcheck dump writes them).
#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  driftcheck::fuzz::run(data, size, {"old.api.json", "new.api.json"},
                        {{"old.api.json", "new.api.json"}, {"new.api.json", "old.api.json", "--format", "json"}});
  return 0;
}
