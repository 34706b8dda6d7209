// libclang (C API) -> Api. One translation unit per side: an in-memory file that includes every
// input header, parsed without function bodies; then one walk over the declarations that sit in
// the input headers.
#include "cpp/extract.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <unordered_map>

#include "core/input_error.h"
#include "core/limits.h"
#include "core/inputs.h"
#include "cpp/libclang.h"
#include "cpp/api_json.h"
#include "cpp/check.h"

namespace fs = std::filesystem;

namespace driftcheck::cpp {

namespace {

// Owns a CXString for the length of one expression.
std::string take(CXString s) {
  const char* c = libclang().clang_getCString(s);
  std::string out = c ? c : "";
  libclang().clang_disposeString(s);
  return out;
}

std::vector<CXCursor> children(CXCursor c) {
  std::vector<CXCursor> out;
  libclang().clang_visitChildren(
      c,
      [](CXCursor child, CXCursor, CXClientData data) {
        static_cast<std::vector<CXCursor>*>(data)->push_back(child);
        return CXChildVisit_Continue;
      },
      &out);
  return out;
}

// "(anonymous struct at /abs/path.h:3:5)" names a place, which differs between the two sides.
std::string without_anonymous_places(std::string s) {
  // Read by hand: a std::regex recurses per character and a long spelling overflows the stack.
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find('(', i);
    if (open == std::string::npos) break;
    out.append(s, i, open - i);
    i = open;
    size_t word = s.compare(open + 1, 10, "anonymous ") == 0 ? 10 : s.compare(open + 1, 8, "unnamed ") == 0 ? 8 : 0;
    size_t kind_end = open + 1 + word;
    while (word && kind_end < s.size() && (std::islower(static_cast<unsigned char>(s[kind_end])) || s[kind_end] == ' ')) {
      if (s.compare(kind_end, 3, "at ") == 0 && s[kind_end - 1] == ' ') break;
      ++kind_end;
    }
    size_t close = word && s.compare(kind_end, 3, "at ") == 0 ? s.find(')', kind_end) : std::string::npos;
    if (close == std::string::npos) {
      out += '(';
      ++i;
      continue;
    }
    out += "(anonymous " + s.substr(open + 1 + word, kind_end - open - 1 - word) + ")";
    i = close + 1;
  }
  return out.append(s, i);
}

// C spells tagged types `struct T`, and the same type named through `typedef struct {...} T;`
// plain `T`: giving an anonymous struct a tag changes nothing for users, so canonical types
// leave the keyword out (a C++ canonical type never has it).
std::string without_tag_keywords(const std::string& s) {
  auto ident = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool dropped = false;
    if (i == 0 || !ident(s[i - 1]))
      for (std::string_view keyword : {"struct ", "union ", "enum ", "class "})
        if (s.compare(i, keyword.size(), keyword) == 0 && i + keyword.size() < s.size() &&
            (std::isalpha(static_cast<unsigned char>(s[i + keyword.size()])) || s[i + keyword.size()] == '_') &&
            !(out.size() >= 11 && out.compare(out.size() - 11, 11, "(anonymous ") == 0) &&
            !(out.size() >= 9 && out.compare(out.size() - 9, 9, "(unnamed ") == 0)) {
          i += keyword.size();
          dropped = true;
          break;
        }
    if (!dropped) out += s[i++];
  }
  return out;
}

Type type_of(CXType t, int depth = 0);

// A field of an unnamed struct or union type (`union { void* unused[2]; unsigned count; } reqs;`)
// is only its members: `union { void *[2] unused; unsigned int count; }`, so a change inside
// is a change of the field's type.
std::string members_of_unnamed(CXType t, int depth) {
  CXCursor decl = libclang().clang_getTypeDeclaration(libclang().clang_getCanonicalType(t));
  CXCursorKind k = libclang().clang_getCursorKind(decl);
  if ((k != CXCursor_StructDecl && k != CXCursor_UnionDecl) || depth > 8)
    return "";
  std::string out = k == CXCursor_UnionDecl ? "union {" : "struct {";
  for (CXCursor child : children(decl))
    if (libclang().clang_getCursorKind(child) == CXCursor_FieldDecl) {
      out += " " + type_of(libclang().clang_getCursorType(child), depth + 1).canonical + " " +
             take(libclang().clang_getCursorSpelling(child));
      if (libclang().clang_Cursor_isBitField(child)) out += " : " + std::to_string(libclang().clang_getFieldDeclBitWidth(child));
      out += ";";
    }
  return out + " }";
}

Type type_of(CXType t, int depth) {
  Type out{without_anonymous_places(take(libclang().clang_getTypeSpelling(t))),
           without_tag_keywords(without_anonymous_places(
               take(libclang().clang_getTypeSpelling(libclang().clang_getCanonicalType(t)))))};
  if (!out.canonical.empty() && out.canonical.back() == ')' &&
      (out.canonical.find("(anonymous") != std::string::npos || out.canonical.find("(unnamed") != std::string::npos))
    if (std::string members = members_of_unnamed(t, depth); !members.empty()) out.spelled = out.canonical = members;
  return out;
}

std::string access_of(CXCursor c) {
  switch (libclang().clang_getCXXAccessSpecifier(c)) {
    case CX_CXXPublic: return "public";
    case CX_CXXProtected: return "protected";
    case CX_CXXPrivate: return "private";
    default: return "";
  }
}

bool has_child_kind(CXCursor c, CXCursorKind kind) {
  for (CXCursor child : children(c))
    if (libclang().clang_getCursorKind(child) == kind) return true;
  return false;
}

// Template parameters by kind, not name: renaming T to U changes nothing for users.
std::vector<std::string> template_params_of(CXCursor c) {
  std::vector<std::string> out;
  for (CXCursor child : children(c)) {
    switch (libclang().clang_getCursorKind(child)) {
      case CXCursor_TemplateTypeParameter: out.push_back("typename"); break;
      case CXCursor_NonTypeTemplateParameter:
        out.push_back(type_of(libclang().clang_getCursorType(child)).canonical);
        break;
      case CXCursor_TemplateTemplateParameter: out.push_back("template"); break;
      default: break;
    }
  }
  return out;
}

bool is_record_kind(CXCursorKind k) {
  return k == CXCursor_StructDecl || k == CXCursor_ClassDecl || k == CXCursor_UnionDecl ||
         k == CXCursor_ClassTemplate || k == CXCursor_ClassTemplatePartialSpecialization;
}

