// The check families, one file each under checks/. check.cpp lists them.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "cpp/check.h"

namespace driftcheck::cpp {

std::vector<CppCheck> removal_checks();   // removals.cpp
std::vector<CppCheck> function_checks();  // functions.cpp
std::vector<CppCheck> class_checks();     // classes.cpp: final, virtuals, bases
std::vector<CppCheck> layout_checks();    // layout.cpp: fields, size, alignment
std::vector<CppCheck> enum_checks();      // enums.cpp
std::vector<CppCheck> value_checks();     // values.cpp: typedefs, variables, constants, macros, templates
std::vector<CppCheck> namespace_checks(); // namespaces.cpp: inline (ABI version) namespaces

inline std::vector<CppCheck> all_cpp_checks() {
  std::vector<CppCheck> all;
  for (auto family : {removal_checks, function_checks, class_checks, layout_checks, enum_checks, value_checks, namespace_checks})
    for (CppCheck& c : family()) all.push_back(std::move(c));
  return all;
}

// `name` in backquotes, for messages.
inline std::string q(const std::string& s) { return "`" + s + "`"; }

// "from `A` to `B`" for a type change: as written, unless both read the same (an alias whose
// target changed), then what they are.
inline std::string from_to(const Type& before, const Type& after) {
  bool same = before.spelled == after.spelled;
  return "from " + q(same ? before.canonical : before.spelled) + " to " + q(same ? after.canonical : after.spelled);
}

// What the new headers still provide under a name the old ones declared in another form: a
// macro (`#define OLD NEW`, the usual compatibility alias), a type alias, a type, an enumerator
// or a variable. `value` is its integer value where it has one.
struct StillNamed {
  std::string what;  // "a macro (`#define OLD NEW`)", for messages
  std::optional<IntValue> value;
  Location where;
};
std::optional<StillNamed> still_named(const CheckContext& ctx, const std::string& name);

// Reports `name-kept-as-alias` (info) for a removed `what` (with `old_value`, if it had one)
// that the new headers still provide; a value that changed is reported as `changed_id`.
// Returns false when nothing answers to the name.
// `enum_type`: for an enumerator of a named enum that the new headers still have.
bool report_if_kept(const CheckContext& ctx, Reporter& r, const std::string& name, const std::string& what,
                    const Location& old_where, std::optional<IntValue> old_value, std::string_view changed_id,
                    const Enum* enum_type = nullptr);

// The name a type is written with, without qualifiers, pointers or references:
// `const curl_mime *` -> `curl_mime`.
std::string base_name(std::string spelled);

// A type written the same on both sides whose meaning changed only because the alias it is
// written with now names another type: reported once, at the alias (typedef-target-changed),
// not at every declaration that uses it.
bool changed_only_through_alias(const CheckContext& ctx, const Type& before, const Type& after);

// Calls fn(old, new) for each record complete on both sides and not private in the old API.
template <class Fn>
void for_each_record_pair(const CheckContext& ctx, Fn fn) {
  for (const auto& [name, o] : ctx.old_api.records) {
    auto it = ctx.new_api.records.find(name);
    if (it == ctx.new_api.records.end() || !o.is_complete || !it->second.is_complete) continue;
    if (access_rank(o.access) == 2) continue;
    fn(o, it->second);
  }
}

}  // namespace driftcheck::cpp
