// Some of a view's files written to a fresh temporary folder, for readers that open files by
// path themselves (libclang follows #include on its own). The folder goes with the object.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "core/source_view.h"

namespace driftcheck {

class Checkout {
 public:
  // Writes every file of `view` for which `wanted(path)` holds. Throws InputError.
  Checkout(const SourceView& view, const std::function<bool(const std::string&)>& wanted);
  ~Checkout();
  Checkout(const Checkout&) = delete;
  Checkout& operator=(const Checkout&) = delete;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace driftcheck
