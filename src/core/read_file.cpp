#include "core/read_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "core/input_error.h"
#include "core/limits.h"

namespace driftcheck {

namespace fs = std::filesystem;

std::string read_file(const std::string& path) {
  // A folder, a device (/dev/zero never ends) or a socket is no contract; a pipe
  // (`<(git show ...)`) is, up to the file-size limit.
  const size_t max_bytes = limits().file_size;
  auto too_large = [&] { return InputError(path + ": larger than " + limit_reached("file-size")); };
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (!ec && fs::is_directory(status)) throw InputError(path + ": is a folder, not a file");
  if (!ec && fs::exists(status) && !fs::is_regular_file(status) && !fs::is_fifo(status))
    throw InputError(path + ": not a regular file");
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw InputError(path + ": cannot open: " + std::strerror(errno));
  std::string out;
  if (std::fseek(f.get(), 0, SEEK_END) == 0) {
    long size = std::ftell(f.get());
    if (size > 0 && static_cast<size_t>(size) > max_bytes) throw too_large();
    if (size > 0) out.reserve(static_cast<size_t>(size));
    std::rewind(f.get());
  }
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    out.append(buf, n);
    if (out.size() > max_bytes) throw too_large();
  }
  if (std::ferror(f.get())) throw InputError(path + ": cannot read: " + std::strerror(errno));
  return out;
}

}  // namespace driftcheck