bool is_function_kind(CXCursorKind k) {
  return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_Constructor ||
         k == CXCursor_Destructor || k == CXCursor_ConversionFunction || k == CXCursor_FunctionTemplate;
}

class Extractor {
 public:
  Extractor(CXTranslationUnit tu, std::unordered_map<std::string, std::string> display)
      : tu_(tu), display_(std::move(display)) {}

  Api run() {
    visit_scope(libclang().clang_getTranslationUnitCursor(tu_), "", "");
    spell_dependent_members_alike();
    return std::move(api_);
  }

 private:
  CXTranslationUnit tu_;
  std::unordered_map<std::string, std::string> display_;  // canonical path -> name in findings
  std::unordered_map<CXFile, const std::string*> file_cache_;
  std::unordered_map<std::string, std::unordered_map<std::string, int>> undefs_;  // header -> #undef lines
  int inline_depth_ = 0;  // inline namespaces around the declarations being visited
  // `using typename Base::iterator;` in a class template: its canonical name -> the canonical
  // type an alias `using iterator = typename Base::iterator;` would have.
  std::map<std::string, std::string> dependent_members_;
  std::unordered_map<std::string, std::vector<std::string>> vtables_;  // record USR -> its virtual table
  Api api_;

  // Where a cursor is, in an input header; nothing when it comes from elsewhere.
  std::optional<Location> location_of(CXCursor c) {
    CXFile file = nullptr;
    unsigned line = 0, column = 0;
    libclang().clang_getExpansionLocation(libclang().clang_getCursorLocation(c), &file, &line, &column, nullptr);
    if (!file) return std::nullopt;
    auto cached = file_cache_.find(file);
    if (cached == file_cache_.end()) {
      std::error_code ec;
      fs::path canonical = fs::weakly_canonical(take(libclang().clang_getFileName(file)), ec);
      auto it = display_.find(canonical.string());
      cached = file_cache_.emplace(file, it == display_.end() ? nullptr : &it->second).first;
    }
    if (!cached->second) return std::nullopt;
    Location loc;
    loc.file = *cached->second;
    loc.line = static_cast<int>(line);
    loc.column = static_cast<int>(column);
    return loc;
  }

  // A namespace or record as users name it: enclosing namespaces and classes, inline namespaces
  // left out, as visit_scope and visit_record name them.
  std::string qualified_name(CXCursor c) {
    std::string name = take(libclang().clang_getCursorSpelling(c));
    for (CXCursor p = libclang().clang_getCursorSemanticParent(c);
         !libclang().clang_Cursor_isNull(p) && libclang().clang_getCursorKind(p) != CXCursor_TranslationUnit;
         p = libclang().clang_getCursorSemanticParent(p)) {
      CXCursorKind k = libclang().clang_getCursorKind(p);
      if (k == CXCursor_Namespace && libclang().clang_Cursor_isInlineNamespace(p)) continue;
      if (k != CXCursor_Namespace && !is_record_kind(k)) continue;
      if (std::string outer = take(libclang().clang_getCursorSpelling(p)); !outer.empty()) name = outer + "::" + name;
    }
    return name;
  }

  std::vector<std::string> tokens_of(CXCursor c) {
    CXToken* tokens = nullptr;
    unsigned n = 0;
    libclang().clang_tokenize(tu_, libclang().clang_getCursorExtent(c), &tokens, &n);
    std::vector<std::string> out;
    for (unsigned i = 0; i < n; ++i) out.push_back(take(libclang().clang_getTokenSpelling(tu_, tokens[i])));
    libclang().clang_disposeTokens(tu_, tokens, n);
    return out;
  }

  // Declarations of a namespace, of an extern "C" block, or of the translation unit.
  void visit_scope(CXCursor scope, const std::string& prefix, const std::string& access) {
    for (CXCursor c : children(scope)) {
      CXCursorKind kind = libclang().clang_getCursorKind(c);
      if (kind == CXCursor_Namespace) {
        std::string name = take(libclang().clang_getCursorSpelling(c));
        if (name.empty()) continue;  // anonymous namespace: internal to each includer
        // Each `namespace x {` block is its own cursor: blocks outside the input headers (all of
        // std) are skipped whole.
        std::optional<Location> loc = location_of(c);
        if (!loc) continue;
        std::string qualified = prefix + name;
        // An inline namespace is transparent to users (`lib::v2::X` is written `lib::X`), so its
        // members are named without it; only the symbols carry it (see inline-namespace-changed).
        // An inline namespace inside another (`v3::literals`) is only a grouping: the outer one
        // carries the version.
        bool is_inline = libclang().clang_Cursor_isInlineNamespace(c) != 0;
        api_.namespaces.try_emplace(qualified, Namespace{qualified, *loc, is_inline && inline_depth_ == 0});
        inline_depth_ += is_inline;
        visit_scope(c, is_inline ? prefix : qualified + "::", "");
        inline_depth_ -= is_inline;
      } else if (kind == CXCursor_LinkageSpec || kind == CXCursor_UnexposedDecl) {
        // extern "C" { ... }: libclang 14 shows it as an unexposed declaration.
        if (location_of(c)) visit_scope(c, prefix, access);
      } else if (kind == CXCursor_MacroDefinition) {
        visit_macro(c);
      } else {
        visit_decl(c, prefix, "", access);
      }
    }
  }

  // A declaration at namespace or class scope. `record` is the enclosing record, if any.
  void visit_decl(CXCursor c, const std::string& prefix, const std::string& record, const std::string& access) {
    CXCursorKind kind = libclang().clang_getCursorKind(c);
    if (!is_record_kind(kind) && !is_function_kind(kind) && kind != CXCursor_EnumDecl &&
        kind != CXCursor_TypedefDecl && kind != CXCursor_TypeAliasDecl && kind != CXCursor_TypeAliasTemplateDecl &&
        kind != CXCursor_VarDecl)
      return;
    std::optional<Location> loc = location_of(c);
    if (!loc) return;
    // `void Class::f() {}` at namespace scope defines a member declared in the class: the
    // declaration inside the class is the API. A nested class defined out there
    // (`class Outer::Inner { ... };`) is read in full: its members are only there.
    if (CXCursor parent = libclang().clang_getCursorSemanticParent(c);
        record.empty() && is_record_kind(libclang().clang_getCursorKind(parent))) {
      if (is_record_kind(kind) && libclang().clang_isCursorDefinition(c))
        visit_record(c, qualified_name(parent) + "::", access_of(c), *loc);
      return;
    }
    if (is_record_kind(kind)) visit_record(c, prefix, access, *loc);
    else if (is_function_kind(kind)) visit_function(c, prefix, record, *loc);
    else if (kind == CXCursor_EnumDecl) visit_enum(c, prefix, access, *loc);
    else if (kind == CXCursor_VarDecl) visit_variable(c, prefix, *loc);
    else visit_typedef(c, prefix, access, *loc);
  }

