// The C++ check stage: old and new Api matched by identity, then small check functions over the
// matched pairs and the leftovers. Every id a check emits has a document in
// rules/cpp/<id>.md, whose front matter gives its severity and what it breaks (source, abi).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "cpp/constant.h"
#include "cpp/model.h"
#include "cpp/renames.h"

namespace driftcheck::cpp {

// Functions and methods, matched by key; leftovers with one overload left on each side under
// the same name are paired as one function whose signature changed.
struct FunctionMatch {
  std::vector<std::pair<const Function*, const Function*>> pairs;  // old, new
  std::vector<const Function*> removed;
  std::vector<const Function*> added;
  // Gone, but another function of the same name (often a template) accepts every call it
  // did: old, new.
  std::vector<std::pair<const Function*, const Function*>> taken_over;
};

FunctionMatch match_functions(const Api& old_api, const Api& new_api);

// `n` takes `o`'s parameters, then more that all have defaults: every call of `o` still compiles.
bool gained_defaulted_parameters(const Function& o, const Function& n);

// Every call of `o` still compiles as a call of `n`: each parameter is the same type, the same
// type by value instead of by const reference (or back), or a template parameter of `n` that
// deduces it (`T&&`, `const T&`, `basic_json<T...>&` for any `basic_json<...>&`).
bool accepts_every_call(const Function& o, const Function& n, const Api& new_api);

// An explicit specialisation `std::hash<json>` that the new headers replace with a partial one
// matching it (`std::hash<basic_json<T...>>`): code that uses it still gets one.
bool covered_by_partial_specialization(const std::string& old_name, const Api& old_api, const Api& new_api);

struct CheckContext {
  const Api& old_api;
  const Api& new_api;
  const FunctionMatch& functions;
  const Renames& renames;  // removed entities that look renamed (renames.h)
  const Constants& old_constants;  // integer values of macros, enumerators and constants
  const Constants& new_constants;
};

class Reporter {
 public:
  Reporter(const Api& new_api, std::vector<Finding>& out) : new_api_(new_api), out_(out) {}
  // A change: located at the element in the new headers, with its old location.
  Finding& changed(std::string_view id, const Location& old_where, const Location& new_where, std::string path,
                   std::string message);
  // Something that no longer exists: located at the nearest enclosing record or namespace that
  // survives in the new headers, else at the top of the matching new header.
  Finding& removed(std::string_view id, const Location& old_where, const std::string& qualified_name,
                   std::string path, std::string message);

 private:
  Location surviving_parent(const std::string& qualified_name, const Location& old_where) const;
  const Api& new_api_;
  std::vector<Finding>& out_;
};

using CheckFn = void (*)(const CheckContext&, Reporter&);

struct CppCheck {
  std::string_view family;           // the file under checks/ it lives in
  std::vector<std::string_view> ids;  // every id it may emit
  CheckFn fn;
};

const std::vector<CppCheck>& cpp_checks();

// Namespaces that by convention hold a library's implementation, not its API: detail,
// details, internal, impl, names starting with `__` or ending in `_detail`, `_internal`, `_impl`
// (`absl::strings_internal`). Their entities are not compared.
bool is_internal_namespace(std::string_view name);

// Every check, on the public part of both APIs; findings sorted, duplicates dropped.
std::vector<Finding> run_cpp_checks(const Api& old_api, const Api& new_api);

// Access as a rank, for "narrowed": public 0, protected 1, private 2 (empty counts as public).
int access_rank(const std::string& access);

}  // namespace driftcheck::cpp
