// Aliases, variables, compile-time constants, macros and class/alias template parameters.
#include <algorithm>
#include <cctype>

#include "cpp/checks/checks.h"

namespace driftcheck::cpp {

namespace {

}  // namespace

std::string base_name(std::string s) {
  for (std::string_view word : {"const ", "volatile ", "struct ", "union ", "enum ", "class "})
    for (size_t at; (at = s.find(word)) != std::string::npos;) s.erase(at, word.size());
  for (bool again = true; again;) {
    again = false;
    while (!s.empty() && (s.back() == '*' || s.back() == '&' || s.back() == ' ')) s.pop_back(), again = true;
    for (std::string_view word : {" const", " volatile"})
      if (s.size() >= word.size() && s.compare(s.size() - word.size(), word.size(), word) == 0)
        s.erase(s.size() - word.size()), again = true;
  }
  return s;
}

bool changed_only_through_alias(const CheckContext& ctx, const Type& before, const Type& after) {
  if (before.spelled != after.spelled || before == after) return false;
  std::string alias = base_name(before.spelled);
  auto o = ctx.old_api.typedefs.find(alias), n = ctx.new_api.typedefs.find(alias);
  return o != ctx.old_api.typedefs.end() && n != ctx.new_api.typedefs.end() && !(o->second.target == n->second.target);
}

namespace {

// `typedef struct curl_mime_s curl_mime;` became `typedef struct curl_mime curl_mime;`: the
// struct was renamed behind the alias users are meant to write. Nothing else declared the old
// struct's name in the new headers, nothing declared the new one in the old.
bool renamed_behind_alias(const CheckContext& ctx, const Typedef& o, const Typedef& n) {
  const std::string &a = base_name(o.target.canonical), &b = base_name(n.target.canonical);
  return a != b && ctx.old_api.records.count(a) && ctx.new_api.records.count(b) && !ctx.new_api.records.count(a) &&
         !ctx.old_api.records.count(b);
}

void typedef_targets(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, o] : ctx.old_api.typedefs) {
    auto it = ctx.new_api.typedefs.find(name);
    if (it == ctx.new_api.typedefs.end() || o.target == it->second.target || access_rank(o.access) == 2) continue;
    if (renamed_behind_alias(ctx, o, it->second)) {
      std::string before = o.target.spelled, after = it->second.target.spelled;
      if (before == after) before = base_name(o.target.canonical), after = base_name(it->second.target.canonical);
      Finding& f = r.changed("typedef-target-changed", o.location, it->second.location, name,
                             "type alias " + q(name) + " now names " + q(after) + " instead of " + q(before) +
                                 ", which was renamed: code that writes " + q(name) +
                                 " is unaffected, but code that names " + q(before) + " itself no longer compiles");
      f.severity = Severity::warning;
      f.breaks = breaks_source;
      continue;
    }
    r.changed("typedef-target-changed", o.location, it->second.location, name,
              "type alias " + q(name) + " changed " + from_to(o.target, it->second.target) +
                  ": every declaration that uses it changes type");
  }
}

void variables(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, o] : ctx.old_api.variables) {
    auto it = ctx.new_api.variables.find(name);
    if (it == ctx.new_api.variables.end() || access_rank(o.access) == 2) continue;
    const Variable& n = it->second;
    if (!(o.type == n.type))
      r.changed("variable-type-changed", o.location, n.location, name,
                "variable " + q(name) + " changed type " + from_to(o.type, n.type) +
                    ": code that uses it reads and writes it as the old type");
    else if (o.value && n.value && *o.value != *n.value)
      r.changed("constant-value-changed", o.location, n.location, name,
                "constant " + q(name) + " changed from " + *o.value + " to " + *n.value +
                    ": binaries built against the old headers keep the old value");
  }
}

void macros(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, o] : ctx.old_api.macros) {
    auto it = ctx.new_api.macros.find(name);
    if (it == ctx.new_api.macros.end() || it->second.value == o.value) continue;
    // A function-like macro is code, not a value: its body may change freely. One that no
    // longer takes the same parameters breaks every use.
    if (o.params || it->second.params) {
      auto arity = [](const Macro& m) {
        return !m.params ? -1L : m.params->empty() ? 0L : 1L + std::count(m.params->begin(), m.params->end(), ',');
      };
      if (arity(o) != arity(it->second))
        r.changed("macro-parameters-changed", o.location, it->second.location, name,
                  "macro " + q(name) + " changed from " + q(o.params ? name + "(" + *o.params + ")" : name) + " to " +
                      q(it->second.params ? name + "(" + *it->second.params + ")" : name) +
                      ": code that uses it as before no longer compiles");
      continue;
    }
    // `(1<<3)` and `(1L << 3)` are the same number: compare what the compiler computes.
    std::optional<IntValue> before = ctx.old_constants.evaluate(o.value), after = ctx.new_constants.evaluate(it->second.value);
    if (before && after && *before == *after) continue;
    bool spelled_as_value = [&, &o = o] {
      if (!before || !after) return false;
      return o.value == before->str() && it->second.value == after->str();
    }();
    std::string values = before && after && !spelled_as_value ? " (" + before->str() + " to " + after->str() + ")" : "";
    r.changed("macro-value-changed", o.location, it->second.location, name,
              "macro " + q(name) + " changed from " + q(o.value) + " to " + q(it->second.value) + values +
                  ": code compiled against the old headers keeps the old value");
  }
}

void templates(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, o] : ctx.old_api.records) {
    auto it = ctx.new_api.records.find(name);
    if (it == ctx.new_api.records.end() || o.template_params == it->second.template_params) continue;
    r.changed("template-parameters-changed", o.location, it->second.location, name,
              "template parameters of " + q(name) + " changed: user code that names or instantiates it no longer fits");
  }
  for (const auto& [name, o] : ctx.old_api.typedefs) {
    auto it = ctx.new_api.typedefs.find(name);
    if (it == ctx.new_api.typedefs.end() || o.template_params == it->second.template_params) continue;
    r.changed("template-parameters-changed", o.location, it->second.location, name,
              "template parameters of alias " + q(name) + " changed: user code that instantiates it no longer fits");
  }
}

}  // namespace

std::vector<CppCheck> value_checks() {
  return {
      {"values", {"typedef-target-changed"}, typedef_targets},
      {"values", {"variable-type-changed", "constant-value-changed"}, variables},
      {"values", {"macro-value-changed", "macro-parameters-changed"}, macros},
      {"values", {"template-parameters-changed"}, templates},
  };
}

}  // namespace driftcheck::cpp
