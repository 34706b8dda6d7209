// Enum rules: values are identified by number within their enum.
#include "proto/rules/rules.h"

namespace driftcheck::proto {

namespace {

std::vector<std::string_view> names_of(const Enum& e, int32_t number) {
  std::vector<std::string_view> out;
  for (const EnumValue* v : e.values)
    if (v->d->number() == number) out.push_back(v->d->name());
  std::sort(out.begin(), out.end());
  return out;
}

std::string join(const std::vector<std::string_view>& names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : ", ") + quote(n);
  return out;
}

}  // namespace

void check_enum_value_no_delete(const CheckContext& ctx, Reporter& r) {
  for_each_enum_pair(ctx, [&](const Enum& o, const Enum& n) {
    for (const EnumValue* v : o.values) {
      if (!names_of(n, v->d->number()).empty()) continue;
      if (names_of(o, v->d->number()).front() != v->d->name()) continue;  // report an alias group once
      Finding& f = r.report(location_of(n), v,
                            "enum value " + std::to_string(v->d->number()) + " " + quote(v->d->name()) +
                                " was deleted from enum " + quote(n.full_name));
      f.hint = "keep the value and mark it `[deprecated = true]`; old peers still send it";
    }
  });
}

void check_enum_value_same_name(const CheckContext& ctx, Reporter& r) {
  for_each_enum_pair(ctx, [&](const Enum& o, const Enum& n) {
    for (const EnumValue* v : n.values) {
      auto before = names_of(o, v->d->number());
      if (before.empty()) continue;
      auto after = names_of(n, v->d->number());
      if (before == after) continue;
      Finding& f = r.report(location_of(*v, {2}), v,
                            "enum value " + std::to_string(v->d->number()) + " of enum " + quote(n.full_name) +
                                " was renamed from " + join(before) + " to " + join(after) +
                                ": JSON and text format carry the name, and generated code uses it");
      f.path = v->full_name;
      f.old_location.reset();
      f.hint = "keep the old name; to add a new one, use `option allow_alias = true;` and add the new name as an alias";
    }
  });
}

}  // namespace driftcheck::proto
