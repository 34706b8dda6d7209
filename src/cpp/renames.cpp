#include "cpp/renames.h"

#include <vector>

#include "cpp/check.h"
#include "cpp/constant.h"

namespace driftcheck::cpp {

namespace {

// Candidates by scope and shape; a bucket with one entry on each side is a rename.
template <class T>
using Buckets = std::map<std::string, std::vector<const T*>>;

template <class T>
void pair_buckets(const Buckets<T>& gone, const Buckets<T>& added, Renames& out,
                  std::string (*old_key)(const T&), std::string (*new_name)(const T&)) {
  for (const auto& [shape, olds] : gone) {
    auto it = added.find(shape);
    if (olds.size() == 1 && it != added.end() && it->second.size() == 1)
      out[old_key(*olds.front())] = {new_name(*it->second.front()), it->second.front()->location};
  }
}

template <class T>
std::string name_of(const T& e) {
  return e.name;
}

// Entities keyed by name in both APIs: those only on one side, bucketed by scope and shape.
template <class T, class Shape>
void rename_named(const std::map<std::string, T>& olds, const std::map<std::string, T>& news, Shape shape,
                  Renames& out) {
  Buckets<T> gone, added;
  for (const auto& [name, e] : olds)
    if (!news.count(name))
      if (std::string s = shape(e); !s.empty()) gone[parent_scope(name) + '\n' + s].push_back(&e);
  for (const auto& [name, e] : news)
    if (!olds.count(name))
      if (std::string s = shape(e); !s.empty()) added[parent_scope(name) + '\n' + s].push_back(&e);
  pair_buckets<T>(gone, added, out, name_of<T>, name_of<T>);
}

std::string function_shape(const Function& f) {
  std::string s = f.return_type.canonical + "(";
  for (const Param& p : f.params) s += p.type.canonical + ",";
  s += ")" + f.ref_qualifier + (f.is_const ? "c" : "") + (f.is_static ? "s" : "") + (f.is_virtual ? "v" : "") +
       (f.is_variadic ? "..." : "") + f.access;
  for (const std::string& t : f.template_params) s += "<" + t;
  return s;
}

// Members by name and type: a class whose members all kept their names but whose own name
// changed. A class with neither fields nor virtual methods has no shape to go by.
std::string record_shape(const Record& r) {
  if (r.fields.empty() && r.vtable.empty()) return "";
  std::string s = r.kind + std::to_string(r.size_bytes) + ":";
  for (const Base& b : r.bases) s += b.name + ",";
  for (const Field& f : r.fields) s += f.name + " " + f.type.canonical + ";";
  for (const std::string& v : r.vtable) s += v + ";";
  return s;
}

std::string enum_shape(const Enum& e) {
  if (e.enumerators.empty()) return "";
  std::string s = e.underlying.canonical + (e.is_scoped ? " scoped:" : ":");
  for (const Enumerator& en : e.enumerators) s += en.name + "=" + std::to_string(en.value) + ",";
  return s;
}

}  // namespace

Renames find_renames(const Api& old_api, const Api& new_api, const FunctionMatch& functions,
                     const Constants& old_constants) {
  Renames out;
  Buckets<Function> gone, added;
  for (const Function* f : functions.removed) gone[f->parent + '\n' + parent_scope(f->name) + '\n' + function_shape(*f)].push_back(f);
  for (const Function* f : functions.added) added[f->parent + '\n' + parent_scope(f->name) + '\n' + function_shape(*f)].push_back(f);
  pair_buckets<Function>(
      gone, added, out, [](const Function& f) { return f.key(); }, [](const Function& f) { return f.signature(); });
  rename_named(old_api.records, new_api.records, record_shape, out);
  rename_named(old_api.enums, new_api.enums, enum_shape, out);
  rename_named(old_api.typedefs, new_api.typedefs, [](const Typedef& t) {
    std::string s = t.target.canonical;
    for (const std::string& p : t.template_params) s += "<" + p;
    return s;
  }, out);
  rename_named(old_api.variables, new_api.variables,
               [](const Variable& v) { return v.type.canonical + "=" + v.value.value_or(""); }, out);
  // A flag or small number says little about identity: another macro reusing the bit of a
  // removed one (`FEATURE_A (1<<26)` gone, `FEATURE_B (1<<26)` new) is no rename.
  rename_named(old_api.macros, new_api.macros, [&](const Macro& m) {
    if (m.params) return std::string();  // a helper's body says little about identity either
    std::optional<IntValue> v = old_constants.evaluate(m.value);
    if (v && (v->value < 256 || (v->value & (v->value - 1)) == 0)) return std::string();
    return m.value;
  }, out);
  return out;
}

}  // namespace driftcheck::cpp
