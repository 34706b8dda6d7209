// Cardinality: whether a field is optional (with or without presence), required, repeated or a
// map. Every move between these changes generated code; the WIRE and WIRE_JSON variants only
// report the moves that also change what goes over the wire (or into JSON).
#include "proto/rules/rules.h"

namespace driftcheck::proto {

namespace {

enum class Cardinality { optional_explicit, optional_implicit, required, repeated, map };

const char* name_of(Cardinality c) {
  switch (c) {
    case Cardinality::optional_explicit: return "optional (with presence)";
    case Cardinality::optional_implicit: return "optional (no presence)";
    case Cardinality::required: return "required";
    case Cardinality::repeated: return "repeated";
    case Cardinality::map: return "a map";
  }
  return "";
}

// As protobuf-go resolves it: lists, then maps, then required, then presence.
Cardinality cardinality_of(const Image& image, const Field& f) {
  if (f.is_repeated()) {
    const Message* entry = f.is_message() ? image.find_message(f.type_name()) : nullptr;
    return entry && entry->map_entry() ? Cardinality::map : Cardinality::repeated;
  }
  if (f.features.field_presence == 3) return Cardinality::required;  // proto2 `required`, LEGACY_REQUIRED
  bool presence = f.is_extension || f.is_message() || f.d->has_oneof_index() || f.features.field_presence == 1;
  return presence ? Cardinality::optional_explicit : Cardinality::optional_implicit;
}

// Why the move breaks, for the pair of cardinalities.
std::string why(Cardinality before, Cardinality after) {
  auto either = [&](Cardinality c) { return before == c || after == c; };
  if (either(Cardinality::required))
    return "a required field must always be set, so messages from the side that may omit it fail to parse";
  if (either(Cardinality::map) && either(Cardinality::repeated))
    return "JSON writes a map as an object and a repeated field as an array, and generated code changes";
  if (either(Cardinality::map) || either(Cardinality::repeated))
    return "a singular field keeps only the last value it reads while a repeated one keeps all of them; JSON "
           "and generated code change too";
  return "with presence, an explicitly set zero value is sent and can be detected; without it, it is not, and "
         "generated code gains or loses its has-accessor";
}

// Which cardinalities a rule lets a field move between: each rule maps them to groups.
using Grouping = int (*)(Cardinality);

void check_cardinality(const CheckContext& ctx, Reporter& r, Grouping group) {
  for_each_field_or_extension_pair(ctx, [&](const Field& o, const Field& n) {
    // A map's key and value take their presence from file defaults but behave the same either way.
    if (in_map_entry(o) && in_map_entry(n)) return;
    Cardinality before = cardinality_of(ctx.old_image, o), after = cardinality_of(ctx.new_image, n);
    if (group(before) == group(after)) return;
    Finding& f = r.report(
        location_of(n), &o,
        field_label(n) + " changed from " + name_of(before) + " to " + name_of(after) + ": " + why(before, after));
    f.hint = "keep the field's cardinality; add a new field with the new shape and deprecate this one";
  });
}

}  // namespace

void check_field_same_cardinality(const CheckContext& ctx, Reporter& r) {
  check_cardinality(ctx, r, [](Cardinality c) { return static_cast<int>(c); });
}

void check_field_wire_compatible_cardinality(const CheckContext& ctx, Reporter& r) {
  // Presence does not show on the wire, and a map is a repeated entry message.
  check_cardinality(ctx, r, [](Cardinality c) {
    switch (c) {
      case Cardinality::optional_explicit:
      case Cardinality::optional_implicit: return 1;
      case Cardinality::required: return 2;
      default: return 3;
    }
  });
}

void check_field_wire_json_compatible_cardinality(const CheckContext& ctx, Reporter& r) {
  // As on the wire, except that JSON writes maps and repeated fields differently.
  check_cardinality(ctx, r, [](Cardinality c) {
    switch (c) {
      case Cardinality::optional_explicit:
      case Cardinality::optional_implicit: return 1;
      case Cardinality::required: return 2;
      case Cardinality::repeated: return 3;
      case Cardinality::map: return 4;
    }
    return 0;
  });
}

}  // namespace driftcheck::proto
