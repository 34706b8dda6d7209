// Entities that exist in the old headers and not in the new ones. Private non-virtual methods
// are implementation details: users can neither call them nor override them.
#include <algorithm>

#include "cpp/checks/checks.h"

namespace driftcheck::cpp {

namespace {

void removed_records(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, rec] : ctx.old_api.records) {
    if (ctx.new_api.records.count(name) || access_rank(rec.access) == 2) continue;
    // A struct that became a typedef of another type is still there for users.
    if (ctx.new_api.typedefs.count(name)) continue;
    r.removed("record-removed", rec.location, name, name,
              rec.kind + " " + q(name) + " was removed: code that names it no longer compiles");
  }
}

void removed_functions(const CheckContext& ctx, Reporter& r) {
  for (const Function* f : ctx.functions.removed) {
    if (f->parent.empty()) {
      r.removed("function-removed", f->location, f->name, f->signature(),
                "function " + q(f->signature()) + " was removed: callers no longer compile or link");
      continue;
    }
    // A method goes with its class: record-removed already says so.
    if (!ctx.new_api.records.count(f->parent)) continue;
    if (f->is_virtual) {
      // An override that went away leaves the slot to the base's version; its symbol goes.
      const Record& now = ctx.new_api.records.at(f->parent);
      bool destructor = f->name.find("::~") != std::string::npos;
      std::string slot = destructor ? "~()" : f->key().substr(f->parent.size() + 2);
      if (std::find(now.vtable.begin(), now.vtable.end(), slot) != now.vtable.end()) {
        r.removed("virtual-method-removed", f->location, f->name, f->signature(),
                  "override " + q(f->signature()) + " was removed: calls now reach the base class's version, and "
                  "binaries that call it directly (qualified or devirtualised) no longer link");
        continue;
      }
      r.removed("virtual-method-removed", f->location, f->name, f->signature(),
                "virtual method " + q(f->signature()) +
                    " was removed: overrides stop compiling and the virtual table of " + q(f->parent) + " changes");
    } else if (access_rank(f->access) < 2) {
      r.removed("method-removed", f->location, f->name, f->signature(),
                "method " + q(f->signature()) + " was removed: callers no longer compile or link");
    }
  }
}

void removed_enums(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, e] : ctx.old_api.enums) {
    if (ctx.new_api.enums.count(name) || access_rank(e.access) == 2) continue;
    if (name.find("(anonymous enum)") != std::string::npos) {
      for (const Enumerator& en : e.enumerators)
        r.removed("enumerator-removed", en.location, name, parent_scope(name).empty() ? en.name : parent_scope(name) + "::" + en.name,
                  "enumerator " + q(en.name) + " was removed: code that uses it no longer compiles");
      continue;
    }
    r.removed("enum-removed", e.location, name, name, "enum " + q(name) + " was removed: code that names it no longer compiles");
  }
}

void removed_typedefs(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, t] : ctx.old_api.typedefs) {
    if (ctx.new_api.typedefs.count(name) || ctx.new_api.records.count(name) || access_rank(t.access) == 2) continue;
    r.removed("typedef-removed", t.location, name, name,
              "type alias " + q(name) + " was removed: code that names it no longer compiles");
  }
}

void removed_variables(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, v] : ctx.old_api.variables) {
    if (ctx.new_api.variables.count(name) || access_rank(v.access) == 2) continue;
    std::string parent = parent_scope(name);
    if (ctx.old_api.records.count(parent) && !ctx.new_api.records.count(parent)) continue;  // gone with its class
    r.removed("variable-removed", v.location, name, name,
              "variable " + q(name) + " was removed: code that uses it no longer compiles or links");
  }
}

void removed_macros(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, m] : ctx.old_api.macros) {
    if (ctx.new_api.macros.count(name)) continue;
    r.removed("macro-removed", m.location, name, name,
              "macro " + q(name) + " (" + m.value + ") was removed: code that uses it no longer compiles");
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
