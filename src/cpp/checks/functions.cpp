// Matched functions and methods whose declaration changed.
#include <set>

#include "cpp/checks/checks.h"

namespace driftcheck::cpp {

namespace {

// `const char&` -> `char&`: callers still bind the result where they did, and the return type
// is not part of a (non-template) function's symbol. Read the other way round (`char*` ->
// `const char*`), a parameter that only gained qualifiers.
bool only_lost_qualifiers(const Type& before, const Type& after) {
  auto strip = [](std::string s, int* removed) {
    for (const char* q : {"const ", "volatile ", " const", " volatile", "const", "volatile"})
      for (size_t at; (at = s.find(q)) != std::string::npos; ++*removed) s.erase(at, std::string(q).size());
    return s;
  };
  int lost_before = 0, lost_after = 0;
  std::string a = strip(before.canonical, &lost_before), b = strip(after.canonical, &lost_after);
  return a == b && lost_after < lost_before;
}

// +1 when only a top-level restrict was added, -1 when only one was removed, else 0.
int restrict_change(const Type& before, const Type& after) {
  static const std::string suffix = " restrict";
  auto ends = [](const std::string& s) { return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0; };
  if (!ends(before.canonical) && ends(after.canonical) && after.canonical == before.canonical + suffix) return 1;
  if (ends(before.canonical) && !ends(after.canonical) && before.canonical == after.canonical + suffix) return -1;
  return 0;
}

// +1 when `T` became `const T&`, -1 for the way back, else 0: the same value, passed another way,
// with every call still compiling (not so for `T&` or `T&&`, which refuse some arguments).
int passing_change(const Type& before, const Type& after) {
  auto const_ref_to = [](const std::string& t) -> std::string {
    if (t.rfind("const ", 0) != 0 || t.size() < 9 || t.compare(t.size() - 2, 2, " &") != 0) return "";
    return t.substr(6, t.size() - 8);
  };
  if (const_ref_to(after.canonical) == before.canonical && !before.canonical.empty()) return 1;
  if (const_ref_to(before.canonical) == after.canonical && !after.canonical.empty()) return -1;
  return 0;
}

// A pointer, reference, number or enum comes back in a register: a function that returned void
// and now returns one of these still works for old callers, which ignore the register, and the
// return type is not in a non-template function's symbol. (Not so for a virtual method: user
// overrides that return void stop compiling.) A record returned by value can instead
// travel through a hidden first argument that old callers do not pass.
bool returned_in_register(const Type& t, const Api& api) {
  static const std::set<std::string> numbers{
      "bool",      "char",          "signed char", "unsigned char", "short",     "unsigned short",
      "int",       "unsigned int",  "long",        "unsigned long", "long long", "unsigned long long",
      "float",     "double",        "long double", "wchar_t",       "char8_t",   "char16_t", "char32_t"};
  const std::string& c = t.canonical;
  return (!c.empty() && (c.back() == '*' || c.back() == '&')) || numbers.count(c) || api.enums.count(c);
}

// Changes to private non-virtual methods reach no user.
bool visible(const Function& f) { return access_rank(f.access) < 2 || f.is_virtual; }

void return_type(const CheckContext& ctx, Reporter& r) {
  for (auto [o, n] : ctx.functions.pairs) {
    if (!visible(*o) || o->return_type == n->return_type) continue;
    if (changed_only_through_alias(ctx, o->return_type, n->return_type)) continue;
    if (n->template_params.empty() && only_lost_qualifiers(o->return_type, n->return_type)) continue;
    if (n->template_params.empty() && !o->is_virtual && o->return_type.canonical == "void" &&
        returned_in_register(n->return_type, ctx.new_api))
      continue;
    bool inline_only = o->is_inline && n->is_inline && !o->is_virtual;
    r.changed("function-return-type-changed", o->location, n->location, n->signature(),
              "the return type of " + q(n->signature()) + " changed " + from_to(o->return_type, n->return_type) +
                  (inline_only ? ": code that uses the result as the old type may no longer compile"
                               : ": callers read the result as the old type"))
        .breaks = inline_only ? breaks_source : breaks_source | breaks_abi;
  }
}

void parameters(const CheckContext& ctx, Reporter& r) {
  for (auto [o, n] : ctx.functions.pairs) {
    if (!visible(*o)) continue;
    // A C function keeps its symbol, so old binaries still link and pass what they always passed.
    bool c_linkage = o->is_extern_c && n->is_extern_c;
    // Defined in the header: user code compiles its own copy, so only source compatibility counts.
    bool inline_only = o->is_inline && n->is_inline && !o->is_virtual;
    if (gained_defaulted_parameters(*o, *n)) {
      if (inline_only) continue;
      r.changed("function-parameter-count-changed", o->location, n->location, n->signature(),
                q(o->signature()) + " became " + q(n->signature()) +
                    ": calls still compile, since the new parameters have defaults, but its symbol changes, so "
                    "binaries built against the old headers no longer link")
          .breaks = breaks_abi;
      continue;
    }
    if (o->params.size() != n->params.size() || o->is_variadic != n->is_variadic) {
      r.changed("function-parameter-count-changed", o->location, n->location, n->signature(),
                q(o->signature()) + " became " + q(n->signature()) + ": " + std::to_string(o->params.size()) +
                    " parameter" + (o->params.size() == 1 ? "" : "s") + " before, " +
                    std::to_string(n->params.size()) + " now; " +
                    (c_linkage     ? "its C symbol stays, so old binaries still link and pass the wrong arguments"
                     : inline_only ? "calls no longer compile"
                                   : "its symbol changes too"))
          .breaks = inline_only ? breaks_source : breaks_source | breaks_abi;
      continue;
    }
    for (size_t i = 0; i < o->params.size(); ++i) {
      const Param &op = o->params[i], &np = n->params[i];
      if (op.type == np.type) continue;
      // Through an alias whose change is reported at the alias: the calls still pass what the
      // alias names, and a C or inline function has no parameter types in its symbol.
      if ((c_linkage || inline_only) && changed_only_through_alias(ctx, op.type, np.type)) continue;
      // `char*` -> `const char*` in a C function: every call still compiles, and the symbol and
      // the way the argument is passed are the same.
      if (c_linkage && only_lost_qualifiers(np.type, op.type)) continue;
      std::string name = np.name.empty() ? "" : " " + q(np.name);
      // A top-level `restrict` is not part of the type callers pass or of the symbol: only
      // gaining it matters, as a promise the callers must now keep.
      if (int change = restrict_change(op.type, np.type)) {
        if (change > 0)
          r.changed("parameter-became-restrict", o->location, n->location, n->signature(),
                    "parameter " + std::to_string(i + 1) + name + " of " + q(n->name) +
                        " became restrict: the function may now assume it does not overlap other arguments, so "
                        "callers that pass overlapping memory get undefined behaviour");
        continue;
      }
      if (int by_reference = passing_change(op.type, np.type)) {
        if (inline_only) continue;  // every call compiles, and no library symbol is involved
        r.changed("function-parameter-type-changed", o->location, n->location, n->signature(),
                  "parameter " + std::to_string(i + 1) + name + " of " + q(n->name) + " is now passed " +
                      (by_reference > 0 ? "by reference instead of by value" : "by value instead of by reference") +
                      " (" + from_to(op.type, np.type) + "): calls still compile, but " +
                      (c_linkage ? "binaries built against the old headers pass the argument the old way"
                                 : "its symbol changes, so binaries built against the old headers no longer link"));
        continue;
      }
      r.changed("function-parameter-type-changed", o->location, n->location, n->signature(),
                "parameter " + std::to_string(i + 1) + name + " of " + q(n->name) + " changed type " +
                    from_to(op.type, np.type) + ": calls convert or no longer compile" +
                    (c_linkage     ? ", and old binaries still link and pass the old type"
                     : inline_only ? ""
                                   : ", and its symbol changes"))
          .breaks = inline_only ? breaks_source : breaks_source | breaks_abi;
    }
  }
}

// Another overload of `f` takes exactly its first `count` parameters: a call that leaves the
// rest out still compiles (an overload kept for ABI when a default argument goes).
bool overload_takes_first(const Api& api, const Function& f, size_t count) {
  for (auto it = api.functions.lower_bound(f.name + "("); it != api.functions.end() && it->second.name == f.name; ++it) {
    const Function& g = it->second;
    if (&g == &f || g.params.size() != count || g.is_variadic) continue;
    bool same = true;
    for (size_t i = 0; i < count && same; ++i) same = g.params[i].type == f.params[i].type;
    if (same) return true;
  }
  return false;
}

void default_arguments(const CheckContext& ctx, Reporter& r) {
  for (auto [o, n] : ctx.functions.pairs) {
    if (!visible(*o) || o->params.size() != n->params.size()) continue;
    for (size_t i = 0; i < o->params.size(); ++i) {
      std::string name = n->params[i].name.empty() ? "" : " " + q(n->params[i].name);
      const Param &op = o->params[i], &np = n->params[i];
      if (op.has_default && np.has_default && op.default_value != np.default_value)
        r.changed("default-argument-changed", o->location, n->location, n->signature(),
                  "the default argument of parameter " + std::to_string(i + 1) + name + " of " + q(n->signature()) +
                      " changed from " + q(op.default_value) + " to " + q(np.default_value) +
                      ": code built against the old headers keeps passing the old value");
      if (!o->params[i].has_default || n->params[i].has_default) continue;
      if (overload_takes_first(ctx.new_api, *n, i)) continue;
      r.changed("default-argument-removed", o->location, n->location, n->signature(),
                "parameter " + std::to_string(i + 1) + name + " of " + q(n->signature()) +
                    " lost its default argument: calls that leave it out no longer compile");
    }
  }
}

void qualifiers(const CheckContext& ctx, Reporter& r) {
  for (auto [o, n] : ctx.functions.pairs) {
    if (!visible(*o)) continue;
    if (o->is_const != n->is_const || o->is_volatile != n->is_volatile)
      r.changed("method-const-changed", o->location, n->location, n->signature(),
                q(o->signature()) + " became " + q(n->signature()) +
                    (o->is_const && !n->is_const ? ": it can no longer be called on const objects"
                                                 : ": overrides no longer match")
                    + ", and its symbol changes");
    if (o->ref_qualifier != n->ref_qualifier)
      r.changed("method-ref-qualifier-changed", o->location, n->location, n->signature(),
                q(o->signature()) + " became " + q(n->signature()) + ": calls on " +
                    (n->ref_qualifier == "&&" ? "lvalues" : n->ref_qualifier == "&" ? "temporaries" : "some objects") +
                    " no longer compile, and its symbol changes");
    if (o->is_noexcept && !n->is_noexcept)
      r.changed("function-noexcept-removed", o->location, n->location, n->signature(),
                q(n->signature()) + " is no longer noexcept: callers that rely on it not throwing, and "
                                    "noexcept function pointers to it, break");
    if (o->is_static != n->is_static && !n->parent.empty())
      r.changed("method-static-changed", o->location, n->location, n->signature(),
                q(n->signature()) + (n->is_static ? " became static" : " is no longer static") +
                    ": calls and pointers to it are written differently, and its calling convention changes");
  }
}

void deleted_or_hidden(const CheckContext& ctx, Reporter& r) {
  for (auto [o, n] : ctx.functions.pairs) {
    // A private copy constructor that became `= delete` was never callable by users.
    if (!o->is_deleted && n->is_deleted && access_rank(o->access) < 2) {
      r.changed("method-deleted", o->location, n->location, n->signature(),
                q(n->signature()) + " is now deleted (= delete): every call stops compiling");
      continue;
    }
    if (access_rank(n->access) > access_rank(o->access))
      r.changed("member-access-narrowed", o->location, n->location, n->signature(),
                q(n->signature()) + " went from " + o->access + " to " + n->access +
                    ": code outside the class that calls it no longer compiles");
  }
}

void function_templates(const CheckContext& ctx, Reporter& r) {
  for (auto [o, n] : ctx.functions.pairs) {
    if (o->template_params == n->template_params || !visible(*o)) continue;
    r.changed("template-parameters-changed", o->location, n->location, n->signature(),
              "template parameters of " + q(n->name) + " changed: explicit template arguments and "
                                                       "instantiations in user code no longer fit");
  }
}

}  // namespace

std::vector<CppCheck> function_checks() {
  return {
      {"functions", {"function-return-type-changed"}, return_type},
      {"functions", {"function-parameter-count-changed", "function-parameter-type-changed", "parameter-became-restrict"},
       parameters},
      {"functions", {"default-argument-removed", "default-argument-changed"}, default_arguments},
      {"functions",
       {"method-const-changed", "method-ref-qualifier-changed", "function-noexcept-removed", "method-static-changed"},
       qualifiers},
      {"functions", {"method-deleted", "member-access-narrowed"}, deleted_or_hidden},
      {"functions", {"template-parameters-changed"}, function_templates},
  };
}

}  // namespace driftcheck::cpp
