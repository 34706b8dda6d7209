#include "core/checkout.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "core/input_error.h"

namespace driftcheck {

namespace fs = std::filesystem;

Checkout::Checkout(const SourceView& view, const std::function<bool(const std::string&)>& wanted) {
  std::string pattern = (fs::temp_directory_path() / "driftcheck-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw InputError("cannot create a temporary folder in " + fs::temp_directory_path().string());
  root_ = pattern;
  try {
    for (const std::string& path : view.files()) {
      if (!wanted(path)) continue;
      // A crafted commit can hold tree entries named `..` or absolute paths: nothing may be
      // written outside the temporary folder.
      fs::path relative(path);
      if (relative.is_absolute() || std::any_of(relative.begin(), relative.end(), [](const fs::path& part) {
            return part.empty() || part == "." || part == "..";
          }))
        throw InputError("the revision holds a file with an unsafe path: " + path);
      std::optional<std::string> bytes = view.read(path);
      if (!bytes) continue;
      fs::path target = root_ / relative;
      std::error_code ec;
      fs::create_directories(target.parent_path(), ec);
      std::ofstream out(target, std::ios::binary);
      out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
      if (!out) throw InputError("cannot write " + target.string() + " (is the temporary folder full?)");
    }
  } catch (...) {
    std::error_code ec;
    fs::remove_all(root_, ec);  // no destructor runs for a constructor that throws
    throw;
  }
}

Checkout::~Checkout() {
  std::error_code ec;
  fs::remove_all(root_, ec);
}

}  // namespace driftcheck
