#include "cpp/check.h"

#include <algorithm>
#include <cctype>
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
    if (olds.size() == 1 && it != new_left.end() && it->second.size() == 1) {
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
        m.removed.push_back(o);
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

// The API users program against: what lies in implementation namespaces is left out (its
// effect on public types, through their layout and signatures, is still seen there).
Api public_part(const Api& api) {
  Api out;
  out.headers = api.headers;
  auto keep = [](const auto& from, auto& to) {
    for (const auto& [key, e] : from)
      if (!in_internal_namespace(e.name)) to.emplace(key, e);
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
