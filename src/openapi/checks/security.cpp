// Security requirements (global and per operation) and security scheme components; webhooks
// added or removed.
#include <algorithm>
#include <map>
#include <set>

#include "openapi/checks/checks.h"

namespace driftcheck::openapi {

namespace {

// One alternative of a security list: scheme -> scopes (AND of schemes).
using Alternative = std::map<std::string, std::set<std::string>>;

std::vector<Alternative> alternatives(const Json* list) {
  std::vector<Alternative> out;
  if (!list || !list->is_array()) return out;
  for (const Json& req : *list) {
    if (!req.is_object()) continue;
    Alternative a;
    for (auto it = req.begin(); it != req.end(); ++it) {
      auto& scopes = a[it.key()];
      if (it->is_array())
        for (const Json& s : *it)
          if (s.is_string()) scopes.insert(s.get<std::string>());
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::set<std::string> scheme_names(const Alternative& a) {
  std::set<std::string> out;
  for (const auto& [k, _] : a) out.insert(k);
  return out;
}

std::string render(const Alternative& a) {
  std::string out;
  for (const auto& [scheme, scopes] : a) {
    if (!out.empty()) out += " AND ";
    out += scheme;
    if (scopes.empty()) continue;
    out += ": [";
    bool first = true;
    for (const std::string& s : scopes) {
      out += (first ? "" : ", ") + s;
      first = false;
    }
    out += "]";
  }
  return out.empty() ? "(no authentication)" : out;
}

struct ScopeChange {
  std::string scheme, scope;
  bool added;
};

struct SecurityDiff {
  std::vector<Alternative> added, deleted;
  std::vector<ScopeChange> scopes;
};

SecurityDiff diff_security(std::vector<Alternative> before, std::vector<Alternative> after) {
  SecurityDiff d;
  // 1. identical alternatives cancel
  for (auto it = before.begin(); it != before.end();) {
    auto same = std::find(after.begin(), after.end(), *it);
    if (same != after.end()) {
      after.erase(same);
      it = before.erase(it);
    } else {
      ++it;
    }
  }
  // 2. alternatives whose scheme set is unique on both sides pair up; their scopes are diffed
  auto count = [](const std::vector<Alternative>& list, const std::set<std::string>& names) {
    size_t n = 0;
    for (const Alternative& a : list) n += scheme_names(a) == names;
    return n;
  };
  std::vector<bool> new_used(after.size(), false);
  for (const Alternative& o : before) {
    std::set<std::string> names = scheme_names(o);
    size_t match = after.size();
    if (count(before, names) == 1 && count(after, names) == 1)
      for (size_t i = 0; i < after.size(); ++i)
        if (scheme_names(after[i]) == names) match = i;
    if (match == after.size()) {
      d.deleted.push_back(o);
      continue;
    }
    new_used[match] = true;
    for (const auto& [scheme, scopes] : o) {
      const auto& now = after[match].at(scheme);
      for (const std::string& s : scopes)
        if (!now.count(s)) d.scopes.push_back({scheme, s, false});
      for (const std::string& s : now)
        if (!scopes.count(s)) d.scopes.push_back({scheme, s, true});
    }
  }
  // 3. the rest is added
  for (size_t i = 0; i < after.size(); ++i)
    if (!new_used[i]) d.added.push_back(after[i]);
  return d;
}

const Json* member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

Location root_location(const Spec& spec, const char* key) {
  const Json* node = member(spec.root(), key);
  return spec.location(node ? *node : spec.root(), spec.doc());
}

// OAuth flows of a security scheme, by flow kind: OpenAPI 3 `flows`, or Swagger 2's single
// `flow` with its fields on the scheme itself.
std::map<std::string, const Json*> oauth_flows(const Json& scheme) {
  std::map<std::string, const Json*> out;
  if (const Json* flows = member(scheme, "flows"); flows && flows->is_object()) {
    for (auto it = flows->begin(); it != flows->end(); ++it) out[it.key()] = &it.value();
  } else if (std::string flow = string_member(scheme, "flow"); !flow.empty()) {
    static const std::map<std::string, std::string> kinds = {
        {"implicit", "implicit"}, {"password", "password"}, {"application", "clientCredentials"},
        {"accessCode", "authorizationCode"}};
    auto k = kinds.find(flow);
    out[k == kinds.end() ? flow : k->second] = &scheme;
  }
  return out;
}

// "`a` or `b, c`": the alternatives of a list.
std::string render_list(const std::vector<Alternative>& list) {
  std::string out;
  for (const Alternative& a : list) out += (out.empty() ? "`" : " or `") + render(a) + "`";
  return out;
}

}  // namespace

void api_security_updated_check(const CheckContext& ctx, Reporter& r) {
  // Global requirements.
  {
    SecurityDiff d = diff_security(alternatives(member(ctx.old_spec.root(), "security")),
                                   alternatives(member(ctx.new_spec.root(), "security")));
    Location where = root_location(ctx.new_spec, "security");
    for (const Alternative& a : d.added)
      r.report("api-global-security-added", where, "",
               "the global security requirement `" + render(a) + "` was added");
    for (const Alternative& a : d.deleted)
      r.report("api-global-security-removed", where, "",
               "the global security requirement `" + render(a) + "` was removed");
    for (const ScopeChange& s : d.scopes)
      r.report(s.added ? "api-global-security-scope-added" : "api-global-security-scope-removed", where, "",
               "the scope `" + s.scope + "` was " + (s.added ? "added to" : "removed from") +
                   " the global security scheme `" + s.scheme + "`");
  }
  for (const auto& [o, n] : ctx.match.pairs) {
    if (hidden_by_stability(*o, *n)) continue;
    SecurityDiff d = diff_security(alternatives(member(*o->node, "security")), alternatives(member(*n->node, "security")));
    std::string label = operation_label(o->method, o->path);
    Location where = ctx.new_spec.location(*n->node, *n->doc);
    for (const Alternative& a : d.added)
      r.report("api-security-added", where, label, "the security requirement `" + render(a) + "` was added to `" + label + "`");
    for (const Alternative& a : d.deleted)
      r.report("api-security-removed", where, label,
               "the security requirement `" + render(a) + "` was removed from `" + label + "`");
    for (const ScopeChange& s : d.scopes)
      r.report(s.added ? "api-security-scope-added" : "api-security-scope-removed", where, label,
               "the scope `" + s.scope + "` of security scheme `" + s.scheme + "` was " +
                   (s.added ? "added to `" : "removed from `") + label + "`");
  }
}

void api_components_security_updated_check(const CheckContext& ctx, Reporter& r) {
  auto schemes_of = [](const Spec& spec) {
    std::map<std::string, std::pair<const Json*, const Document*>> out;
    const Json* container = spec.major == 2 ? member(spec.root(), "securityDefinitions")
                                            : [&]() -> const Json* {
      const Json* c = member(spec.root(), "components");
      return c ? member(*c, "securitySchemes") : nullptr;
    }();
    if (!container || !container->is_object()) return out;
    for (auto it = container->begin(); it != container->end(); ++it) {
      auto t = spec.resolver->resolve(it.value(), spec.doc());
      out[it.key()] = {t.node, t.doc};
    }
    return out;
  };
  auto before = schemes_of(ctx.old_spec), after = schemes_of(ctx.new_spec);
  auto report = [&](const char* id, const std::pair<const Json*, const Document*>& at, const Spec& spec,
                    std::string message) {
    Finding& f = r.report(id, spec.location(*at.first, *at.second), "", std::move(message));
    return &f;
  };
  for (const auto& [name, scheme] : before)
    if (!after.count(name))
      r.report_removed("api-security-component-removed", ctx.old_spec.location(*scheme.first, *scheme.second),
                       ctx.new_spec.major == 2 ? surviving_container(ctx.new_spec, {"securityDefinitions"})
                                               : surviving_container(ctx.new_spec, {"components", "securitySchemes"}),
                       "", "the security scheme `" + name + "` was removed");
  for (const auto& [name, scheme] : after) {
    auto old = before.find(name);
    if (old == before.end()) {
      report("api-security-component-added", scheme, ctx.new_spec, "the security scheme `" + name + "` was added");
      continue;
    }
    const Json& o = *old->second.first;
    const Json& n = *scheme.first;
    std::string old_type = string_member(o, "type"), new_type = string_member(n, "type");
    if (old_type != new_type)
      report("api-security-component-type-changed", scheme, ctx.new_spec,
             "the type of security scheme `" + name + "` changed from `" + old_type + "` to `" + new_type + "`");
    auto old_flows = oauth_flows(o), new_flows = oauth_flows(n);
    for (const auto& [kind, nf] : new_flows) {
      auto of = old_flows.find(kind);
      if (of == old_flows.end()) continue;
      const Json& a = *of->second;
      const Json& b = *nf;
      std::string where = "the `" + kind + "` flow of security scheme `" + name + "`";
      if (string_member(a, "authorizationUrl") != string_member(b, "authorizationUrl"))
        report("api-security-component-oauth-url-changed", scheme, ctx.new_spec,
               "the authorization URL of " + where + " changed to `" + string_member(b, "authorizationUrl") + "`");
      if (string_member(a, "tokenUrl") != string_member(b, "tokenUrl"))
        report("api-security-component-oauth-token-url-changed", scheme, ctx.new_spec,
               "the token URL of " + where + " changed to `" + string_member(b, "tokenUrl") + "`");
      const Json* sa = member(a, "scopes");
      const Json* sb = member(b, "scopes");
      static const Json empty = Json::object();
      if (!sa || !sa->is_object()) sa = &empty;
      if (!sb || !sb->is_object()) sb = &empty;
      for (auto it = sa->begin(); it != sa->end(); ++it) {
        auto now = sb->find(it.key());
        if (now == sb->end())
          report("api-security-component-oauth-scope-removed", scheme, ctx.new_spec,
                 "the scope `" + it.key() + "` was removed from " + where);
        else if (*now != it.value())
          report("api-security-component-oauth-scope-changed", scheme, ctx.new_spec,
                 "the description of scope `" + it.key() + "` of " + where + " changed");
      }
      for (auto it = sb->begin(); it != sb->end(); ++it)
        if (!sa->contains(it.key()))
          report("api-security-component-oauth-scope-added", scheme, ctx.new_spec,
                 "the scope `" + it.key() + "` was added to " + where);
    }
  }
}

void webhook_updated_check(const CheckContext& ctx, Reporter& r) {
  const Json* before = member(ctx.old_spec.root(), "webhooks");
  const Json* after = member(ctx.new_spec.root(), "webhooks");
  static const Json empty = Json::object();
  if (!before || !before->is_object()) before = &empty;
  if (!after || !after->is_object()) after = &empty;
  for (auto it = before->begin(); it != before->end(); ++it)
    if (!after->contains(it.key())) {
      Finding& f = r.report_removed("webhook-removed", ctx.old_spec.location(it.value(), ctx.old_spec.doc()),
                                    surviving_container(ctx.new_spec, {"webhooks"}), "",
                                    "the webhook `" + it.key() + "` was removed: subscribers stop receiving its calls");
      f.hint = "keep the webhook, deprecate its operations first, and remove it in a later release";
    }
  for (auto it = after->begin(); it != after->end(); ++it)
    if (!before->contains(it.key()))
      r.report("webhook-added", ctx.new_spec.location(it.value(), ctx.new_spec.doc()), "",
               "the webhook `" + it.key() + "` was added");
}

// What an operation requires: its own `security`, else the document's. Callable without
// credentials when that list is absent or empty, or offers `{}` as an alternative.
void api_security_required_added_check(const CheckContext& ctx, Reporter& r) {
  auto effective = [](const Spec& spec, const Operation& op) {
    const Json* own = member(*op.node, "security");
    return std::pair{own ? own : member(spec.root(), "security"), own == nullptr};
  };
  auto anonymous = [](const Json* list) {
    std::vector<Alternative> all = alternatives(list);
    return all.empty() || std::any_of(all.begin(), all.end(), [](const Alternative& a) { return a.empty(); });
  };
  std::vector<std::string> by_global;  // operations that now require what the document requires
  for (const auto& [o, n] : ctx.match.pairs) {
    auto [before, _] = effective(ctx.old_spec, *o);
    auto [after, from_global] = effective(ctx.new_spec, *n);
    if (!anonymous(before) || anonymous(after)) continue;
    std::string label = operation_label(o->method, o->path);
    if (from_global) {
      by_global.push_back(label);
      continue;
    }
    Finding& f = r.report("api-security-required-added", ctx.new_spec.location(*n->node, *n->doc), label,
                          "`" + label + "` now requires credentials (" + render_list(alternatives(after)) +
                              "): clients that call it without any are rejected");
    f.hint = "offer `{}` as an alternative in `security` until every client sends credentials";
  }
  if (by_global.empty()) return;
  size_t count = by_global.size();
  Finding& f = r.report("api-security-required-added", root_location(ctx.new_spec, "security"), by_global.front(),
                        std::string(count == 1 ? "took no credentials and now requires them"
                                               : "these took no credentials and now require them") +
                            " through the global `security` (" +
                            render_list(alternatives(member(ctx.new_spec.root(), "security"))) +
                            "): clients that call without any are rejected");
  f.hint = "offer `{}` as an alternative in `security` until every client sends credentials";
  if (count > 1) f.operations = std::move(by_global);
}

}  // namespace driftcheck::openapi
