// The value of a macro's replacement text, as the compiler would compute it in an #if or an
// expression: integer literals with their suffixes, operators, parentheses, casts to integer
// types and the names of other macros, enumerators and constants. `(1<<3)`, `(1L << 3)` and `8`
// are the same value; so are `-1` and `(-1)`, or `14` and a macro that names another worth 14.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "cpp/model.h"

namespace driftcheck::cpp {

struct IntValue {
  __int128 value = 0;  // the mathematical value, after wrapping to the type
  int bits = 32;       // the type's width: 32 (int) or 64 (long, long long)
  bool is_unsigned = false;
  bool operator==(const IntValue& o) const { return value == o.value; }
  std::string str() const;  // as a person writes it: 8, -1, 4294967295
};

// Integer values of one API's macros, enumerators and constants.
class Constants {
 public:
  explicit Constants(const Api& api);
  // Nothing when the text is not an integer constant expression (a string, a type, a call).
  // Identifiers resolve to macros (recursively, with a depth limit), enumerators (by
  // unqualified name, as C code writes them) and constants with a known value.
  std::optional<IntValue> evaluate(const std::string& text, int depth = 0) const;
  // The value a name stands for: a macro, an enumerator or a constant.
  std::optional<IntValue> of_name(const std::string& name, int depth = 0) const;

 private:
  const Api& api_;
  std::map<std::string, int64_t> enumerators_;  // unqualified and qualified names
};

}  // namespace driftcheck::cpp