  void visit_record(CXCursor c, const std::string& prefix, const std::string& access, const Location& loc) {
    std::string spelling = take(libclang().clang_getCursorSpelling(c));
    CXType type = libclang().clang_getCursorType(c);
    if (libclang().clang_Cursor_isAnonymousRecordDecl(c)) return;  // its fields are the parent's (see add_fields)
    std::string name;
    if (libclang().clang_getCursorKind(c) == CXCursor_ClassTemplatePartialSpecialization)
      name = prefix + take(libclang().clang_getTypeSpelling(libclang().clang_getCanonicalType(type)));  // ns::X<T*>, by position: X<type-parameter-0-0 *>
    else if (!libclang().clang_Cursor_isNull(libclang().clang_getSpecializedCursorTemplate(c)) && libclang().clang_getCursorKind(c) != CXCursor_ClassTemplate)
      name = take(libclang().clang_getTypeSpelling(libclang().clang_getCanonicalType(type)));  // an explicit specialization: ns::X<int>
    else if (!spelling.empty() && spelling.find("(anonymous") == std::string::npos &&
             spelling.find("(unnamed") == std::string::npos)
      name = prefix + spelling;
    else if (std::string named = take(libclang().clang_getTypeSpelling(libclang().clang_getCanonicalType(type)));
             named.find("(anonymous") == std::string::npos && named.find("(unnamed") == std::string::npos)
      name = named;  // `typedef struct {...} T;`: the typedef names the struct
    else
      return;
    bool definition = libclang().clang_isCursorDefinition(c);
    auto existing = api_.records.find(name);
    if (!definition) {
      // A forward declaration: an opaque type, unless its definition is seen too.
      if (existing == api_.records.end()) {
        Record& r = api_.records[name];
        r.name = name;
        r.kind = record_kind(c);
        r.access = access;
        r.location = loc;
      }
      return;
    }
    if (existing != api_.records.end() && existing->second.is_complete) return;
    Record r;
    r.name = name;
    r.kind = record_kind(c);
    r.access = access;
    r.location = loc;
    r.is_complete = true;
    r.is_final = has_child_kind(c, CXCursor_CXXFinalAttr);
    r.template_params = template_params_of(c);
    long long size = libclang().clang_Type_getSizeOf(type), align = libclang().clang_Type_getAlignOf(type);
    if (size >= 0 && r.template_params.empty()) r.size_bytes = size;
    if (align >= 0 && r.template_params.empty()) r.align_bytes = align;
    add_fields(c, type, r);
    for (CXCursor child : children(c)) {
      CXCursorKind k = libclang().clang_getCursorKind(child);
      if (k == CXCursor_CXXBaseSpecifier) {
        CXType base_type = libclang().clang_getCursorType(child);
        r.bases.push_back({type_of(base_type).canonical, access_of(child), libclang().clang_isVirtualBase(child) != 0});
        if (libclang().clang_isVirtualBase(child)) r.is_polymorphic = true;
      } else if (k == CXCursor_UsingDeclaration) {
        visit_member_using(child, name + "::", access_of(child), loc);
      } else if (k != CXCursor_FieldDecl) {
        visit_decl(child, name + "::", name, access_of(child));
      }
    }
    r.vtable = vtable_of(c);
    if (!r.vtable.empty()) r.is_polymorphic = true;
    r.is_aggregate = is_aggregate(c, r);
    api_.records[name] = std::move(r);
  }

  // Whether users can list-initialise the fields (`T t{1, 2};`): no user-declared constructor,
  // no private or protected field, no virtual function, no base (C structs always can). Only
  // then does the order and number of fields reach user source.
  static bool is_aggregate(CXCursor c, const Record& r) {
    if (r.is_polymorphic || !r.bases.empty()) return false;
    for (const Field& f : r.fields)
      if (access_rank(f.access) > 0) return false;
    for (CXCursor child : children(c))
      if (libclang().clang_getCursorKind(child) == CXCursor_Constructor) return false;
    return true;
  }

  static std::string record_kind(CXCursor c) {
    CXCursorKind k = libclang().clang_getCursorKind(c);
    if (k == CXCursor_ClassTemplate || k == CXCursor_ClassTemplatePartialSpecialization)
      k = libclang().clang_getTemplateCursorKind(c);
    return k == CXCursor_UnionDecl ? "union" : k == CXCursor_StructDecl ? "struct" : "class";
  }

  // Fields in declaration order; members of anonymous structs and unions count as the parent's,
  // with their offsets in the parent.
  void add_fields(CXCursor c, CXType outer, Record& r) {
    for (CXCursor child : children(c)) {
      CXCursorKind k = libclang().clang_getCursorKind(child);
      if ((k == CXCursor_StructDecl || k == CXCursor_UnionDecl) && libclang().clang_Cursor_isAnonymousRecordDecl(child)) {
        add_fields(child, outer, r);
        continue;
      }
      if (k != CXCursor_FieldDecl) continue;
      std::string name = take(libclang().clang_getCursorSpelling(child));
      if (name.empty()) continue;  // an unnamed bit-field: padding, seen through the others' offsets
      Field f;
      f.name = name;
      f.type = type_of(libclang().clang_getCursorType(child));
      long long type_size = libclang().clang_Type_getSizeOf(libclang().clang_getCursorType(child));
      if (type_size >= 0) f.type_size_bytes = type_size;
      long long offset = libclang().clang_Type_getOffsetOf(outer, name.c_str());
      if (offset >= 0 && r.template_params.empty()) f.offset_bits = offset;
      if (libclang().clang_Cursor_isBitField(child)) f.bit_width = libclang().clang_getFieldDeclBitWidth(child);
      f.is_mutable = libclang().clang_CXXField_isMutable(child) != 0;
      f.access = access_of(child);
      f.location = location_of(child).value_or(r.location);
      r.fields.push_back(std::move(f));
    }
  }

