// Entities that exist in the old headers and not in the new ones. Private non-virtual methods
// are implementation details: users can neither call them nor override them. An entity that
// looks renamed (renames.h) is reported at its new name, with how to keep the old one working.
#include <algorithm>

#include "cpp/checks/checks.h"

namespace driftcheck::cpp {

namespace {

// ns::Class::method(int) const -> method
std::string last_name(const std::string& qualified) {
  std::string name = qualified.substr(0, qualified.find('('));
  size_t at = name.rfind("::");
  return at == std::string::npos ? name : name.substr(at + 2);
}

// "<what> was removed: <why>", or "<what> was renamed to `new`: <why>" at the new entity with
// `keep_old` (given the old and new unqualified names) as the hint.
void report_gone(const CheckContext& ctx, Reporter& r, std::string_view id, const Location& old_where,
                 const std::string& name, const std::string& key, std::string path, const std::string& what,
                 const std::string& why, std::string (*keep_old)(const std::string&, const std::string&)) {
  auto renamed = ctx.renames.find(key);
  if (renamed == ctx.renames.end()) {
    r.removed(id, old_where, name, std::move(path), what + " was removed: " + why);
    return;
  }
  const Rename& to = renamed->second;
  Finding& f = r.changed(id, old_where, to.location, std::move(path), what + " was renamed to " + q(to.new_name) + ": " + why);
  f.hint = keep_old(last_name(name), last_name(to.new_name));
}

std::string keep_type_alias(const std::string& old_name, const std::string& new_name) {
  return "keep the old name for a release: `using " + old_name + " [[deprecated]] = " + new_name + ";`";
}

std::string keep_forwarding_function(const std::string& old_name, const std::string& new_name) {
  return "keep `" + old_name + "` for a release as a [[deprecated]] function that calls `" + new_name +
         "`, defined in the library (not inline) so that old binaries still link";
}

std::string keep_virtual(const std::string& old_name, const std::string& new_name) {
  return "user overrides of `" + old_name + "` now override nothing and are silently never called; keep `" +
         old_name + "` virtual for a release and have the default `" + new_name + "` call it";
}

std::string keep_variable(const std::string& old_name, const std::string& new_name) {
  return "keep `" + old_name + "` for a release (for a constant: `[[deprecated]] constexpr auto " + old_name + " = " +
         new_name + ";`)";
}

std::string keep_macro(const std::string& old_name, const std::string& new_name) {
  return "keep `#define " + old_name + " " + new_name + "` for a release";
}

}  // namespace

std::optional<StillNamed> still_named(const CheckContext& ctx, const std::string& name) {
  const Api& api = ctx.new_api;
  if (auto m = api.macros.find(name); m != api.macros.end())
    return StillNamed{"a macro (`#define " + name + (m->second.params ? "(" + *m->second.params + ")" : "") + " " +
                          m->second.value + "`)",
                      m->second.params ? std::nullopt : ctx.new_constants.evaluate(m->second.value), m->second.location};
  if (auto t = api.typedefs.find(name); t != api.typedefs.end())
    return StillNamed{"a type alias of " + q(t->second.target.spelled), std::nullopt, t->second.location};
  if (auto rec = api.records.find(name); rec != api.records.end())
    return StillNamed{"a " + rec->second.kind, std::nullopt, rec->second.location};
  if (auto e = api.enums.find(name); e != api.enums.end()) return StillNamed{"an enum", std::nullopt, e->second.location};
  if (auto v = api.variables.find(name); v != api.variables.end())
    return StillNamed{"a variable", ctx.new_constants.of_name(name), v->second.location};
  // `#define f(a, b) f(a, b)` (a checking wrapper) gone: calls reach the function itself.
  if (auto f = api.functions.lower_bound(name + "("); f != api.functions.end() && f->second.name == name)
    return StillNamed{"a function (" + q(f->second.signature()) + ")", std::nullopt, f->second.location};
  if (auto value = ctx.new_constants.of_name(name)) {
    for (const auto& [enum_name, e] : api.enums)
      for (const Enumerator& en : e.enumerators)
        if (en.name == name || enum_name + "::" + en.name == name) return StillNamed{"an enumerator", value, en.location};
  }
  return std::nullopt;
}

bool report_if_kept(const CheckContext& ctx, Reporter& r, const std::string& name, const std::string& what,
                    const Location& old_where, std::optional<IntValue> old_value, std::string_view changed_id,
                    const Enum* enum_type) {
  std::optional<StillNamed> kept = still_named(ctx, name);
  if (!kept) return false;
  if (old_value && kept->value && !(*old_value == *kept->value)) {
    r.changed(changed_id, old_where, kept->where, name,
              what + " " + q(name) + " is now " + kept->what + " and changed value from " + old_value->str() + " to " +
                  kept->value->str() + ": binaries built against the old headers keep the old value");
    return true;
  }
  std::string same = old_value && kept->value ? " of the same value (" + kept->value->str() + ")" : "";
  // An enumerator that became a plain number leaves its enum: C++ code that stores it in a
  // variable of the enum type no longer compiles (C converts silently).
  if (enum_type) {
    auto m = ctx.new_api.macros.find(name);
    bool names_enumerator = m != ctx.new_api.macros.end() &&
                            std::any_of(enum_type->enumerators.begin(), enum_type->enumerators.end(),
                                        [&](const Enumerator& en) { return en.name == m->second.value; });
    if (m != ctx.new_api.macros.end() && !names_enumerator) {
      r.changed("name-kept-as-alias", old_where, kept->where, name,
                what + " " + q(name) + " is now " + kept->what + same + ", no longer an enumerator of " +
                    q(enum_type->name) + ": C code still compiles, but C++ code that stores it in a " +
                    q(enum_type->name) + " no longer does")
          .severity = Severity::warning;
      return true;
    }
  }
  r.changed("name-kept-as-alias", old_where, kept->where, name,
            what + " " + q(name) + " is now " + kept->what + same + ": code that uses the name still compiles");
  return true;
}

namespace {

void removed_records(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, rec] : ctx.old_api.records) {
    if (ctx.new_api.records.count(name) || access_rank(rec.access) == 2) continue;
    // Renamed behind an alias that users write instead (typedef-target-changed says so).
    if (std::any_of(ctx.old_api.typedefs.begin(), ctx.old_api.typedefs.end(), [&, &name = name](const auto& t) {
          auto now = ctx.new_api.typedefs.find(t.first);
          return base_name(t.second.target.canonical) == name && now != ctx.new_api.typedefs.end() &&
                 !(now->second.target == t.second.target);
        }))
      continue;
    if (covered_by_partial_specialization(name, ctx.old_api, ctx.new_api)) continue;
    // A struct that became an alias of another type, or a macro, is still there for users.
    if (report_if_kept(ctx, r, name, rec.kind, rec.location, std::nullopt, "")) continue;
    report_gone(ctx, r, "record-removed", rec.location, name, name, name, rec.kind + " " + q(name),
                "code that names it no longer compiles", keep_type_alias);
  }
}

