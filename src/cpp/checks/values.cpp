// Aliases, variables, compile-time constants, macros and class/alias template parameters.
#include "cpp/checks/checks.h"

namespace driftcheck::cpp {

namespace {

void typedef_targets(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, o] : ctx.old_api.typedefs) {
    auto it = ctx.new_api.typedefs.find(name);
    if (it == ctx.new_api.typedefs.end() || o.target == it->second.target || access_rank(o.access) == 2) continue;
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
    // `(1<<3)` and `(1L << 3)` are the same number: compare what the compiler computes.
    std::optional<IntValue> before = ctx.old_constants.evaluate(o.value), after = ctx.new_constants.evaluate(it->second.value);
    if (before && after && *before == *after) continue;
    bool spelled_as_value = [&] {
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
      {"values", {"macro-value-changed"}, macros},
      {"values", {"template-parameters-changed"}, templates},
  };
}

}  // namespace driftcheck::cpp