  // The virtual table in Itanium order: the primary base's slots, then each virtual method
  // this class declares that overrides none of them. Slots are unqualified signatures.
  // Memoised by USR: template libraries derive through long chains of the same bases, and
  // walking them afresh for every class is exponential.
  std::vector<std::string> vtable_of(CXCursor c, int depth = 0) {
    std::string usr = take(libclang().clang_getCursorUSR(c));
    if (auto known = vtables_.find(usr); !usr.empty() && known != vtables_.end()) return known->second;
    std::vector<std::string> slots;
    if (depth > 32) return slots;
    if (!usr.empty()) vtables_[usr];  // in progress: a base chain that comes back here reads no slots
    for (CXCursor child : children(c)) {
      if (libclang().clang_getCursorKind(child) != CXCursor_CXXBaseSpecifier || libclang().clang_isVirtualBase(child)) continue;
      CXCursor base = libclang().clang_getTypeDeclaration(libclang().clang_getCursorType(child));
      CXCursor def = libclang().clang_getCursorDefinition(base);
      if (!libclang().clang_Cursor_isNull(def)) slots = vtable_of(def, depth + 1);
      // libclang shows no members of an implicit instance (Base<int>): read its template instead.
      if (slots.empty())
        for (CXCursor part : children(child))
          if (libclang().clang_getCursorKind(part) == CXCursor_TemplateRef) {
            CXCursor from_template = libclang().clang_getCursorDefinition(libclang().clang_getCursorReferenced(part));
            if (!libclang().clang_Cursor_isNull(from_template)) slots = vtable_of(from_template, depth + 1);
          }
      if (!slots.empty()) break;  // the first polymorphic non-virtual base is the primary one
    }
    for (CXCursor child : children(c)) {
      CXCursorKind k = libclang().clang_getCursorKind(child);
      if ((k != CXCursor_CXXMethod && k != CXCursor_Destructor) || !libclang().clang_CXXMethod_isVirtual(child)) continue;
      std::string slot = method_slot(child);
      if (std::find(slots.begin(), slots.end(), slot) == slots.end()) slots.push_back(slot);
    }
    if (!usr.empty()) vtables_[usr] = slots;
    return slots;
  }

  // Canonical types name template parameters by position (type-parameter-0-0), except inside
  // decltype(...), which keeps the expression as written: there the names of the function's and
  // its class's template parameters are replaced by position too, so renaming T to U is no change.
  void name_template_params_by_position(CXCursor c, Function& f) {
    std::vector<std::pair<std::string, std::string>> names;
    auto collect = [&](CXCursor owner, const std::string& level) {
      int index = 0;
      for (CXCursor child : children(owner)) {
        CXCursorKind k = libclang().clang_getCursorKind(child);
        if (k != CXCursor_TemplateTypeParameter && k != CXCursor_NonTypeTemplateParameter &&
            k != CXCursor_TemplateTemplateParameter)
          continue;
        std::string name = take(libclang().clang_getCursorSpelling(child));
        if (!name.empty()) names.emplace_back(name, "template-parameter-" + level + "-" + std::to_string(index));
        ++index;
      }
    };
    CXCursor parent = libclang().clang_getCursorSemanticParent(c);
    CXCursorKind parent_kind = libclang().clang_getCursorKind(parent);
    if (parent_kind == CXCursor_ClassTemplate || parent_kind == CXCursor_ClassTemplatePartialSpecialization)
      collect(parent, "class");
    if (libclang().clang_getCursorKind(c) == CXCursor_FunctionTemplate) collect(c, "function");
    if (names.empty()) return;
    auto rename = [&](Type& t) {
      if (t.canonical.find("decltype(") == std::string::npos) return;
      for (const auto& [name, placeholder] : names) t.canonical = replace_word(t.canonical, name, placeholder);
    };
    rename(f.return_type);
    for (Param& p : f.params) rename(p.type);
  }

  std::string method_slot(CXCursor c) {
    Function f = read_function(c, "", "");
    std::string key = f.key();
    if (libclang().clang_getCursorKind(c) == CXCursor_Destructor) return "~()";  // every destructor overrides the base's
    return key;
  }

  // The tokens after `=` in a parameter declaration.
  std::string default_of(CXCursor param) {
    std::string out;
    bool after = false;
    for (const std::string& token : tokens_of(param)) {
      if (after) out += (out.empty() ? "" : " ") + token;
      else if (token == "=") after = true;
    }
    return out;
  }

  Function read_function(CXCursor c, const std::string& prefix, const std::string& record) {
    Function f;
    f.name = prefix + take(libclang().clang_getCursorSpelling(c));
    f.parent = record;
    CXType type = libclang().clang_getCursorType(c);
    f.return_type = type_of(libclang().clang_getResultType(type));
    CXType canonical_fn = libclang().clang_getCanonicalType(type);  // its parameter types are the adjusted ones
    for (CXCursor child : children(c)) {
      CXCursorKind k = libclang().clang_getCursorKind(child);
      if (k == CXCursor_ParmDecl) {
        Param p;
        p.name = take(libclang().clang_getCursorSpelling(child));
        p.type = type_of(libclang().clang_getCursorType(child));
        // The function's own parameter type: without top-level const, arrays as pointers, as
        // the symbol and every caller see it (`void f(const int)` is `void f(int)`).
        // A parameter that became `restrict` is kept apart: the function now assumes its
        // arguments do not alias, which callers must know.
        if (auto index = static_cast<int>(f.params.size()); index < libclang().clang_getNumArgTypes(canonical_fn)) {
          bool restrict = p.type.canonical.size() > 8 && p.type.canonical.compare(p.type.canonical.size() - 8, 8, "restrict") == 0;
          p.type.canonical = type_of(libclang().clang_getArgType(canonical_fn, static_cast<unsigned>(index))).canonical;
          if (restrict) p.type.canonical += " restrict";
        }
        for (CXCursor part : children(child))
          if (libclang().clang_isExpression(libclang().clang_getCursorKind(part))) p.has_default = true;
        if (p.has_default) p.default_value = default_of(child);
        f.params.push_back(std::move(p));
      } else if (k == CXCursor_CXXOverrideAttr) {
        f.is_override = true;
      } else if (k == CXCursor_CXXFinalAttr) {
        f.is_final = true;
      }
    }
    if (libclang().clang_getCursorKind(c) == CXCursor_FunctionTemplate) f.template_params = template_params_of(c);
    name_template_params_by_position(c, f);
    f.is_variadic = libclang().clang_isFunctionTypeVariadic(type) != 0;
    if (is_record_kind(libclang().clang_getCursorKind(libclang().clang_getCursorSemanticParent(c)))) {
      f.is_const = libclang().clang_CXXMethod_isConst(c) != 0;
      f.is_static = libclang().clang_CXXMethod_isStatic(c) != 0;
      f.is_virtual = libclang().clang_CXXMethod_isVirtual(c) != 0;
      f.is_pure = libclang().clang_CXXMethod_isPureVirtual(c) != 0;
      f.access = access_of(c);
      if (f.access.empty()) f.access = "public";
    }
    // A method's cv-qualifiers follow its parameter list in the type's spelling: int (int) const volatile.
    std::string spelled = take(libclang().clang_getTypeSpelling(type));
    f.is_volatile = spelled.find("volatile", spelled.rfind(')') == std::string::npos ? 0 : spelled.rfind(')')) !=
                    std::string::npos;
    CXRefQualifierKind ref = libclang().clang_Type_getCXXRefQualifier(type);
    f.ref_qualifier = ref == CXRefQualifier_LValue ? "&" : ref == CXRefQualifier_RValue ? "&&" : "";
    int spec = libclang().clang_getCursorExceptionSpecificationType(c);
    // A defaulted special member's exception specification is computed only when something
    // uses it (Unevaluated otherwise): it follows the members, which are compared themselves.
    f.is_noexcept = spec == CXCursor_ExceptionSpecificationKind_BasicNoexcept ||
                    spec == CXCursor_ExceptionSpecificationKind_ComputedNoexcept ||
                    spec == CXCursor_ExceptionSpecificationKind_DynamicNone ||
                    spec == CXCursor_ExceptionSpecificationKind_Unevaluated;
    f.is_deleted = libclang().clang_getCursorAvailability(c) == CXAvailability_NotAvailable;
    // Defined in the header (inline, constexpr, in the class body) or a template: users compile
    // their own copy, and no library symbol stands behind it.
    CXCursorKind parent_kind = libclang().clang_getCursorKind(libclang().clang_getCursorSemanticParent(c));
    f.is_inline = libclang().clang_Cursor_isFunctionInlined(c) != 0 || !f.template_params.empty() ||
                  parent_kind == CXCursor_ClassTemplate || parent_kind == CXCursor_ClassTemplatePartialSpecialization;
    if (record.empty() && f.template_params.empty()) {
      std::string symbol = take(libclang().clang_Cursor_getMangling(c));
      f.is_extern_c = !symbol.empty() && symbol.rfind("_Z", 0) != 0;
    }
    return f;
  }

