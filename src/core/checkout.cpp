#include "core/checkout.h"

#include <cstdlib>
#include <fstream>

#include "core/input_error.h"

namespace driftcheck {

namespace fs = std::filesystem;

Checkout::Checkout(const SourceView& view, const std::function<bool(const std::string&)>& wanted) {
  std::string pattern = (fs::temp_directory_path() / "driftcheck-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw InputError("cannot create a temporary folder in " + fs::temp_directory_path().string());
  root_ = pattern;
  for (const std::string& path : view.files()) {
    if (!wanted(path)) continue;
    std::optional<std::string> bytes = view.read(path);
    if (!bytes) continue;
    fs::path target = root_ / path;
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    std::ofstream out(target, std::ios::binary);
    out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    if (!out) throw InputError("cannot write " + target.string() + " (is the temporary folder full?)");
  }
}

Checkout::~Checkout() {
  std::error_code ec;
  fs::remove_all(root_, ec);
}

}  // namespace driftcheck
