// Enumerations: removed enumerators, changed values, changed underlying type.
#include <algorithm>
#include <cctype>
#include <map>

#include "cpp/checks/checks.h"

namespace driftcheck::cpp {

namespace {

// `FOO_COUNT`, `FOO_LAST`, `FOO_MAX`, `FOO_END`, `kCount`: the name marks a count or an end.
bool sentinel_name(const std::string& name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!lower.empty() && lower.back() == '_') lower.pop_back();
  size_t cut = lower.find_last_of('_');
  std::string last_word = cut == std::string::npos ? lower : lower.substr(cut + 1);
  if (last_word.rfind("last", 0) == 0) return true;  // _LAST, _LASTENTRY, _LASTONE
  for (const char* word : {"count", "max", "end", "num", "total", "sentinel", "limit"}) {
    std::string w = word;
    if (last_word == w) return true;
    // camelCase: kCount, kMaxValue is not one, kEnd is
    if (cut == std::string::npos && lower.size() > w.size() && lower.compare(lower.size() - w.size(), w.size(), w) == 0 &&
        std::isupper(static_cast<unsigned char>(name[name.size() - w.size()])))
      return true;
  }
  return false;
}

// A count or end marker that moved because enumerators were added before it: it is the last
// enumerator on both sides, and the new enum has names the old one did not.
bool is_sentinel(const Enumerator& e, const Enum& o, const Enum& n) {
  // A trailing dummy (`_dummy_for_c89`) may follow the marker: it is the last or last but one.
  auto at_end = [&](const Enum& en) {
    size_t count = en.enumerators.size();
    return (count >= 1 && en.enumerators[count - 1].name == e.name) ||
           (count >= 2 && en.enumerators[count - 2].name == e.name);
  };
  if (!sentinel_name(e.name) || !at_end(o) || !at_end(n)) return false;
  for (const Enumerator& x : n.enumerators)
    if (std::none_of(o.enumerators.begin(), o.enumerators.end(), [&](const Enumerator& y) { return y.name == x.name; }))
      return true;
  return false;
}

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
        // Kept under its name as a macro or in another enum (only unscoped names reach there).
        if (!o.is_scoped && report_if_kept(ctx, r, e.name, "enumerator", e.location, IntValue{e.value, 32, false},
                                           "enumerator-value-changed", anonymous ? nullptr : &n))
          continue;
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
      } else if (now->value != e.value && is_sentinel(e, o, n)) {
        r.changed("sentinel-enumerator-value-changed", e.location, now->location, scope + e.name,
                  "enumerator " + q(scope + e.name) + " changed value from " + std::to_string(e.value) + " to " +
                      std::to_string(now->value) + ", as the last enumerator after new ones were added before it: "
                      "binaries that use it as a count or bound keep the old one");
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
      {"enums", {"enumerator-removed", "enumerator-value-changed", "sentinel-enumerator-value-changed", "name-kept-as-alias"}, enumerators},
      {"enums", {"enum-underlying-type-changed"}, underlying_type},
  };
}

}  // namespace driftcheck::cpp