  void visit_function(CXCursor c, const std::string& prefix, const std::string& record, const Location& loc) {
    Function f = read_function(c, prefix, record);
    f.location = loc;
    std::string key = f.key();
    api_.functions.try_emplace(key, std::move(f));  // the first declaration is the one users see
  }

  void visit_enum(CXCursor c, const std::string& prefix, const std::string& access, const Location& loc) {
    std::string spelling = take(libclang().clang_getCursorSpelling(c));
    auto unnamed = [](const std::string& s) {
      return s.empty() || s.find("(anonymous") != std::string::npos || s.find("(unnamed") != std::string::npos;
    };
    std::string name = prefix + spelling;
    if (unnamed(spelling)) {
      // `typedef enum { ... } Mode;` is named by its typedef; the constants of a truly anonymous
      // enum live in the enclosing scope: one pseudo-enum per scope.
      std::string named = take(libclang().clang_getTypeSpelling(libclang().clang_getCanonicalType(libclang().clang_getCursorType(c))));
      name = unnamed(named) ? prefix + "(anonymous enum)" : without_tag_keywords(named);
    }
    Enum& e = api_.enums[name];
    bool fresh = e.name.empty();
    e.name = name;
    if (fresh) {
      e.underlying = type_of(libclang().clang_getEnumDeclIntegerType(c));
      e.is_scoped = libclang().clang_EnumDecl_isScoped(c) != 0;
      e.access = access;
      e.location = loc;
    }
    bool is_unsigned = e.underlying.canonical.find("unsigned") != std::string::npos ||
                       e.underlying.canonical == "bool" || e.underlying.canonical == "char16_t" ||
                       e.underlying.canonical == "char32_t";
    for (CXCursor child : children(c)) {
      if (libclang().clang_getCursorKind(child) != CXCursor_EnumConstantDecl) continue;
      Enumerator en;
      en.name = take(libclang().clang_getCursorSpelling(child));
      en.value = is_unsigned ? static_cast<int64_t>(libclang().clang_getEnumConstantDeclUnsignedValue(child))
                             : libclang().clang_getEnumConstantDeclValue(child);
      en.location = location_of(child).value_or(loc);
      e.enumerators.push_back(std::move(en));
    }
  }

  // `using typename Base::name;` names a member type of a dependent base. clang keeps it as an
  // opaque `Outer::name`, while the alias `using name = typename Base::name;` is canonically
  // `typename Base::name`: both spellings are recorded as the latter, so switching between the
  // two forms is no change.
  void visit_member_using(CXCursor c, const std::string& prefix, const std::string& access, const Location& loc) {
    CXType type = libclang().clang_getCursorType(c);
    if (type.kind != CXType_Unexposed) return;  // `using Base::f;` brings functions, not a type
    std::string base;
    for (CXCursor child : children(c))
      if (libclang().clang_getCursorKind(child) == CXCursor_TypeRef)
        base = type_of(libclang().clang_getCursorType(child)).canonical;
    if (base.empty()) return;
    std::string name = take(libclang().clang_getCursorSpelling(c));
    Typedef t;
    t.name = prefix + name;
    t.access = access;
    t.location = location_of(c).value_or(loc);
    t.target = type_of(type);
    std::string opaque = t.target.canonical;
    t.target.canonical = "typename " + base + "::" + name;
    dependent_members_[opaque] = t.target.canonical;
    api_.typedefs[t.name] = std::move(t);
  }

  void spell_dependent_members_alike() {
    if (dependent_members_.empty()) return;
    auto respell = [&](Type& t) {
      for (const auto& [opaque, canonical] : dependent_members_)
        if (t.canonical.find(opaque) != std::string::npos) t.canonical = replace_word(t.canonical, opaque, canonical);
    };
    std::map<std::string, Function> functions;
    for (auto& [key, f] : api_.functions) {
      respell(f.return_type);
      for (Param& p : f.params) respell(p.type);
      functions.try_emplace(f.key(), std::move(f));
    }
    api_.functions = std::move(functions);
    for (auto& [name, r] : api_.records)
      for (Field& f : r.fields) respell(f.type);
    for (auto& [name, t] : api_.typedefs) respell(t.target);
    for (auto& [name, v] : api_.variables) respell(v.type);
  }

