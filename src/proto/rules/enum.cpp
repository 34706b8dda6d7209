// Enum rules: an enum is identified by its full name, its values by number within it. Aliases
// (`allow_alias`) give a number several names; a number counts as one value.
#include "proto/descriptor_fields.h"
#include "proto/rules/rules.h"

namespace driftcheck::proto {

namespace {

using namespace fields;

// The value numbers of an enum, each with its names sorted (aliases share a number).
std::map<int32_t, std::vector<std::string_view>> names_by_number(const Enum& e) {
  std::map<int32_t, std::vector<std::string_view>> out;
  for (const EnumValue* v : e.values) out[v->d->number()].push_back(v->d->name());
  for (auto& [number, names] : out) std::sort(names.begin(), names.end());
  return out;
}

std::string join(const std::vector<std::string_view>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " and " : ", ";
    out += quote(names[i]);
  }
  return out;
}

// `"A", "B"`, as a `reserved` statement lists names.
std::string reserved_list(const std::vector<std::string_view>& names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "\"" : ", \"") + std::string(n) + "\"";
  return out;
}

bool number_reserved(const Enum& e, int32_t number) {
  for (const auto& range : e.d->reserved_range())
    if (number >= range.start() && number <= range.end()) return true;  // enum ranges are inclusive
  return false;
}

bool name_reserved(const Enum& e, std::string_view name) {
  for (const auto& reserved : e.d->reserved_name())
    if (reserved == name) return true;
  return false;
}

const char* json_format_name(int value) {
  switch (value) {
    case 1: return "ALLOW";
    case 2: return "LEGACY_BEST_EFFORT";
    default: return "unset";
  }
}

enum class Unless { nothing, number_reserved, name_reserved };

// One finding per old value number that the new enum lacks, unless the new enum reserved it
// the way the rule asks.
void report_deleted_values(const CheckContext& ctx, Reporter& r, Unless unless) {
  for_each_enum_pair(ctx, [&](const Enum& o, const Enum& n) {
    auto now = names_by_number(n);
    for (const auto& [number, names] : names_by_number(o)) {
      if (now.count(number)) continue;
      if (unless == Unless::number_reserved && number_reserved(n, number)) continue;
      if (unless == Unless::name_reserved &&
          std::all_of(names.begin(), names.end(), [&](std::string_view name) { return name_reserved(n, name); }))
        continue;
      std::string value = "enum value " + std::to_string(number) + " (" + join(names) + ")";
      std::string message = value + " was deleted from enum " + quote(n.full_name);
      if (unless == Unless::number_reserved)
        message += " without reserving the number " + std::to_string(number);
      else if (unless == Unless::name_reserved)
        message += std::string(" without reserving the ") + (names.size() > 1 ? "names " : "name ") + join(names);
      message += unless == Unless::name_reserved
                     ? ": a later value may reuse the name, and JSON or text data that spells it would be read as "
                       "the new value"
                     : ": old peers still send the number, which this side no longer knows";
      // Without source info for the new enum, buf names the old enum's file.
      Location where = n.file->location(n.path) ? location_of(n) : file_start(*o.file);
      Finding& f = r.report(std::move(where), &o, std::move(message));
      switch (unless) {
        case Unless::nothing:
          f.hint = "keep the value and mark it `[deprecated = true]`; old peers still send it";
          break;
        case Unless::number_reserved:
          f.hint = "when deleting a value, add `reserved " + std::to_string(number) +
                   ";` to the enum so the number is never reused";
          break;
        case Unless::name_reserved:
          f.hint = "when deleting a value, add `reserved " + reserved_list(names) + ";` to the enum so the " +
                   (names.size() > 1 ? "names are" : "name is") + " never reused";
          break;
      }
    }
  });
}

}  // namespace

void check_enum_same_type(const CheckContext& ctx, Reporter& r) {
  for_each_enum_pair(ctx, [&](const Enum& o, const Enum& n) {
    if (o.closed() == n.closed()) return;
    Location where = feature_location(n, kEnumOptions, kEnumFeatures, kEnumTypeFeature);
    std::string message = "enum " + quote(n.full_name);
    if (n.closed())
      message += " changed from open to closed: a value this side does not know, sent by a newer peer, is now "
                 "kept as an unknown field instead of being read into the field";
    else
      message += " changed from closed to open: a value this side does not know is now read into the field "
                 "instead of being set aside as an unknown field, and code that handled only the known values "
                 "meets new ones";
    Finding& f = r.report(std::move(where), &o, std::move(message));
    f.hint = std::string("keep the enum ") + (o.closed() ? "closed" : "open") +
             "; when moving it to another syntax or edition, set `option features.enum_type = " +
             (o.closed() ? "CLOSED" : "OPEN") + ";` on it";
  });
}

void check_enum_same_json_format(const CheckContext& ctx, Reporter& r) {
  for_each_enum_pair(ctx, [&](const Enum& o, const Enum& n) {
    if (o.features.json_format != kJsonFormatAllow || n.features.json_format == kJsonFormatAllow) return;
    Finding& f = r.report(feature_location(n, kEnumOptions, kEnumFeatures, kJsonFormatFeature), &o,
                          "enum " + quote(n.full_name) + " no longer guarantees JSON support (json_format changed from "
                              "ALLOW to " + json_format_name(n.features.json_format) +
                              "): JSON that clients send or expect for it may no longer be accepted or produced");
    f.hint = "keep JSON support: set `option features.json_format = ALLOW;` on the enum";
  });
}

void check_enum_value_no_delete(const CheckContext& ctx, Reporter& r) {
  report_deleted_values(ctx, r, Unless::nothing);
}

void check_enum_value_no_delete_unless_number_reserved(const CheckContext& ctx, Reporter& r) {
  report_deleted_values(ctx, r, Unless::number_reserved);
}

void check_enum_value_no_delete_unless_name_reserved(const CheckContext& ctx, Reporter& r) {
  report_deleted_values(ctx, r, Unless::name_reserved);
}

void check_enum_value_same_name(const CheckContext& ctx, Reporter& r) {
  for_each_enum_pair(ctx, [&](const Enum& o, const Enum& n) {
    auto before = names_by_number(o);
    auto after = names_by_number(n);
    for (const auto& [number, old_names] : before) {
      auto it = after.find(number);
      if (it == after.end()) continue;
      const auto& new_names = it->second;
      // Adding an alias is fine; every old name must still be there.
      bool kept = std::all_of(old_names.begin(), old_names.end(), [&](std::string_view name) {
        return std::binary_search(new_names.begin(), new_names.end(), name);
      });
      if (kept) continue;
      std::string message = "enum value " + std::to_string(number) + " of enum " + quote(n.full_name) +
                            (old_names.size() > 1 && new_names.size() > 1 ? " changed its names from "
                                                                          : " changed its name from ") +
                            join(old_names) + " to " + join(new_names) +
                            ": JSON and text format carry the name, and generated code uses it";
      // One finding per current name of the number, each at its own number. They share the enum's
      // path, so without source info (all at file:1:1) they collapse into one, as in buf.
      for (const EnumValue* v : n.values) {
        if (v->d->number() != number) continue;
        Finding& f = r.report(exact_location(*v, {kEnumValueNumber}), n.full_name, message);
        f.hint = "keep the old name; to add a new one, set `option allow_alias = true;` and add the new name "
                 "as an alias of the same number";
      }
    }
  });
}

}  // namespace driftcheck::proto
