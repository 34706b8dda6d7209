#include "cpp/libclang.h"

#include <dlfcn.h>

#include <string>

#include "core/input_error.h"

namespace driftcheck::cpp {

namespace {

LibClang load() {
  // The library the build found, then the names Debian's libclang1-14 installs it under.
  const char* candidates[] = {DRIFTCHECK_LIBCLANG_PATH, "libclang-14.so.13", "libclang-14.so.1", "libclang-14.so",
                              "libclang.so.1", "libclang.so"};
  void* handle = nullptr;
  std::string why;
  for (const char* name : candidates) {
    if (!*name) continue;
    handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (handle) break;
    if (why.empty()) why = dlerror();
  }
  if (!handle)
    throw InputError("C++ headers need libclang 14, which could not be loaded (" + why +
                     "); install it with `apt-get install libclang1-14`");
  LibClang api;
  // The handle stays open for the life of the process: the functions are used until exit.
#define DRIFTCHECK_LIBCLANG_RESOLVE(name)                                                          \
  api.name = reinterpret_cast<decltype(api.name)>(dlsym(handle, #name));                           \
  if (!api.name) throw InputError(std::string("the libclang found has no `") + #name + "`; libclang 14 is needed");
  DRIFTCHECK_LIBCLANG_FUNCTIONS(DRIFTCHECK_LIBCLANG_RESOLVE)
#undef DRIFTCHECK_LIBCLANG_RESOLVE
  return api;
}

}  // namespace

const LibClang& libclang() {
  static const LibClang api = load();
  return api;
}

}  // namespace driftcheck::cpp