void removed_functions(const CheckContext& ctx, Reporter& r) {
  // Calls now resolve to another overload or a template: source is fine. A function defined in
  // the header has no symbol to lose; one the library defines takes its symbol with it.
  for (auto [o, n] : ctx.functions.taken_over) {
    if (o->is_inline || access_rank(o->access) == 2 || (!o->parent.empty() && !ctx.new_api.records.count(o->parent)))
      continue;
    r.removed(o->parent.empty() ? "function-removed" : "method-removed", o->location, o->name, o->signature(),
              q(o->signature()) + " was removed: calls now resolve to " + q(n->signature()) +
                  " and still compile, but binaries built against the old headers no longer link")
        .breaks = breaks_abi;
  }
  for (const Function* f : ctx.functions.removed) {
    if (f->parent.empty()) {
      report_gone(ctx, r, "function-removed", f->location, f->name, f->key(), f->signature(),
                  "function " + q(f->signature()), "callers no longer compile or link", keep_forwarding_function);
      continue;
    }
    // A method goes with its class: record-removed already says so.
    if (!ctx.new_api.records.count(f->parent)) continue;
    if (f->is_virtual) {
      // An override that went away leaves the slot to the base's version; its symbol goes.
      const Record& now = ctx.new_api.records.at(f->parent);
      bool destructor = f->name.find("::~") != std::string::npos;
      std::string key = f->key();  // `Parent::name(...)`; a hostile api.json may say otherwise
      std::string slot = destructor ? "~()" : key.rfind(f->parent + "::", 0) == 0 ? key.substr(f->parent.size() + 2) : key;
      if (std::find(now.vtable.begin(), now.vtable.end(), slot) != now.vtable.end()) {
        // An override defined in the header has no library symbol: old binaries keep their own copy.
        r.removed("virtual-method-removed", f->location, f->name, f->signature(),
                  "override " + q(f->signature()) + " was removed: calls now reach the base class's version" +
                      std::string(f->is_inline ? ""
                                               : ", and binaries that call it directly (qualified or devirtualised) "
                                                 "no longer link"));
        continue;
      }
      report_gone(ctx, r, "virtual-method-removed", f->location, f->name, f->key(), f->signature(),
                  "virtual method " + q(f->signature()),
                  "overrides marked `override` stop compiling, others silently stop being called" +
                      (ctx.renames.count(f->key()) ? std::string() : ", and the virtual table of " + q(f->parent) + " changes"),
                  keep_virtual);
    } else if (access_rank(f->access) < 2) {
      report_gone(ctx, r, "method-removed", f->location, f->name, f->key(), f->signature(), "method " + q(f->signature()),
                  "callers no longer compile or link", keep_forwarding_function);
    }
  }
}