  void visit_typedef(CXCursor c, const std::string& prefix, const std::string& access, const Location& loc) {
    Typedef t;
    t.name = prefix + take(libclang().clang_getCursorSpelling(c));
    t.access = access;
    t.location = loc;
    CXCursor decl = c;
    if (libclang().clang_getCursorKind(c) == CXCursor_TypeAliasTemplateDecl) {
      t.template_params = template_params_of(c);
      for (CXCursor child : children(c))
        if (libclang().clang_getCursorKind(child) == CXCursor_TypeAliasDecl) decl = child;
    }
    t.target = type_of(libclang().clang_getTypedefDeclUnderlyingType(decl));
    api_.typedefs[t.name] = std::move(t);
  }

  void visit_variable(CXCursor c, const std::string& prefix, const Location& loc) {
    Variable v;
    v.name = prefix + take(libclang().clang_getCursorSpelling(c));
    CXType type = libclang().clang_getCursorType(c);
    v.type = type_of(type);
    v.access = access_of(c);
    for (const std::string& token : tokens_of(c)) {
      if (token == "constexpr") v.is_constexpr = true;
      if (token == "=" || token == "{") break;
    }
    if (v.is_constexpr || libclang().clang_isConstQualifiedType(type)) v.value = constant_value(c);
    v.location = loc;
    api_.variables[v.name] = std::move(v);
  }

  static std::optional<std::string> constant_value(CXCursor c) {
    CXEvalResult result = libclang().clang_Cursor_Evaluate(c);
    if (!result) return std::nullopt;
    std::optional<std::string> out;
    switch (libclang().clang_EvalResult_getKind(result)) {
      case CXEval_Int:
        out = libclang().clang_EvalResult_isUnsignedInt(result) ? std::to_string(libclang().clang_EvalResult_getAsUnsigned(result))
                                                       : std::to_string(libclang().clang_EvalResult_getAsLongLong(result));
        break;
      case CXEval_Float: {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", libclang().clang_EvalResult_getAsDouble(result));
        out = buf;
        break;
      }
      case CXEval_StrLiteral: out = "\"" + std::string(libclang().clang_EvalResult_getAsStr(result)) + "\""; break;
      default: break;
    }
    libclang().clang_EvalResult_dispose(result);
    return out;
  }

  // Object-like macros that expand to an expression: a constant (`(1 << 3)`), another name
  // (`#define OLD_NAME NEW_NAME`, a compatibility alias) or a formula over names
  // (`(SIZE_U64 * sizeof(unsigned long long))`). Empty macros (include guards, switches) and
  // those that expand to declarations or attributes are no value users read.
  static bool expression_token(CXTokenKind kind, const std::string& spelling) {
    static const std::set<std::string> expression_keywords{
        "sizeof", "alignof", "_Alignof", "unsigned", "signed", "long", "int", "short", "char", "const", "volatile",
        "void", "float", "double", "_Bool", "bool", "true", "false", "nullptr", "static_cast", "reinterpret_cast",
        "const_cast"};
    if (kind == CXToken_Keyword) return expression_keywords.count(spelling) > 0;
    if (kind == CXToken_Punctuation) return spelling != "{" && spelling != "}" && spelling != ";" && spelling != "#" && spelling != "##";
    return true;
  }

  void visit_macro(CXCursor c) {
    if (libclang().clang_Cursor_isMacroBuiltin(c)) return;
    std::optional<Location> loc = location_of(c);
    if (!loc) return;
    CXToken* tokens = nullptr;
    unsigned n = 0;
    libclang().clang_tokenize(tu_, libclang().clang_getCursorExtent(c), &tokens, &n);
    // A function-like macro is API whatever it expands to (`CURL_OFF_T_C(v)`): its name and
    // parameters are what user code writes.
    bool function_like = libclang().clang_Cursor_isMacroFunctionLike(c) != 0;
    std::optional<std::string> params;
    unsigned first = 1;
    if (function_like) {
      params.emplace();
      for (first = 2; first < n; ++first) {
        std::string spelling = take(libclang().clang_getTokenSpelling(tu_, tokens[first]));
        if (spelling == ")") break;
        *params += spelling == "," ? ", " : spelling;
      }
      ++first;
    }
    std::string value;
    bool constant = n > first || function_like;
    unsigned previous_end = 0;
    for (unsigned i = first; i < n && constant; ++i) {
      CXTokenKind kind = libclang().clang_getTokenKind(tokens[i]);
      if (kind == CXToken_Comment) continue;  // `(4 + x /* note */)`: the comment is no part of the value
      std::string spelling = take(libclang().clang_getTokenSpelling(tu_, tokens[i]));
      if (!function_like && !expression_token(kind, spelling)) constant = false;
      CXSourceRange extent = libclang().clang_getTokenExtent(tu_, tokens[i]);
      unsigned start = 0, end = 0;
      libclang().clang_getFileLocation(libclang().clang_getRangeStart(extent), nullptr, nullptr, nullptr, &start);
      libclang().clang_getFileLocation(libclang().clang_getRangeEnd(extent), nullptr, nullptr, nullptr, &end);
      if (i > first && start != previous_end) value += ' ';
      value += spelling;
      previous_end = end;
    }
    std::string name = n > 0 ? take(libclang().clang_getTokenSpelling(tu_, tokens[0])) : "";
    libclang().clang_disposeTokens(tu_, tokens, n);
    if (!constant || name.empty() || undefined_later(*loc, name)) return;
    api_.macros[name] = Macro{name, value, *loc, params};
  }

  // `X` from a line `  #  undef X`, read by hand (a regex recursed per character of a long line).
  static std::string undefined_name(std::string_view line) {
    auto blank = [](char c) { return c == ' ' || c == '\t'; };
    auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    size_t i = 0;
    while (i < line.size() && blank(line[i])) ++i;
    if (i >= line.size() || line[i] != '#') return "";
    for (++i; i < line.size() && blank(line[i]);) ++i;
    if (line.compare(i, 5, "undef") != 0) return "";
    size_t from = i += 5;
    while (i < line.size() && blank(line[i])) ++i;
    if (i == from) return "";
    size_t start = i;
    while (i < line.size() && word_char(line[i])) ++i;
    return std::string(line.substr(start, i - start));
  }

