// Entities that look renamed: gone under the old name and added under a new one, in the same
// scope and with the same shape (a function's parameters, result and qualifiers; a class's
// fields, bases and virtual methods; an enum's enumerators; an alias's target; a variable's type
// and value; a macro's value), when that scope and shape hold exactly one such pair. The removal
// is still reported (the old name is gone); the rename tells the user where it went and how to
// keep the old name working.
#pragma once

#include <map>
#include <string>

#include "cpp/model.h"

namespace driftcheck::cpp {

struct FunctionMatch;
class Constants;

struct Rename {
  std::string new_name;  // qualified; a function's signature
  Location location;     // the new entity
};

// Old qualified name (a function's key()) -> where it went.
using Renames = std::map<std::string, Rename>;

Renames find_renames(const Api& old_api, const Api& new_api, const FunctionMatch& functions,
                     const Constants& old_constants);

}  // namespace driftcheck::cpp
