// The second matching pass: elements the identity keys could not pair (full name, number) are
// paired as renames and renumbers when the new side holds exactly one element of the same shape
// that the old side did not have. Rules use it to explain a deletion in plain words.
#pragma once

#include <string>

#include "proto/check.h"

namespace driftcheck::proto {

// A message, enum or service deleted from the old image that reappears under a new name.
const Message* renamed_message(const CheckContext& ctx, const Message& old_message);
const Enum* renamed_enum(const CheckContext& ctx, const Enum& old_enum);
const Service* renamed_service(const CheckContext& ctx, const Service& old_service);
// An RPC of a paired service deleted but present under a new name with the same signature.
const Method* renamed_method(const Service& old_service, const Service& new_service, const Method& old_method);
// A field whose number vanished but whose name lives on under a number the old message lacked.
const Field* renumbered_field(const Message& old_message, const Message& new_message, const Field& old_field);

// "int32", "message `pkg.Foo`", "enum `pkg.Bar`", "map<string, int32>".
std::string describe_type(const Image& image, const Field& field, int depth = 0);

}  // namespace driftcheck::proto
