// Two binary FileDescriptorSets (protoc or buf images).
#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  driftcheck::fuzz::run(data, size, {"old.pb", "new.pb"}, {{"old.pb", "new.pb"}, {"new.pb", "old.pb", "--format", "json"}});
  return 0;
}
