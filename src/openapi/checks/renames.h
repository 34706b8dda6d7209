// Rename detection: a property or parameter removed and another added in the same place with the
// same schema is one rename, reported once (checks/renames.cpp) instead of as a removal plus an
// addition. The removal and addition checks ask these functions which names to leave alone.
// Off when CheckOptions::detect_renames is false.
#pragma once

#include <string>

#include "openapi/checks/schema_walk.h"

namespace driftcheck::openapi {

// True when property `name` of the old (`old_side`) or new schema at walked node `n` is one side
// of a rename.
bool property_renamed(const CheckContext& ctx, const SchemaNode& n, const std::string& name, bool old_side);

// True when `param` (resolved), a parameter of `old_op` (`old_side`) or of `new_op`, is one side
// of a rename.
bool parameter_renamed(const CheckContext& ctx, const Operation& old_op, const Operation& new_op, const Json& param,
                       bool old_side);

}  // namespace driftcheck::openapi