  // `#define X 1` ... `#undef X` in the same header: X is not part of the API. The preprocessing
  // record has no cursor for #undef, so the header's text is read.
  bool undefined_later(const Location& where, const std::string& name) {
    auto it = undefs_.find(where.file);
    if (it == undefs_.end()) {
      std::unordered_map<std::string, int> last;  // macro -> line of its last #undef
      std::ifstream in(where.file, std::ios::binary);
      int n = 0;
      for (std::string line; std::getline(in, line);)
        if (++n, line.find("undef") != std::string::npos)
          if (std::string name = undefined_name(line); !name.empty()) last[name] = n;
      it = undefs_.emplace(where.file, std::move(last)).first;
    }
    auto at = it->second.find(name);
    return at != it->second.end() && at->second > where.line;
  }
};

// Owns a libclang index and translation unit.
struct Parsed {
  CXIndex index = nullptr;
  CXTranslationUnit tu = nullptr;
  ~Parsed() {
    if (tu) libclang().clang_disposeTranslationUnit(tu);
    if (index) libclang().clang_disposeIndex(index);
  }
};

using DisplayNames = std::unordered_map<std::string, std::string>;  // canonical path -> name in messages

std::string place_of(CXSourceLocation location, const DisplayNames& display) {
  CXFile file = nullptr;
  unsigned line = 0, column = 0;
  libclang().clang_getExpansionLocation(location, &file, &line, &column, nullptr);
  if (!file) return "";
  std::string name = take(libclang().clang_getFileName(file));
  std::error_code ec;
  if (auto it = display.find(fs::weakly_canonical(name, ec).string()); it != display.end()) name = it->second;
  return name + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// The first error as "file:line:col: message". An error at the end of the in-memory file that
// includes the headers (an unclosed brace) is placed where its note points, in a header.
std::string first_errors(CXTranslationUnit tu, const DisplayNames& display, const std::string& umbrella,
                         const std::string& last_header, size_t* count) {
  std::string first;
  *count = 0;
  unsigned n = libclang().clang_getNumDiagnostics(tu);
  for (unsigned i = 0; i < n; ++i) {
    CXDiagnostic d = libclang().clang_getDiagnostic(tu, i);
    if (libclang().clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error && ++*count == 1) {
      std::string where = place_of(libclang().clang_getDiagnosticLocation(d), display);
      std::string message = take(libclang().clang_getDiagnosticSpelling(d));
      if (where.empty() || where.rfind(umbrella, 0) == 0) {
        where = last_header;
        CXDiagnosticSet notes = libclang().clang_getChildDiagnostics(d);
        if (libclang().clang_getNumDiagnosticsInSet(notes) > 0) {
          CXDiagnostic note = libclang().clang_getDiagnosticInSet(notes, 0);
          where = place_of(libclang().clang_getDiagnosticLocation(note), display);
          message += " (" + take(libclang().clang_getDiagnosticSpelling(note)) + ")";
          libclang().clang_disposeDiagnostic(note);
        }
        message += " at the end of the header";
      }
      first = (where.empty() ? "" : where + ": ") + message;
    }
    libclang().clang_disposeDiagnostic(d);
  }
  return first;
}

}  // namespace

bool is_header_path(const fs::path& p) {
  static const std::set<std::string> extensions{".h", ".hh", ".hpp", ".hxx", ".h++", ".H"};
  return extensions.count(p.extension().string()) > 0;
}

std::vector<fs::path> headers_of(const std::string& input, const std::vector<std::string>& exclude) {
  std::error_code ec;
  if (!fs::is_directory(input, ec)) return {fs::path(input)};
  std::vector<fs::path> out;
  for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec) || !is_header_path(it->path())) continue;
    std::string rel = it->path().lexically_relative(input).generic_string();
    if (std::any_of(exclude.begin(), exclude.end(), [&](const std::string& g) { return glob_match(g, rel); })) continue;
    out.push_back(it->path().lexically_normal());
  }
  check_files_limit(out.size(), input);
  std::sort(out.begin(), out.end());
  return out;
}

bool is_cpp_input(const std::string& input) {
  std::error_code ec;
  fs::path p(input);
  if (fs::is_regular_file(p, ec)) return is_header_path(p) || looks_like_api_json(input);
  if (!fs::is_directory(p, ec)) return false;
  bool headers = false;
  for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    if (it->path().extension() == ".proto") return false;
    if (is_header_path(it->path())) headers = true;
  }
  return headers;
}

namespace {

struct Included {
  std::string name;  // the text between the quotes or brackets
  int line;
};

// What a header includes, read from its #include lines.
std::vector<Included> included_names(const fs::path& header) {
  std::vector<Included> out;
  std::ifstream in(header, std::ios::binary);
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    size_t at = line.find_first_not_of(" \t");
    if (at == std::string::npos || line[at] != '#') continue;
    at = line.find_first_not_of(" \t", at + 1);
    if (at == std::string::npos || line.compare(at, 7, "include") != 0) continue;
    size_t open = line.find_first_of("\"<", at + 7);
    if (open == std::string::npos) continue;
    size_t close = line.find(line[open] == '"' ? '"' : '>', open + 1);
    if (close != std::string::npos) out.push_back({line.substr(open + 1, close - open - 1), n});
  }
  return out;
}

// The folders an #include is looked up in: the -I, -iquote and -isystem ones of the flags.
std::vector<fs::path> include_dirs(const std::vector<std::string>& flags) {
  std::vector<fs::path> out;
  for (size_t i = 0; i < flags.size(); ++i)
    for (std::string_view option : {"-I", "-iquote", "-isystem", "-idirafter"})
      if (flags[i].rfind(option, 0) == 0) {
        if (flags[i].size() > option.size()) out.emplace_back(flags[i].substr(option.size()));
        else if (i + 1 < flags.size()) out.emplace_back(flags[++i]);
        break;
      }
  return out;
}

// libclang reads an included device or FIFO until it ends, and `/dev/zero` never does: the
// files the headers include, and the files those include, are looked up first and anything that
// is not a regular file is refused. An #include spelled through a macro is not seen here.
void refuse_special_includes(const std::vector<fs::path>& headers, const std::vector<fs::path>& dirs) {
  constexpr size_t kMaxScanned = 20'000;  // files; system folders given with -isystem stay bounded
  std::set<fs::path> seen;
  std::vector<fs::path> todo = headers;
  while (!todo.empty() && seen.size() < kMaxScanned) {
    fs::path file = todo.back().lexically_normal();
    todo.pop_back();
    if (!seen.insert(file).second) continue;
    for (const Included& inc : included_names(file)) {
      fs::path name(inc.name);
      std::vector<fs::path> candidates{name.is_absolute() ? name : file.parent_path() / name};
      if (!name.is_absolute())
        for (const fs::path& d : dirs) candidates.push_back(d / name);
      for (const fs::path& candidate : candidates) {
        std::error_code ec;
        fs::file_status status = fs::status(candidate, ec);
        if (ec || !fs::exists(status) || fs::is_directory(status)) continue;
        if (fs::is_regular_file(status)) {
          todo.push_back(candidate);
          break;
        }
        throw InputError(file.string() + ":" + std::to_string(inc.line) + ": #include \"" + inc.name + "\" names " +
                         candidate.string() + ", which is not a regular file: driftcheck reads only regular files");
      }
    }
  }
}

