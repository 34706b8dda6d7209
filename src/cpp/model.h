// The API of a set of C++ headers, as libclang sees it (extract.cpp) or as an api.json dump
// holds it (api_json.cpp). Every entity is keyed by its identity: the qualified name, plus the
// parameter types and qualifiers for functions, so overloads stay apart. Types are kept twice:
// as spelled (for messages) and canonical (for comparison, so a typedef renamed to the same
// type is no change).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"

namespace driftcheck::cpp {

struct Type {
  std::string spelled;    // as written: std::string, MyInt
  std::string canonical;  // what it is: std::basic_string<char>, int
  bool operator==(const Type& o) const { return canonical == o.canonical; }
};

struct Param {
  std::string name;
  Type type;
  bool has_default = false;
  std::string default_value;  // as written, tokens joined by spaces
};

// A free function, a method or a function template.
struct Function {
  std::string name;    // qualified: ns::Class::method
  std::string parent;  // the enclosing record's qualified name; empty for free functions
  Type return_type;
  std::vector<Param> params;
  std::vector<std::string> template_params;  // empty unless a function template
  bool is_const = false, is_volatile = false;
  std::string ref_qualifier;  // "", "&" or "&&"
  bool is_static = false, is_virtual = false, is_pure = false, is_override = false, is_final = false;
  bool is_deleted = false, is_noexcept = false, is_variadic = false;
  bool is_extern_c = false;  // C language linkage: the symbol is the bare name, whatever the parameters
  bool is_inline = false;    // defined in the header or a template: no library symbol behind it
  std::string access;  // public, protected, private; empty for free functions
  Location location;

  // Identity: the qualified name with the canonical parameter types and qualifiers.
  std::string key() const;
  // How people write it: ns::f(int, const char*) const.
  std::string signature() const;
};

struct Field {
  std::string name;
  Type type;
  int64_t offset_bits = -1;  // -1: unknown (dependent or incomplete type)
  int bit_width = -1;        // -1: not a bit-field
  int64_t type_size_bytes = -1;  // sizeof the field's type; -1: unknown
  bool is_mutable = false;
  std::string access;
  Location location;
};

struct Base {
  std::string name;  // the base's qualified name (canonical)
  std::string access;
  bool is_virtual = false;
};

// A class, struct or union (or a class template: then layout is unknown).
struct Record {
  std::string name;
  std::string kind;  // class, struct, union
  std::string access;  // for nested records; empty at namespace scope
  bool is_complete = false, is_final = false, is_polymorphic = false;
  bool is_aggregate = false;  // users may list-initialise its fields (see extract.cpp)
  int64_t size_bytes = -1, align_bytes = -1;
  std::vector<std::string> template_params;
  std::vector<Base> bases;
  std::vector<Field> fields;        // declaration order
  std::vector<std::string> vtable;  // method keys in virtual table order (own and inherited slots)
  Location location;
};

struct Enumerator {
  std::string name;
  int64_t value = 0;
  Location location;
};

struct Enum {
  std::string name;
  Type underlying;
  bool is_scoped = false;
  std::string access;
  std::vector<Enumerator> enumerators;
  Location location;
};

// typedef, using alias, or alias template.
struct Typedef {
  std::string name;
  Type target;
  std::vector<std::string> template_params;
  std::string access;
  Location location;
};

// A global or namespace variable, or a static data member; constexpr/const ones carry their value.
struct Variable {
  std::string name;
  Type type;
  bool is_constexpr = false;
  std::optional<std::string> value;
  std::string access;
  Location location;
};

// An object-like macro whose expansion is a constant (literals and operators only).
struct Macro {
  std::string name;
  std::string value;  // the replacement, as written
  Location location;
  std::optional<std::string> params;  // a function-like macro's parameters (`a, b`); none for `#define X 1`
};

// A namespace as written. Members of an inline namespace are named without it (`lib::v2::X` is
// `lib::X`), as users write them; the namespace itself is kept under its full name.
struct Namespace {
  std::string name;
  Location location;  // the first declaration seen
  bool is_inline = false;
};

struct Api {
  std::map<std::string, Namespace> namespaces;
  std::map<std::string, Record> records;
  std::map<std::string, Function> functions;  // by key()
  std::map<std::string, Enum> enums;
  std::map<std::string, Typedef> typedefs;
  std::map<std::string, Variable> variables;
  std::map<std::string, Macro> macros;
  std::vector<std::string> headers;  // the input headers, as locations name them
};

// The enclosing scope of a qualified name: ns::A::f -> ns::A; f -> "".
std::string parent_scope(const std::string& qualified_name);

// Every whole-identifier occurrence of `word` in `text` replaced.
std::string replace_word(const std::string& text, const std::string& word, const std::string& with);

}  // namespace driftcheck::cpp
