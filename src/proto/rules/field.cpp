// Field rules: a field is identified by its message and number (an extension by what it extends
// and its number). Deleting it, or changing its name, JSON name or type, breaks someone.
#include "proto/match.h"
#include "proto/rules/rules.h"

namespace driftcheck::proto {

namespace {

using FDP = gp::FieldDescriptorProto;

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

std::string field_label(const Field& f) {
  return "field " + std::to_string(f.number()) + " " + quote(f.name());
}

// Reports each field of a paired message that is gone from the new message, unless `allowed`.
template <typename Allowed>
void report_deleted_fields(const CheckContext& ctx, Reporter& r, Allowed allowed, const char* safe_way) {
  for_each_message_pair(ctx, [&](const Message& o, const Message& n) {
    for (const Field* old_field : o.fields) {
      if (n.field_by_number.count(old_field->number()) || allowed(n, *old_field)) continue;
      Finding& f = r.report(location_of(n), old_field,
                            field_label(*old_field) + " was deleted from message " + quote(n.full_name));
      if (const Field* moved = renumbered_field(o, n, *old_field)) {
        f.message = "field " + quote(old_field->name()) + " of message " + quote(n.full_name) +
                    " was renumbered from " + std::to_string(old_field->number()) + " to " +
                    std::to_string(moved->number()) +
                    ": every message already serialized with it reads wrong, and old clients "
                    "send the value under the old number";
        f.location = location_of(*moved, {3});
        f.hint = "give the field back its number " + std::to_string(old_field->number()) +
                 "; to change its type or meaning, add a new field with a new name and number and `reserved " +
                 std::to_string(old_field->number()) + ";` the old one";
      } else {
        f.hint = safe_way;
      }
    }
  });
}

std::string type_key(const Field& f) {
  if (f.is_message() || f.d->type() == FDP::TYPE_ENUM) return std::string(f.type_name());
  std::string name = FDP::Type_Name(f.d->type()).substr(5);
  std::transform(name.begin(), name.end(), name.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; });
  return name;
}

Location type_location(const Field& f) {
  return f.d->has_type_name() ? location_of(f, {6}) : location_of(f, {5});
}

}  // namespace

void check_field_no_delete(const CheckContext& ctx, Reporter& r) {
  report_deleted_fields(
      ctx, r, [](const Message&, const Field&) { return false; },
      "keep the field and mark it `[deprecated = true]`; when it must go, delete it and add "
      "`reserved N; reserved \"name\";` so the number and name are never reused");
}

void check_field_no_delete_unless_number_reserved(const CheckContext& ctx, Reporter& r) {
  report_deleted_fields(
      ctx, r, [](const Message& n, const Field& f) { return number_reserved(n, f.number()); },
      "when deleting a field, reserve its number (`reserved N;`) so it is never reused with another meaning");
}

void check_field_no_delete_unless_name_reserved(const CheckContext& ctx, Reporter& r) {
  report_deleted_fields(
      ctx, r, [](const Message& n, const Field& f) { return name_reserved(n, f.name()); },
      "when deleting a field, reserve its name (`reserved \"name\";`) so its JSON name is never reused");
}

void check_field_same_name(const CheckContext& ctx, Reporter& r) {
  for_each_field_pair(ctx, [&](const Field& o, const Field& n) {
    if (o.name() == n.name()) return;
    Finding& f = r.report(location_of(n, {1}), &o,
                          "field " + std::to_string(o.number()) + " " + quote(o.name()) + " of message " +
                              quote(n.parent->full_name) + " was renamed to " + quote(n.name()) +
                              ": JSON and generated code break; the wire format is unchanged");
    f.hint = "keep the old name; to change only the JSON key use `json_name`, or add a new field with a new "
             "number and deprecate this one";
  });
  for_each_extension_pair(ctx, [&](const Field& o, const Field& n) {
    if (o.full_name == n.full_name) return;
    Finding& f = r.report(location_of(n, {1}), &o,
                          "extension " + std::to_string(o.number()) + " of " + quote(o.extendee) + " was renamed from " +
                              quote(o.full_name) + " to " + quote(n.full_name) +
                              ": text format, JSON and generated code that name it break");
    f.hint = "keep the extension's name and scope";
  });
}

void check_field_same_json_name(const CheckContext& ctx, Reporter& r) {
  for_each_field_pair(ctx, [&](const Field& o, const Field& n) {
    std::string old_json = o.json_name(), new_json = n.json_name();
    if (old_json == new_json) return;
    Finding& f = r.report(location_of(n, {10}), &o,
                          field_label(n) + " of message " + quote(n.parent->full_name) + " changed its JSON name from " +
                              quote(old_json) + " to " + quote(new_json) + ": JSON clients read and write the old key");
    f.hint = "set `json_name = \"" + old_json + "\"` on the field to keep the old JSON key";
  });
}

void check_field_same_type(const CheckContext& ctx, Reporter& r) {
  for_each_field_pair(ctx, [&](const Field& o, const Field& n) {
    if (type_key(o) == type_key(n) && o.is_message() == n.is_message()) return;
    Finding& f = r.report(type_location(n), &o,
                          field_label(n) + " of message " + quote(n.parent->full_name) + " changed type from " +
                              describe_type(ctx.old_image, o) + " to " + describe_type(ctx.new_image, n));
    f.hint = "keep the type; to change it, add a new field with a new number and deprecate this one";
  });
}

void check_field_wire_compatible_type(const CheckContext& ctx, Reporter& r) {
  (void)ctx;
  (void)r;
}

}  // namespace driftcheck::proto
