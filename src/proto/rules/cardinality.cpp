// Cardinality: whether a field is optional (with or without presence), required, repeated or a
// map. Moving between these changes generated code, and some moves change the wire format.
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
    case Cardinality::map: return "map";
  }
  return "";
}

}  // namespace

Cardinality cardinality_of(const Image& image, const Field& f) {
  if (f.is_repeated()) {
    const Message* entry = f.is_message() ? image.find_message(f.type_name()) : nullptr;
    return entry && entry->map_entry() ? Cardinality::map : Cardinality::repeated;
  }
  switch (f.features.field_presence) {
    case 3: return Cardinality::required;
    case 2: return f.is_message() ? Cardinality::optional_explicit : Cardinality::optional_implicit;
    default: return Cardinality::optional_explicit;
  }
}

void check_field_same_cardinality(const CheckContext& ctx, Reporter& r) {
  for_each_field_pair(ctx, [&](const Field& o, const Field& n) {
    Cardinality before = cardinality_of(ctx.old_image, o), after = cardinality_of(ctx.new_image, n);
    if (before == after) return;
    Finding& f = r.report(location_of(n, {4}), &o,
                          "field " + std::to_string(n.number()) + " " + quote(n.name()) + " of message " +
                              quote(n.parent->full_name) + " changed from " + name_of(before) + " to " +
                              name_of(after));
    f.hint = "keep the field's cardinality; add a new field for the new shape and deprecate this one";
  });
}

}  // namespace driftcheck::proto