void removed_enums(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, e] : ctx.old_api.enums) {
    if (ctx.new_api.enums.count(name) || access_rank(e.access) == 2) continue;
    if (name.find("(anonymous enum)") != std::string::npos) {
      for (const Enumerator& en : e.enumerators)
        if (!report_if_kept(ctx, r, en.name, "enumerator", en.location, IntValue{en.value, 32, false}, "enumerator-value-changed"))
          r.removed("enumerator-removed", en.location, name, parent_scope(name).empty() ? en.name : parent_scope(name) + "::" + en.name,
                  "enumerator " + q(en.name) + " was removed: code that uses it no longer compiles");
      continue;
    }
    if (report_if_kept(ctx, r, name, "enum", e.location, std::nullopt, "")) {
      for (const Enumerator& en : e.enumerators)
        if (!e.is_scoped && !report_if_kept(ctx, r, en.name, "enumerator", en.location, IntValue{en.value, 32, false}, "enumerator-value-changed"))
          r.removed("enumerator-removed", en.location, name, en.name, "enumerator " + q(en.name) + " was removed: code that uses it no longer compiles");
      continue;
    }
    report_gone(ctx, r, "enum-removed", e.location, name, name, name, "enum " + q(name),
                "code that names it no longer compiles", keep_type_alias);
  }
}

void removed_typedefs(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, t] : ctx.old_api.typedefs) {
    if (ctx.new_api.typedefs.count(name) || ctx.new_api.records.count(name) || access_rank(t.access) == 2) continue;
    if (report_if_kept(ctx, r, name, "type alias", t.location, std::nullopt, "")) continue;
    report_gone(ctx, r, "typedef-removed", t.location, name, name, name, "type alias " + q(name),
                "code that names it no longer compiles", keep_type_alias);
  }
}

void removed_variables(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, v] : ctx.old_api.variables) {
    if (ctx.new_api.variables.count(name) || access_rank(v.access) == 2) continue;
    std::string parent = parent_scope(name);
    if (ctx.old_api.records.count(parent) && !ctx.new_api.records.count(parent)) continue;  // gone with its class
    if (report_if_kept(ctx, r, name, "variable", v.location, ctx.old_constants.of_name(name), "constant-value-changed")) continue;
    report_gone(ctx, r, "variable-removed", v.location, name, name, name, "variable " + q(name),
                "code that uses it no longer compiles or links", keep_variable);
  }
}

// A function-like helper that only another removed macro expanded to goes with it: one
// finding for the macro users wrote.
bool helper_of_removed_macro(const CheckContext& ctx, const Macro& m) {
  if (!m.params) return false;
  return std::any_of(ctx.old_api.macros.begin(), ctx.old_api.macros.end(), [&](const auto& other) {
    return other.first != m.name && !ctx.new_api.macros.count(other.first) &&
           replace_word(other.second.value, m.name, "") != other.second.value;
  });
}

void removed_macros(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, m] : ctx.old_api.macros) {
    if (ctx.new_api.macros.count(name) || helper_of_removed_macro(ctx, m)) continue;
    std::optional<IntValue> value = m.params ? std::nullopt : ctx.old_constants.evaluate(m.value);
    if (report_if_kept(ctx, r, name, "macro", m.location, value, "macro-value-changed")) continue;
    std::string shown = m.params ? q(name + "(" + *m.params + ")") : q(name) + " (" + m.value + ")";
    report_gone(ctx, r, "macro-removed", m.location, name, name, name, "macro " + shown,
                "code that uses it no longer compiles", keep_macro);
  }
}

}  // namespace

std::vector<CppCheck> removal_checks() {
  return {
      {"removals", {"record-removed"}, removed_records},
      {"removals", {"function-removed", "method-removed", "virtual-method-removed"}, removed_functions},
      {"removals", {"enum-removed", "enumerator-removed"}, removed_enums},
      {"removals", {"typedef-removed"}, removed_typedefs},
      {"removals", {"variable-removed"}, removed_variables},
      {"removals", {"macro-removed"}, removed_macros},
  };
}

}  // namespace driftcheck::cpp
