// Field rules: a field is identified by its message and number (an extension by what it extends
// and its number). Deleting it, renaming it, moving it in or out of a oneof or changing its type
// breaks someone: the wire format, JSON, or the generated code.
#include "proto/match.h"
#include "proto/rules/rules.h"

namespace driftcheck::proto {

using FDP = gp::FieldDescriptorProto;

void for_each_field_or_extension_pair(const CheckContext& ctx,
                                      const std::function<void(const Field&, const Field&)>& fn) {
  for_each_field_pair(ctx, fn);
  for_each_extension_pair(ctx, fn);
}

bool in_map_entry(const Field& f) { return !f.is_extension && f.parent && f.parent->map_entry(); }

std::string field_label(const Field& f) {
  if (f.is_extension)
    return "extension " + std::to_string(f.number()) + " " + quote(f.full_name) + " of " + quote(f.extendee);
  if (f.map_owner)
    return "the " + std::string(f.name()) + " of map field " + std::to_string(f.map_owner->number()) + " " +
           quote(f.map_owner->name()) + " of message " + quote(f.map_owner->parent->full_name);
  return "field " + std::to_string(f.number()) + " " + quote(f.name()) + " of message " + quote(f.parent->full_name);
}

FDP::Type field_kind(const Field& f) {
  if (f.d->type() == FDP::TYPE_MESSAGE && f.features.message_encoding == 2) return FDP::TYPE_GROUP;
  return f.d->type();
}

namespace {

// ---- Deletion -------------------------------------------------------------------------------

// Message reserved ranges are stored with an exclusive end.
bool number_reserved(const Message& m, int32_t number) {
  for (const auto& range : m.d->reserved_range())
    if (number >= range.start() && number < range.end()) return true;
  return false;
}

bool name_reserved(const Message& m, std::string_view name) {
  for (const auto& reserved : m.d->reserved_name())
    if (reserved == name) return true;
  return false;
}

struct DeletionRule {
  bool (*allowed)(const Message& new_message, const Field& old_field);
  std::string (*why)(const Field& old_field);
  const char* safe_way;
};

// Reports each field number of a paired message that is gone from the new message, unless the
// rule allows it. buf reports every deletion at the whole new message.
void report_deleted_fields(const CheckContext& ctx, Reporter& r, const DeletionRule& rule) {
  for_each_message_pair(ctx, [&](const Message& o, const Message& n) {
    for (const Field* old_field : o.fields) {
      if (n.field_by_number.count(old_field->number()) || rule.allowed(n, *old_field)) continue;
      Finding& f = r.report(location_of(n), old_field, field_label(*old_field) + " was deleted" + rule.why(*old_field));
      f.hint = rule.safe_way;
      if (const Field* moved = renumbered_field(o, n, *old_field)) {
        std::string old_number = std::to_string(old_field->number());
        f.message = field_label(*old_field) + " was renumbered to " + std::to_string(moved->number()) +
                    ": data serialized with number " + old_number +
                    " is no longer read, and old clients keep sending the value under the old number";
        f.hint = "give the field back its number " + old_number +
                 "; to change its type or meaning, add a new field with a new name and number and `reserved " +
                 old_number + ";` the old one";
      }
    }
  });
}

// ---- Types ----------------------------------------------------------------------------------

bool named_type(FDP::Type kind) {
  return kind == FDP::TYPE_MESSAGE || kind == FDP::TYPE_GROUP || kind == FDP::TYPE_ENUM;
}

// "int32", "enum `a.Bar`", "map<int32, string>", "message `a.One` (delimited encoding)".
std::string type_text(const Image& image, const Field& f) {
  std::string text = describe_type(image, f);
  if (f.d->type() == FDP::TYPE_MESSAGE && field_kind(f) == FDP::TYPE_GROUP) text += " (delimited encoding)";
  return text;
}

const char* wire_encoding(FDP::Type kind) {
  switch (kind) {
    case FDP::TYPE_SINT32:
    case FDP::TYPE_SINT64: return "zigzag varint";
    case FDP::TYPE_FIXED32:
    case FDP::TYPE_SFIXED32:
    case FDP::TYPE_FLOAT: return "fixed32";
    case FDP::TYPE_FIXED64:
    case FDP::TYPE_SFIXED64:
    case FDP::TYPE_DOUBLE: return "fixed64";
    case FDP::TYPE_STRING:
    case FDP::TYPE_BYTES:
    case FDP::TYPE_MESSAGE: return "length-delimited";
    case FDP::TYPE_GROUP: return "start/end-group tags";
    default: return "varint";  // int32, int64, uint32, uint64, bool, enum
  }
}

bool is_64bit(FDP::Type kind) {
  return kind == FDP::TYPE_INT64 || kind == FDP::TYPE_UINT64 || kind == FDP::TYPE_SINT64 || kind == FDP::TYPE_FIXED64 ||
         kind == FDP::TYPE_SFIXED64;
}

// Why a change of kind breaks peers, in plain words.
std::string kind_change_reason(FDP::Type from, FDP::Type to) {
  std::string a = wire_encoding(from), b = wire_encoding(to);
  if (a != b) return "the wire encoding differs (" + a + " vs " + b + "), so old and new peers misread the field";
  auto either = [&](FDP::Type k) { return from == k || to == k; };
  if (either(FDP::TYPE_STRING) && either(FDP::TYPE_BYTES))
    return "string must be valid UTF-8 while bytes need not be, and JSON writes bytes as base64";
  if (either(FDP::TYPE_MESSAGE)) return "one side parses the bytes as a message, the other keeps them raw";
  if (either(FDP::TYPE_BOOL)) return "JSON writes a bool as true/false, not as a number, and generated code changes";
  if (either(FDP::TYPE_ENUM))
    return "peers disagree on which numbers are valid enum values, and JSON writes an enum by name, not as a number";
  if (is_64bit(from) != is_64bit(to))
    return "JSON writes 64-bit integers as strings and 32-bit ones as numbers, and values beyond 32 bits are "
           "truncated";
  return "both use " + a + " on the wire, but the same bytes decode to different values and generated code changes";
}

// Where buf reports a type change: the new field's type name for message, enum and group kinds,
// else its scalar type keyword. Neither falls back to the whole field (a map's key and value
// resolve to the `map<K, V>` span).
Location type_location(const Field& n) {
  if (n.map_owner) return location_of(n);
  return exact_location(n, {named_type(field_kind(n)) ? 6 : 5});
}

void report_type_change(const CheckContext& ctx, Reporter& r, const Field& o, const Field& n, const std::string& why) {
  Finding& f = r.report(type_location(n), &o,
                        field_label(n) + " changed type from " + type_text(ctx.old_image, o) + " to " +
                            type_text(ctx.new_image, n) + ": " + why);
  f.hint = "keep the type; to change it, add a new field with a new number and name, and deprecate this one";
}

void report_kind_change(const CheckContext& ctx, Reporter& r, const Field& o, const Field& n) {
  report_type_change(ctx, r, o, n, kind_change_reason(field_kind(o), field_kind(n)));
}

// The same kind, but another message, group or enum type.
std::string type_name_change_reason(const Field& n) {
  return field_kind(n) == FDP::TYPE_ENUM
             ? "values are read against a different enum, whose numbers and names may mean other things"
             : "peers on the old schema parse the same bytes as a different message";
}

// Why the enums of a field pair are not wire compatible, or "" when they are: buf accepts the
// same short name with every old value still present under the same name and number (values may
// be added, the enum may move to another package).
std::string enum_incompatibility(const CheckContext& ctx, const Field& o, const Field& n) {
  const Enum* before = ctx.old_image.find_enum(o.type_name());
  const Enum* after = ctx.new_image.find_enum(n.type_name());
  if (!before || !after) return "the enum cannot be found, so its values cannot be matched";
  if (before->d->name() != after->d->name()) return type_name_change_reason(n);
  for (const EnumValue* v : before->values) {
    bool kept = std::any_of(after->values.begin(), after->values.end(), [&](const EnumValue* w) {
      return w->d->name() == v->d->name() && w->d->number() == v->d->number();
    });
    if (!kept)
      return "the new enum has no value " + quote(v->d->name()) + " = " + std::to_string(v->d->number()) +
             ", so peers read that number differently";
  }
  return "";
}

// FIELD_WIRE_COMPATIBLE_TYPE and FIELD_WIRE_JSON_COMPATIBLE_TYPE: kinds in the same group may
// change into each other; `allowed` may excuse a change across groups.
struct CompatibilityRule {
  int (*group)(FDP::Type kind);
  bool (*allowed)(FDP::Type from, FDP::Type to);
};

void check_compatible_types(const CheckContext& ctx, Reporter& r, const CompatibilityRule& rule) {
  for_each_field_or_extension_pair(ctx, [&](const Field& o, const Field& n) {
    FDP::Type before = field_kind(o), after = field_kind(n);
    if (rule.group(before) != rule.group(after)) {
      if (rule.allowed(before, after)) return;
      report_kind_change(ctx, r, o, n);
      return;
    }
    if (!named_type(after) || o.type_name() == n.type_name()) return;
    std::string why = after == FDP::TYPE_ENUM ? enum_incompatibility(ctx, o, n) : type_name_change_reason(n);
    if (!why.empty()) report_type_change(ctx, r, o, n, why);
  });
}

int wire_group(FDP::Type kind) {
  switch (kind) {
    case FDP::TYPE_INT32:
    case FDP::TYPE_INT64:
    case FDP::TYPE_UINT32:
    case FDP::TYPE_UINT64:
    case FDP::TYPE_BOOL: return 1;
    case FDP::TYPE_SINT32:
    case FDP::TYPE_SINT64: return 2;
    case FDP::TYPE_FIXED32:
    case FDP::TYPE_SFIXED32: return 3;
    case FDP::TYPE_FIXED64:
    case FDP::TYPE_SFIXED64: return 4;
    default: return 100 + kind;  // every other kind stands alone
  }
}

int wire_json_group(FDP::Type kind) {
  switch (kind) {
    case FDP::TYPE_INT32:
    case FDP::TYPE_UINT32: return 1;
    case FDP::TYPE_INT64:
    case FDP::TYPE_UINT64: return 2;
    case FDP::TYPE_FIXED32:
    case FDP::TYPE_SFIXED32: return 3;
    case FDP::TYPE_FIXED64:
    case FDP::TYPE_SFIXED64: return 4;
    default: return 100 + kind;
  }
}

}  // namespace

// ---- Rules ----------------------------------------------------------------------------------

void check_field_no_delete(const CheckContext& ctx, Reporter& r) {
  report_deleted_fields(
      ctx, r,
      {[](const Message&, const Field&) { return false; },
       [](const Field&) -> std::string {
         return ": generated code loses it, strict JSON parsers reject it, and its number could be reused";
       },
       "keep the field and mark it `[deprecated = true]`; when it must go, delete it and add "
       "`reserved N; reserved \"name\";` so the number and name are never reused"});
}

void check_field_no_delete_unless_number_reserved(const CheckContext& ctx, Reporter& r) {
  report_deleted_fields(
      ctx, r,
      {[](const Message& n, const Field& f) { return number_reserved(n, f.number()); },
       [](const Field& f) {
         return " without reserving its number " + std::to_string(f.number()) +
                ": a later field could reuse the number and misread data old peers still send";
       },
       "when deleting a field, reserve its number (`reserved N;`) so it is never reused with another meaning"});
}

void check_field_no_delete_unless_name_reserved(const CheckContext& ctx, Reporter& r) {
  report_deleted_fields(
      ctx, r,
      {[](const Message& n, const Field& f) { return name_reserved(n, f.name()); },
       [](const Field& f) {
         return " without reserving its name " + quote(f.name()) +
                ": a later field could reuse the name, and JSON clients would send old values to it";
       },
       "when deleting a field, reserve its name (`reserved \"name\";`) so its JSON name is never reused"});
}

void check_field_same_name(const CheckContext& ctx, Reporter& r) {
  for_each_field_or_extension_pair(ctx, [&](const Field& o, const Field& n) {
    // An extension is known by its full name, so moving its declaration to another scope renames it.
    std::string_view before = o.is_extension ? std::string_view(o.full_name) : o.name();
    std::string_view after = n.is_extension ? std::string_view(n.full_name) : n.name();
    if (before == after) return;
    Finding& f = r.report(location_of(n, {1}), &o,
                          field_label(o) + " was renamed to " + quote(after) +
                              ": JSON and text format carry the name, and generated code that uses it breaks; "
                              "the binary wire format is unchanged");
    f.hint = o.is_extension ? "keep the extension's name and the scope it is declared in"
                            : "keep the old name; to change only the JSON key use `json_name`, or add a new field "
                              "with a new number and deprecate this one";
  });
}

void check_field_same_json_name(const CheckContext& ctx, Reporter& r) {
  for_each_field_or_extension_pair(ctx, [&](const Field& o, const Field& n) {
    if (o.is_extension) return;  // extensions have no settable JSON name
    std::string before = o.json_name(), after = n.json_name();
    if (before == after) return;
    Finding& f = r.report(location_of(n, {10}), &o,
                          field_label(n) + " changed its JSON name from " + quote(before) + " to " + quote(after) +
                              ": JSON clients still read and write the old key");
    f.hint = "set `json_name = \"" + before + "\"` on the field to keep the old JSON key";
  });
}

void check_field_same_oneof(const CheckContext& ctx, Reporter& r) {
  auto real_oneof = [](const Field& f) {
    const Oneof* o = f.oneof();
    return o && !o->synthetic ? o : nullptr;  // proto3 `optional` is not a oneof for this rule
  };
  for_each_field_or_extension_pair(ctx, [&](const Field& o, const Field& n) {
    if (o.is_extension) return;  // extensions are never in a oneof
    const Oneof *before = real_oneof(o), *after = real_oneof(n);
    if (!before && !after) return;
    std::string change;
    if (before && after) {
      if (before->d->name() == after->d->name()) return;
      change = " moved from oneof " + quote(before->d->name()) + " to oneof " + quote(after->d->name());
    } else {
      change =
          after ? " moved into oneof " + quote(after->d->name()) : " moved out of oneof " + quote(before->d->name());
    }
    Finding& f = r.report(location_of(n), &o,
                          field_label(n) + change +
                              ": setting a oneof member clears the others, so peers disagree on which fields "
                              "survive, and generated code changes");
    f.hint = "leave the field where it was; add a new field in the new place and deprecate this one";
  });
}

void check_field_same_type(const CheckContext& ctx, Reporter& r) {
  for_each_field_or_extension_pair(ctx, [&](const Field& o, const Field& n) {
    if (field_kind(o) != field_kind(n)) return report_kind_change(ctx, r, o, n);
    if (named_type(n.d->type()) && o.type_name() != n.type_name())
      report_type_change(ctx, r, o, n, type_name_change_reason(n));
  });
}

void check_field_wire_compatible_type(const CheckContext& ctx, Reporter& r) {
  // string may become bytes: valid UTF-8 is valid bytes (the reverse does not hold).
  auto string_to_bytes = [](FDP::Type from, FDP::Type to) { return from == FDP::TYPE_STRING && to == FDP::TYPE_BYTES; };
  check_compatible_types(ctx, r, {wire_group, string_to_bytes});
}

void check_field_wire_json_compatible_type(const CheckContext& ctx, Reporter& r) {
  check_compatible_types(ctx, r, {wire_json_group, [](FDP::Type, FDP::Type) { return false; }});
}

}  // namespace driftcheck::proto
