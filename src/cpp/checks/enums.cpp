// Enumerations: removed enumerators, changed values, changed underlying type.
#include <algorithm>
#include <map>

#include "cpp/checks/checks.h"

namespace driftcheck::cpp {

namespace {

void enumerators(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, o] : ctx.old_api.enums) {
    auto it = ctx.new_api.enums.find(name);
    if (it == ctx.new_api.enums.end()) continue;
    const Enum& n = it->second;
    // Enum::X names an enumerator of any enum since C++11; anonymous enums only have the scope.
    bool anonymous = name.find("(anonymous enum)") != std::string::npos;
    std::string scope = !anonymous ? name + "::" : parent_scope(name).empty() ? "" : parent_scope(name) + "::";
    auto named = [](const std::vector<Enumerator>& list, const std::string& n) {
      return std::find_if(list.begin(), list.end(), [&](const Enumerator& x) { return x.name == n; });
    };
    // A value that lost exactly one name and gained exactly one: a rename.
    std::map<int64_t, std::vector<const Enumerator*>> lost, gained;
    for (const Enumerator& e : o.enumerators)
      if (named(n.enumerators, e.name) == n.enumerators.end()) lost[e.value].push_back(&e);
    for (const Enumerator& e : n.enumerators)
      if (named(o.enumerators, e.name) == o.enumerators.end()) gained[e.value].push_back(&e);
    for (const Enumerator& e : o.enumerators) {
      auto now = named(n.enumerators, e.name);
      if (now == n.enumerators.end()) {
        auto to = gained.find(e.value);
        if (lost[e.value].size() == 1 && to != gained.end() && to->second.size() == 1) {
          const Enumerator& renamed = *to->second.front();
          r.changed("enumerator-removed", e.location, renamed.location, scope + e.name,
                    "enumerator " + q(scope + e.name) + " (" + std::to_string(e.value) + ") was renamed to " +
                        q(scope + renamed.name) + ": code that uses the old name no longer compiles")
              .hint = "keep the old name for a release as an alias of the same value: `" + e.name +
                      " [[deprecated]] = " + renamed.name + ",`";
          continue;
        }
        r.changed("enumerator-removed", e.location, n.location, scope + e.name,
                  "enumerator " + q(scope + e.name) + " (" + std::to_string(e.value) +
                      ") was removed: code that uses it no longer compiles");
      } else if (now->value != e.value) {
        r.changed("enumerator-value-changed", e.location, now->location, scope + e.name,
                  "enumerator " + q(scope + e.name) + " changed value from " + std::to_string(e.value) + " to " +
                      std::to_string(now->value) + ": binaries built with the old value send and compare the old one");
      }
    }
  }
}

void underlying_type(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, o] : ctx.old_api.enums) {
    auto it = ctx.new_api.enums.find(name);
    if (it == ctx.new_api.enums.end() || o.underlying == it->second.underlying) continue;
    if (name.find("(anonymous enum)") != std::string::npos) continue;  // several enums share the pseudo-enum
    r.changed("enum-underlying-type-changed", o.location, it->second.location, name,
              "the underlying type of enum " + q(name) + " changed from " + q(o.underlying.spelled) + " to " +
                  q(it->second.underlying.spelled) + ": its size or signedness changes");
  }
}

}  // namespace

std::vector<CppCheck> enum_checks() {
  return {
      {"enums", {"enumerator-removed", "enumerator-value-changed"}, enumerators},
      {"enums", {"enum-underlying-type-changed"}, underlying_type},
  };
}

}  // namespace driftcheck::cpp
