#include "cpp/check.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "core/rule_docs.h"
#include "cpp/checks/checks.h"

namespace driftcheck::cpp {

bool gained_defaulted_parameters(const Function& o, const Function& n) {
  if (n.params.size() <= o.params.size() || o.is_variadic != n.is_variadic) return false;
  for (size_t i = 0; i < n.params.size(); ++i)
    if (i < o.params.size() ? !(o.params[i].type == n.params[i].type) : !n.params[i].has_default) return false;
  return true;
}

namespace {

// `type-parameter-1-0`, a template parameter of the level that `n` deduces.
bool is_deduced(std::string_view t, const std::string& level) {
  std::string prefix = "type-parameter-" + level + "-";
  return t.size() > prefix.size() && t.compare(0, prefix.size(), prefix) == 0 &&
         std::all_of(t.begin() + static_cast<long>(prefix.size()), t.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// `X` from `X` or `const X &`: what a call passes by value or by const reference.
std::optional<std::string> passed_as_value(const std::string& t) {
  auto ends = [&](const char* s) { return t.size() >= std::strlen(s) && t.compare(t.size() - std::strlen(s), std::strlen(s), s) == 0; };
  if (t.rfind("const ", 0) == 0 && ends(" &") && !ends("&&")) return t.substr(6, t.size() - 8);
  if (ends("&") || ends("*")) return std::nullopt;
  return t;
}

// `ns::name<a, b<c>>` -> {"ns::name", {"a", "b<c>"}}; nothing for a name without arguments.
std::optional<std::pair<std::string, std::vector<std::string>>> template_arguments(const std::string& t) {
  size_t open = t.find('<');
  if (open == std::string::npos || t.back() != '>') return std::nullopt;
  std::pair<std::string, std::vector<std::string>> out{t.substr(0, open), {}};
  int depth = 0;
  std::string arg;
  for (size_t i = open + 1; i + 1 < t.size(); ++i) {
    char c = t[i];
    depth += c == '<' ? 1 : c == '>' ? -1 : 0;
    if (c == ',' && depth == 0) {
      out.second.push_back(arg);
      arg.clear();
    } else if (!(c == ' ' && arg.empty())) {
      arg += c;
    }
  }
  out.second.push_back(arg);
  return out;
}

bool same_unqualified(const std::string& a, const std::string& b) {
  auto last = [](const std::string& s) { return s.rfind("::") == std::string::npos ? s : s.substr(s.rfind("::") + 2); };
  return last(a) == last(b);
}

// `name<args>` whose every argument is deduced (or a template template parameter, which
// canonical spellings leave empty) accepts any `ns::name<...>`.
bool instance_of(const std::string& o, const std::string& n, const std::string& level) {
  auto pattern = template_arguments(n), instance = template_arguments(o);
  if (!pattern || !instance || !same_unqualified(pattern->first, instance->first)) return false;
  return std::all_of(pattern->second.begin(), pattern->second.end(),
                     [&](const std::string& arg) { return arg.empty() || is_deduced(arg, level); });
}

bool parameter_accepts(const std::string& o, const std::string& n, const std::string& level) {
  if (o == n) return true;
  if (level.empty()) return false;
  if (n.size() > 3 && n.compare(n.size() - 3, 3, " &&") == 0 && is_deduced(n.substr(0, n.size() - 3), level))
    return true;  // a forwarding reference takes anything
  auto ov = passed_as_value(o), nv = passed_as_value(n);
  if (ov && nv) return *ov == *nv || is_deduced(*nv, level) || instance_of(*ov, *nv, level);
  auto lvalue = [](const std::string& t) { return t.size() > 2 && t.compare(t.size() - 2, 2, " &") == 0 && t[t.size() - 3] != '&'; };
  if (lvalue(o) && lvalue(n)) return instance_of(o.substr(0, o.size() - 2), n.substr(0, n.size() - 2), level);
  return false;
}

}  // namespace

bool covered_by_partial_specialization(const std::string& old_name, const Api& old_api, const Api& new_api) {
  auto instance = template_arguments(old_name);
  if (!instance) return false;
  for (std::string& arg : instance->second)  // `hash<json>` is `hash<basic_json<>>`
    if (auto t = old_api.typedefs.find(arg); t != old_api.typedefs.end()) arg = t->second.target.canonical;
  for (auto it = new_api.records.lower_bound(instance->first + "<");
       it != new_api.records.end() && it->first.compare(0, instance->first.size() + 1, instance->first + "<") == 0; ++it) {
    auto pattern = template_arguments(it->first);
    if (it->second.template_params.empty() || !pattern || pattern->second.size() != instance->second.size()) continue;
    bool matches = true;
    for (size_t i = 0; i < pattern->second.size() && matches; ++i)
      matches = pattern->second[i] == instance->second[i] || is_deduced(pattern->second[i], "0") ||
                instance_of(instance->second[i], pattern->second[i], "0");
    if (matches) return true;
  }
  return false;
}

bool accepts_every_call(const Function& o, const Function& n, const Api& new_api) {
  if (o.key() == n.key() || o.name != n.name || o.is_variadic != n.is_variadic || n.params.size() < o.params.size() ||
      o.is_static != n.is_static || (o.is_const && !n.is_const) || (!n.ref_qualifier.empty() && n.ref_qualifier != o.ref_qualifier))
    return false;
  // The level of `n`'s own template parameters: 1 inside a class template, 0 elsewhere.
  std::string level;
  if (!n.template_params.empty()) {
    auto parent = new_api.records.find(n.parent);
    level = parent != new_api.records.end() && !parent->second.template_params.empty() ? "1" : "0";
  }
  for (size_t i = 0; i < n.params.size(); ++i) {
    if (i >= o.params.size()) {
      if (!n.params[i].has_default) return false;
      continue;
    }
    if ((o.params[i].has_default && !n.params[i].has_default) ||
        !parameter_accepts(o.params[i].type.canonical, n.params[i].type.canonical, level))
      return false;
  }
  return true;
}

FunctionMatch match_functions(const Api& old_api, const Api& new_api) {
  FunctionMatch m;
  std::unordered_map<std::string, std::vector<const Function*>> old_left, new_left;  // by name
  for (const auto& [key, f] : old_api.functions) {
    auto it = new_api.functions.find(key);
    if (it != new_api.functions.end()) m.pairs.emplace_back(&f, &it->second);
    else old_left[f.name].push_back(&f);
  }
  for (const auto& [key, f] : new_api.functions)
    if (!old_api.functions.count(key)) new_left[f.name].push_back(&f);
  for (auto& [name, olds] : old_left) {
    auto it = new_left.find(name);
    // One overload that another takes over is no signature change: the old calls resolve to it.
    auto taker = [&](const Function& o) -> const Function* {
      for (auto n = new_api.functions.lower_bound(o.name + "("); n != new_api.functions.end() && n->second.name == o.name; ++n)
        if (accepts_every_call(o, n->second, new_api)) return &n->second;
      return nullptr;
    };
    if (olds.size() == 1 && it != new_left.end() && it->second.size() == 1) {
      if (const Function* n = taker(*olds.front()); n && n->template_params != olds.front()->template_params) {
        m.taken_over.emplace_back(olds.front(), n);
        continue;
      }
      m.pairs.emplace_back(olds.front(), it->second.front());
      new_left.erase(it);
      continue;
    }
    // Among several overloads: the one that kept the old parameters and gained defaulted ones.
    std::vector<const Function*> none;
    std::vector<const Function*>& news = it == new_left.end() ? none : it->second;
    for (const Function* o : olds) {
      auto extended = std::find_if(news.begin(), news.end(), [&](const Function* n) { return gained_defaulted_parameters(*o, *n); });
      if (extended == news.end()) {
        if (const Function* n = taker(*o)) m.taken_over.emplace_back(o, n);
        else m.removed.push_back(o);
        continue;
      }
      m.pairs.emplace_back(o, *extended);
      news.erase(extended);
    }
  }
  for (auto& [name, news] : new_left) m.added.insert(m.added.end(), news.begin(), news.end());
  return m;
}

namespace {

// "Keep the base." -> "keep the base", as hints read under a finding.
std::string hint_from_fix(std::string fix) {
  if (!fix.empty() && fix.back() == '.') fix.pop_back();
  if (fix.size() > 1 && std::isupper(static_cast<unsigned char>(fix[0])) && !std::isupper(static_cast<unsigned char>(fix[1])))
    fix[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(fix[0])));
  return fix;
}

}  // namespace

int access_rank(const std::string& access) {
  if (access == "private") return 2;
  if (access == "protected") return 1;
  return 0;
}

Finding& Reporter::changed(std::string_view id, const Location& old_where, const Location& new_where, std::string path,
                           std::string message) {
  Finding& f = out_.emplace_back();
  f.rule = std::string(id);
  f.domain = "cpp";
  if (const RuleDoc* doc = find_rule_doc(id)) {
    f.severity = doc->severity;
    f.breaks = doc->breaks;
    f.hint = hint_from_fix(doc->fix);  // the rule's general advice; a check may give a more precise one
  }
  f.path = std::move(path);
  f.message = std::move(message);
  f.location = new_where;
  f.old_location = old_where;
  return f;
}

Finding& Reporter::removed(std::string_view id, const Location& old_where, const std::string& qualified_name,
                           std::string path, std::string message) {
  return changed(id, old_where, surviving_parent(qualified_name, old_where), std::move(path), std::move(message));
}

Location Reporter::surviving_parent(const std::string& qualified_name, const Location& old_where) const {
  for (std::string scope = parent_scope(qualified_name); !scope.empty(); scope = parent_scope(scope)) {
    if (auto r = new_api_.records.find(scope); r != new_api_.records.end()) return r->second.location;
    if (auto n = new_api_.namespaces.find(scope); n != new_api_.namespaces.end()) return n->second.location;
  }
  // The new header that corresponds to the old one: the longest common path suffix.
  auto common_suffix = [](const std::string& a, const std::string& b) {
    size_t n = 0;
    while (n < a.size() && n < b.size() && a[a.size() - 1 - n] == b[b.size() - 1 - n]) ++n;
    return n;
  };
  Location top;
  size_t best = 0;
  for (const std::string& h : new_api_.headers)
    if (size_t n = common_suffix(h, old_where.file); top.file.empty() || n > best) {
      top.file = h;
      best = n;
    }
  if (!top.file.empty()) top.line = top.column = 1;
  return top;
}

const std::vector<CppCheck>& cpp_checks() {
  static const std::vector<CppCheck> checks = all_cpp_checks();
  return checks;
}

bool is_internal_namespace(std::string_view name) {
  auto ends = [&](std::string_view suffix) {
    return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return name == "detail" || name == "details" || name == "internal" || name == "internals" || name == "impl" ||
         name.rfind("__", 0) == 0 || ends("_detail") || ends("_details") || ends("_internal") || ends("_impl");
}

namespace {

// Whether a qualified name lies inside an implementation namespace (see check.h).
bool in_internal_namespace(const std::string& qualified_name) {
  for (std::string scope = parent_scope(qualified_name.substr(0, qualified_name.find('('))); !scope.empty();
       scope = parent_scope(scope)) {
    size_t at = scope.rfind("::");
    if (is_internal_namespace(at == std::string::npos ? scope : std::string_view(scope).substr(at + 2))) return true;
  }
  return false;
}

// Whether a qualified name is a member of a private nested class: users cannot name it, so
// only its layout reaches them, through the fields of the public class that holds it.
bool in_private_record(const Api& api, const std::string& qualified_name) {
  for (std::string scope = parent_scope(qualified_name.substr(0, qualified_name.find('('))); !scope.empty();
       scope = parent_scope(scope))
    if (auto r = api.records.find(scope); r != api.records.end() && r->second.access == "private") return true;
  return false;
}

// The API users program against: what lies in implementation namespaces or inside private
// nested classes is left out (its effect on public types, through their layout and
// signatures, is still seen there).
Api public_part(const Api& api) {
  Api out;
  out.headers = api.headers;
  auto keep = [&api](const auto& from, auto& to) {
    for (const auto& [key, e] : from)
      if (!in_internal_namespace(e.name) && !in_private_record(api, e.name)) to.emplace(key, e);
  };
  keep(api.namespaces, out.namespaces);
  keep(api.records, out.records);
  keep(api.functions, out.functions);
  keep(api.enums, out.enums);
  keep(api.typedefs, out.typedefs);
  keep(api.variables, out.variables);
  out.macros = api.macros;
  return out;
}

}  // namespace

std::vector<Finding> run_cpp_checks(const Api& old_all, const Api& new_all) {
  Api old_api = public_part(old_all), new_api = public_part(new_all);
  FunctionMatch functions = match_functions(old_api, new_api);
  Constants old_constants(old_api), new_constants(new_api);
  Renames renames = find_renames(old_api, new_api, functions, old_constants);
  CheckContext ctx{old_api, new_api, functions, renames, old_constants, new_constants};
  std::vector<Finding> findings;
  Reporter reporter(new_api, findings);
  for (const CppCheck& c : cpp_checks()) c.fn(ctx, reporter);
  sort_and_dedupe(findings);
  return findings;
}

}  // namespace driftcheck::cpp
