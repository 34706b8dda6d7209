// Inline namespaces used as ABI versions (`inline namespace v2 { ... }`): users write
// `lib::X` whatever the version, and entities are matched that way, so moving to another
// version is one finding for the namespace, not one per entity.
#include <set>

#include "cpp/checks/checks.h"

namespace driftcheck::cpp {

namespace {

// Inline namespaces by the scope users name them through: "lib" -> {"lib::v9"}.
std::map<std::string, std::set<std::string>> inline_by_scope(const Api& api) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& [name, ns] : api.namespaces)
    if (ns.is_inline) out[parent_scope(name)].insert(name);
  return out;
}

std::string listed(const std::set<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + q(n);
  return out;
}

void inline_namespaces(const CheckContext& ctx, Reporter& r) {
  auto before = inline_by_scope(ctx.old_api), after = inline_by_scope(ctx.new_api);
  std::set<std::string> scopes;
  for (const auto& [scope, _] : before) scopes.insert(scope);
  for (const auto& [scope, _] : after) scopes.insert(scope);
  for (const std::string& scope : scopes) {
    const std::set<std::string>& o = before[scope];
    const std::set<std::string>& n = after[scope];
    if (o == n) continue;
    // The scope must exist on both sides: a library that appears or goes is not this change.
    bool old_scope = scope.empty() || ctx.old_api.namespaces.count(scope), new_scope = scope.empty() || ctx.new_api.namespaces.count(scope);
    if (!old_scope || !new_scope) continue;
    std::string shown = scope.empty() ? "the global namespace" : q(scope);
    std::string what = o.empty()   ? "the members of " + shown + " moved into inline namespace " + listed(n)
                       : n.empty() ? "the members of " + shown + " moved out of inline namespace " + listed(o)
                                   : "the inline namespace of " + shown + " changed from " + listed(o) + " to " + listed(n);
    Location old_where = o.empty() ? ctx.old_api.namespaces.count(scope) ? ctx.old_api.namespaces.at(scope).location : Location{}
                                   : ctx.old_api.namespaces.at(*o.begin()).location;
    Location new_where = n.empty() ? ctx.new_api.namespaces.count(scope) ? ctx.new_api.namespaces.at(scope).location : Location{}
                                   : ctx.new_api.namespaces.at(*n.begin()).location;
    r.changed("inline-namespace-changed", old_where, new_where, n.empty() ? *o.begin() : *n.begin(),
              what + ": source code is unaffected (users write " + (scope.empty() ? std::string("the names") : q(scope + "::...")) +
                  "), but the mangled name of every function, variable and type in it changes, so binaries built "
                  "against the old headers no longer link, and code built against the two versions cannot share its types");
  }
}

}  // namespace

std::vector<CppCheck> namespace_checks() {
  return {{"namespaces", {"inline-namespace-changed"}, inline_namespaces}};
}

}  // namespace driftcheck::cpp