// The order in which the in-memory file includes the headers: those that no other input header
// includes first (umbrella headers, which are self-contained by design and include their parts
// in the order the parts need), then the rest, each group by path. Parts included on their own
// first can fail: `uv/threadpool.h` uses a type that `uv.h` defines before including it.
std::vector<fs::path> umbrella_order(std::vector<fs::path> headers) {
  std::set<std::string> included;  // generic paths of input headers that another input includes
  for (const fs::path& h : headers)
    for (const Included& inc : included_names(h)) {
      std::string suffix = "/" + fs::path(inc.name).lexically_normal().generic_string();
      for (const fs::path& other : headers) {
        std::string path = "/" + other.generic_string();
        if (other != h && path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0)
          included.insert(other.generic_string());
      }
    }
  std::stable_sort(headers.begin(), headers.end(), [&](const fs::path& a, const fs::path& b) {
    bool a_part = included.count(a.generic_string()) > 0, b_part = included.count(b.generic_string()) > 0;
    if (a_part != b_part) return !a_part;
    return a.generic_string() < b.generic_string();
  });
  return headers;
}

// Whether the flags ask for C (`-x c`, `-x c-header`, `-xc`, or a C `-std=`): then no C++
// language or standard is added.
bool flags_ask_for_c(const std::vector<std::string>& flags) {
  for (size_t i = 0; i < flags.size(); ++i) {
    std::string language = flags[i] == "-x" && i + 1 < flags.size() ? flags[i + 1]
                           : flags[i].rfind("-x", 0) == 0 && flags[i].size() > 2 ? flags[i].substr(2)
                                                                                 : "";
    if (language == "c" || language == "c-header") return true;
    if (!language.empty()) return false;
  }
  for (const std::string& f : flags)
    if (f.rfind("-std=", 0) == 0) {
      std::string std = f.substr(5);
      return std.find("++") == std::string::npos && (std.rfind("c", 0) == 0 || std.rfind("gnu", 0) == 0 || std.rfind("iso9899", 0) == 0);
    }
  return false;
}

}  // namespace

Api extract_api(const std::vector<fs::path>& headers, const fs::path& include_root, const ParseOptions& options) {
  if (headers.empty()) throw InputError(include_root.string() + ": no C++ headers (.h .hh .hpp .hxx .h++) found");
  std::unordered_map<std::string, std::string> display;
  std::string umbrella;
  Api api;
  std::error_code ec;
  fs::path display_root = options.display_root.empty() ? fs::path() : fs::weakly_canonical(options.display_root, ec);
  for (const fs::path& h : headers) {
    if (!fs::is_regular_file(h, ec)) throw InputError(h.string() + ": no such file");
    fs::path canonical = fs::weakly_canonical(h, ec);
    std::string name = display_root.empty() ? h.lexically_normal().string()
                                            : canonical.lexically_relative(display_root).generic_string();
    display[canonical.string()] = name;
    api.headers.push_back(name);
  }
  std::vector<fs::path> dirs = include_dirs(options.flags);
  if (!include_root.empty()) dirs.push_back(include_root);
  refuse_special_includes(headers, dirs);
  for (const fs::path& h : umbrella_order(headers))
    umbrella += "#include \"" + fs::weakly_canonical(h, ec).string() + "\"\n";
  // The in-memory file sits beside the headers, so their quoted includes resolve as usual.
  fs::path base = include_root.empty() ? fs::weakly_canonical(headers.front()).parent_path()
                                       : fs::weakly_canonical(include_root);
  std::string umbrella_name = (base / "driftcheck-headers.cpp").string();

  std::vector<std::string> args;
  bool has_language = false, has_std = false;
  for (const std::string& f : options.flags) {
    if (f == "-x" || f.rfind("-x", 0) == 0) has_language = true;
    if (f.rfind("-std=", 0) == 0) has_std = true;
  }
  bool c = flags_ask_for_c(options.flags);
  if (!has_language) args.insert(args.end(), {"-x", c ? "c" : "c++"});
  if (!has_std && !c) args.push_back("-std=c++17");
  if (!include_root.empty()) args.push_back("-I" + base.string());
  args.insert(args.end(), options.flags.begin(), options.flags.end());
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());

  CXUnsavedFile unsaved{umbrella_name.c_str(), umbrella.c_str(), static_cast<unsigned long>(umbrella.size())};
  Parsed parsed;
  parsed.index = libclang().clang_createIndex(0, 0);
  unsigned flags = CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_DetailedPreprocessingRecord |
                   CXTranslationUnit_KeepGoing;
  CXErrorCode rc = libclang().clang_parseTranslationUnit2(parsed.index, umbrella_name.c_str(), argv.data(),
                                               static_cast<int>(argv.size()), &unsaved, 1, flags, &parsed.tu);
  std::string label = include_root.empty() ? api.headers.front() : include_root.string();
  if (rc != CXError_Success || !parsed.tu) throw InputError(label + ": libclang could not parse the headers");
  size_t errors = 0;
  std::string first = first_errors(parsed.tu, display, umbrella_name, api.headers.back(), &errors);
  if (errors && !options.allow_errors)
    throw InputError(first + (errors == 2 ? " (and 1 more error)"
                              : errors > 2 ? " (and " + std::to_string(errors - 1) + " more errors)"
                                           : "") +
                     " (--allow-errors to check anyway)");
  Api extracted = Extractor(parsed.tu, std::move(display)).run();
  extracted.headers = std::move(api.headers);
  return extracted;
}

Api load_api(const std::string& input, const ParseOptions& options) {
  std::error_code ec;
  if (!fs::exists(input, ec)) throw InputError(input + ": no such file or folder");
  if (fs::is_regular_file(input, ec) && !is_header_path(input)) return read_api_json(input);
  bool folder = fs::is_directory(input, ec);
  return extract_api(headers_of(input, options.exclude), folder ? fs::path(input) : fs::path(), options);
}

}  // namespace driftcheck::cpp
