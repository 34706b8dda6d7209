// The one error type loaders throw: the input cannot be checked. The CLI prints what() on one
// line and exits 2.
#pragma once

#include <stdexcept>
#include <string>

namespace driftcheck {

struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace driftcheck
