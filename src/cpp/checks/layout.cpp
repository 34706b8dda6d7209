// Object layout: fields, their offsets and types, the record's size and alignment, and the
// access of members and nested types. Layout matters even for private fields: users allocate
// the object and inline code reads it at fixed offsets.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "cpp/checks/checks.h"

namespace driftcheck::cpp {

namespace {

const Field* find_field(const Record& r, const std::string& name) {
  auto it = std::find_if(r.fields.begin(), r.fields.end(), [&](const Field& f) { return f.name == name; });
  return it == r.fields.end() ? nullptr : &*it;
}

// Builtin integer types by signedness; nothing for other types.
std::optional<bool> integer_signedness(const std::string& canonical) {
  static const std::set<std::string> is_signed{"signed char", "short", "int", "long", "long long", "wchar_t"};
  static const std::set<std::string> is_unsigned{"unsigned char", "unsigned short", "unsigned int", "unsigned long",
                                                 "unsigned long long", "char8_t", "char16_t", "char32_t"};
  if (is_signed.count(canonical)) return true;
  if (is_unsigned.count(canonical)) return false;
  return std::nullopt;
}

// `unsigned int` -> `char32_t`: another type to the compiler, the same bytes to binaries.
bool same_integer_layout(const Field& a, const Field& b) {
  auto sa = integer_signedness(a.type.canonical), sb = integer_signedness(b.type.canonical);
  return sa && sb && *sa == *sb && a.type_size_bytes > 0 && a.type_size_bytes == b.type_size_bytes &&
         a.bit_width == b.bit_width;
}

bool only_top_level_cv_changed(const Type& a, const Type& b) {
  auto strip = [](std::string s) {
    for (bool again = true; again;) {
      again = false;
      for (const char* q : {"const ", "volatile "})
        if (s.rfind(q, 0) == 0) s.erase(0, std::string(q).size()), again = true;
      // "int *const", "T const": a trailing qualifier after a space or a '*'.
      for (std::string q : {"const", "volatile"})
        if (s.size() > q.size() && s.compare(s.size() - q.size(), std::string::npos, q) == 0 &&
            (s[s.size() - q.size() - 1] == ' ' || s[s.size() - q.size() - 1] == '*')) {
          s.erase(s.size() - q.size());
          while (!s.empty() && s.back() == ' ') s.pop_back();
          again = true;
        }
    }
    return s;
  };
  return strip(a.canonical) == strip(b.canonical);
}

// What a type holds, scalar by scalar: `void *[2]` and `struct { T* next; T* prev; }` are both
// "p,p"; nothing when the type is not known well enough (a template, an incomplete record).
std::optional<std::string> scalars(std::string t, const Api& api, int depth = 0) {
  if (depth > 8) return std::nullopt;
  for (bool again = true; again;) {
    again = false;
    for (const char* q : {"const ", "volatile "})
      if (t.rfind(q, 0) == 0) t.erase(0, std::string(q).size()), again = true;
  }
  if (!t.empty() && (t.back() == '*' || t.find("(*)") != std::string::npos)) return std::string("p");
  if (!t.empty() && t.back() == ']') {
    size_t open = t.rfind('[');
    if (open == std::string::npos) return std::nullopt;
    int64_t count = std::atoll(t.c_str() + open + 1);
    std::string element = t.substr(0, open);
    while (!element.empty() && element.back() == ' ') element.pop_back();
    auto inner = scalars(element, api, depth + 1);
    if (!inner || count <= 0) return std::nullopt;
    if (count > 64) return std::to_string(count) + "x(" + *inner + ")";
    std::string out;
    for (int64_t i = 0; i < count; ++i) out += (i ? "," : "") + *inner;
    return out;
  }
  static const std::map<std::string, std::string> builtins{
      {"char", "i8"}, {"signed char", "i8"}, {"unsigned char", "u8"}, {"bool", "u8"}, {"_Bool", "u8"},
      {"short", "i16"}, {"unsigned short", "u16"}, {"int", "i32"}, {"unsigned int", "u32"}, {"long", "i64"},
      {"unsigned long", "u64"}, {"long long", "i64"}, {"unsigned long long", "u64"}, {"float", "f32"},
      {"double", "f64"}, {"long double", "f128"}};
  if (auto b = builtins.find(t); b != builtins.end()) return b->second;
  if (auto e = api.enums.find(t); e != api.enums.end()) return scalars(e->second.underlying.canonical, api, depth + 1);
  auto rec = api.records.find(t);
  if (rec == api.records.end() || !rec->second.is_complete || !rec->second.template_params.empty() ||
      rec->second.kind == "union")
    return std::nullopt;
  std::string out;
  for (const Field& f : rec->second.fields) {
    auto inner = scalars(f.type.canonical, api, depth + 1);
    if (!inner || f.bit_width >= 0) return std::nullopt;
    out += (out.empty() ? "" : ",") + *inner;
  }
  return out.empty() ? std::nullopt : std::optional<std::string>(out);
}

// The same bytes in the same places: size and offset unchanged, and the same scalars inside, in
// a type whose shape changed (an array became a struct, a struct another struct). One scalar
// that became another (a pointer to A, a pointer to B) is a real type change.
bool same_layout(const Field& a, const Api& old_api, const Field& b, const Api& new_api) {
  auto compound = [](const Field& f, const Api& api) {
    const std::string& t = f.type.canonical;
    return (!t.empty() && t.back() == ']') || api.records.count(t) > 0;
  };
  if (!compound(a, old_api) && !compound(b, new_api)) return false;
  if (a.type_size_bytes <= 0 || a.type_size_bytes != b.type_size_bytes || a.offset_bits != b.offset_bits ||
      a.bit_width != b.bit_width)
    return false;
  auto sa = scalars(a.type.canonical, old_api), sb = scalars(b.type.canonical, new_api);
  return sa && sb && *sa == *sb;
}

// A record only the library allocates: some function returns a pointer to it, no function
// takes it, and no other record embeds it (curl_version_info_data). Users only read it through
// the pointer, so fields appended at its end reach no allocation of theirs.
bool library_owned(const Api& api, const std::string& name) {
  bool returned = false;
  for (const auto& [key, f] : api.functions) {
    for (const Param& p : f.params)
      if (base_name(p.type.canonical) == name) return false;
    const std::string& result = f.return_type.canonical;
    if (base_name(result) == name) {
      if (result.empty() || result.back() != '*') return false;
      returned = true;
    }
  }
  if (!returned) return false;
  for (const auto& [other, rec] : api.records)
    for (const Field& f : rec.fields)
      if (base_name(f.type.canonical) == name && f.type.canonical.find('*') == std::string::npos) return false;
  return true;
}

// Fields were only appended: every old field keeps its offset and comes before every new one.
bool only_appended(const Record& o, const Record& n) {
  bool seen_new = false;
  for (const Field& f : n.fields) {
    const Field* before = find_field(o, f.name);
    if (!before) seen_new = true;
    else if (seen_new || before->offset_bits != f.offset_bits) return false;
  }
  return n.fields.size() > o.fields.size();
}

// A plain field holds as many bits as its type: `unsigned char m` and `unsigned char m : 8` are
// the same storage and the same values.
int64_t width_in_bits(const Field& f) {
  return f.bit_width >= 0 ? f.bit_width : f.type_size_bytes > 0 ? f.type_size_bytes * 8 : -1;
}

std::string bits(int64_t b) {
  return b % 8 == 0 ? "byte " + std::to_string(b / 8) : "bit " + std::to_string(b);
}

void fields(const CheckContext& ctx, Reporter& r) {
  for_each_record_pair(ctx, [&](const Record& o, const Record& n) {
    std::vector<std::string> old_order, new_order;
    for (const Field& f : o.fields) {
      const Field* now = find_field(n, f.name);
      // Private fields are the class's own business; what users feel of them (size, offsets of
      // the other fields) is reported below.
      bool internal = access_rank(f.access) == 2 && (!now || access_rank(now->access) == 2);
      if (!now && internal) continue;
      if (!now) {
        r.changed("field-removed", f.location, n.location, n.name + "::" + f.name,
                  "field " + q(n.name + "::" + f.name) + " was removed: code that uses it no longer compiles, "
                                                        "and the fields after it move");
        continue;
      }
      old_order.push_back(f.name);
      std::string path = n.name + "::" + f.name;
      if (internal && only_top_level_cv_changed(f.type, now->type)) {
        // `Rep* rep_` -> `Rep* const rep_`: the same bytes, and no user code names a private field.
      } else if (!(f.type == now->type) && same_layout(f, ctx.old_api, *now, ctx.new_api)) {
        r.changed("field-type-changed-same-layout", f.location, now->location, path,
                  "field " + q(path) + " changed type " + from_to(f.type, now->type) +
                      ", with the same bytes in the same places: binaries are unaffected, but code that uses "
                      "the field by its old type no longer compiles");
      } else if (same_integer_layout(f, *now) && !(f.type == now->type)) {
        r.changed("field-integer-type-changed", f.location, now->location, path,
                  "field " + q(path) + " changed type from " + q(f.type.spelled) + " to " + q(now->type.spelled) +
                      ", of the same size and signedness: binaries are unaffected, but pointers to it, "
                      "overloads and template deduction see another type");
      } else if (!(f.type == now->type) ||
                 ((f.bit_width >= 0 || now->bit_width >= 0) && width_in_bits(f) != width_in_bits(*now))) {
        std::string what = !(f.type == now->type) ? "type " + from_to(f.type, now->type)
                                                  : "bit-field width from " + std::to_string(f.bit_width) + " to " +
                                                        std::to_string(now->bit_width);
        // A private field is no user's source; what it changes is the code the class's inline
        // methods compiled into user binaries.
        r.changed("field-type-changed", f.location, now->location, path,
                  "field " + q(path) + " changed " + what +
                      (internal ? ": inline code compiled into user binaries reads it as the old type"
                                : ": code that reads or writes it sees another value"))
            .breaks = internal ? breaks_abi : breaks_source | breaks_abi;
      }
      if (f.offset_bits >= 0 && now->offset_bits >= 0 && f.offset_bits != now->offset_bits)
        r.changed("field-offset-changed", f.location, now->location, path,
                  "field " + q(path) + " moved from " + bits(f.offset_bits) + " to " + bits(now->offset_bits) +
                      ": binaries built against the old layout read the wrong bytes");
      if (f.is_mutable && !now->is_mutable)
        r.changed("field-mutable-removed", f.location, now->location, path,
                  "field " + q(path) + " is no longer mutable: code that changes it through a const object no "
                                       "longer compiles");
      if (access_rank(now->access) > access_rank(f.access))
        r.changed("member-access-narrowed", f.location, now->location, path,
                  "field " + q(path) + " went from " + f.access + " to " + now->access +
                      ": code outside the class that uses it no longer compiles");
    }
    // Appended to a struct only the library allocates: no user allocation sees the growth.
    bool appended_to_library_record = only_appended(o, n) && library_owned(ctx.new_api, n.name);
    for (const Field& f : n.fields) {
      if (find_field(o, f.name)) {
        new_order.push_back(f.name);
        continue;
      }
      if (access_rank(f.access) == 2) continue;  // visible through size and offsets
      if (appended_to_library_record) continue;
      // At the end: no field of the old record follows it.
      bool last = std::none_of(&f + 1, n.fields.data() + n.fields.size(), [&](const Field& after) { return find_field(o, after.name) != nullptr; });
      bool grew = o.size_bytes >= 0 && n.size_bytes > o.size_bytes;
      bool same_size = o.size_bytes >= 0 && n.size_bytes == o.size_bytes;
      // Every other field keeps its offset (the new one took padding or space a neighbour gave
      // up): binaries are unaffected. A union member that does not grow the union never is.
      bool nothing_moved = same_size && std::all_of(n.fields.begin(), n.fields.end(), [&](const Field& other) {
        const Field* before = find_field(o, other.name);
        return !before || before->offset_bits == other.offset_bits;
      });
      if (nothing_moved && n.kind == "union") continue;
      if (nothing_moved) {
        Finding& inserted = r.changed("field-added", o.location, f.location, n.name + "::" + f.name,
                                      "field " + q(n.name + "::" + f.name) + " was added " +
                                          (last ? "at the end" : "between others") +
                                          " in space the object already had (its size and every other offset stay): "
                                          "code built against the old headers never sets it, which is harmless when "
                                          "the library initialises the object itself" +
                                          (last || !n.is_aggregate ? "" : "; initialisers that list the fields in order now assign the wrong ones"));
        inserted.severity = Severity::warning;
        continue;
      }
      Finding& added = r.changed("field-added", o.location, f.location, n.name + "::" + f.name,
                                 "field " + q(n.name + "::" + f.name) + " was added" +
                                     (last ? " at the end" : "") + ": " +
                                     (!last ? "the fields after it move"
                                      : grew ? "the object grows, so code that allocates or copies it breaks"
                                             : "binaries built against the old headers never initialise it"));
      added.old_location = o.location;
    }
    if (old_order != new_order)
      r.changed("field-reordered", o.location, n.location, n.name,
                "the fields of " + q(n.name) + " were reordered: binaries built against the old layout read the wrong fields" +
                    std::string(n.is_aggregate ? ", and aggregate initialisers assign the wrong ones" : ""))
          .breaks = n.is_aggregate ? breaks_source | breaks_abi : breaks_abi;
  });
}

void size_and_alignment(const CheckContext& ctx, Reporter& r) {
  for_each_record_pair(ctx, [&](const Record& o, const Record& n) {
    bool appended_to_library_record = o.size_bytes < n.size_bytes && only_appended(o, n) && library_owned(ctx.new_api, n.name);
    if (o.size_bytes >= 0 && n.size_bytes >= 0 && o.size_bytes != n.size_bytes && !appended_to_library_record)
      r.changed("record-size-changed", o.location, n.location, n.name,
                "size of " + q(n.name) + " changed from " + std::to_string(o.size_bytes) + " to " +
                    std::to_string(n.size_bytes) + " bytes: code that allocates, copies or embeds it breaks");
    if (o.align_bytes >= 0 && n.align_bytes >= 0 && o.align_bytes != n.align_bytes)
      r.changed("record-alignment-changed", o.location, n.location, n.name,
                "alignment of " + q(n.name) + " changed from " + std::to_string(o.align_bytes) + " to " +
                    std::to_string(n.align_bytes) + " bytes: arrays and records that embed it change layout");
  });
}

// A type users could create and look into that is now only declared.
void became_opaque(const CheckContext& ctx, Reporter& r) {
  for (const auto& [name, o] : ctx.old_api.records) {
    auto it = ctx.new_api.records.find(name);
    if (it == ctx.new_api.records.end() || !o.is_complete || it->second.is_complete || access_rank(o.access) == 2)
      continue;
    r.changed("record-became-opaque", o.location, it->second.location, name,
              q(name) + " is now only declared, not defined: code that creates it, copies it or uses its "
                        "members no longer compiles");
  }
}

// Nested records, enums and aliases that became less accessible.
void nested_access(const CheckContext& ctx, Reporter& r) {
  auto check = [&](const auto& old_map, const auto& new_map, const char* what) {
    for (const auto& [name, o] : old_map) {
      auto it = new_map.find(name);
      if (it == new_map.end() || access_rank(it->second.access) <= access_rank(o.access)) continue;
      r.changed("member-access-narrowed", o.location, it->second.location, name,
                std::string(what) + " " + q(name) + " went from " + o.access + " to " + it->second.access +
                    ": code outside the class that names it no longer compiles");
    }
  };
  check(ctx.old_api.records, ctx.new_api.records, "nested type");
  check(ctx.old_api.enums, ctx.new_api.enums, "nested enum");
  check(ctx.old_api.typedefs, ctx.new_api.typedefs, "nested type alias");
  check(ctx.old_api.variables, ctx.new_api.variables, "static member");
}

}  // namespace

std::vector<CppCheck> layout_checks() {
  return {
      {"layout",
       {"field-added", "field-removed", "field-reordered", "field-type-changed", "field-integer-type-changed",
        "field-type-changed-same-layout",
        "field-offset-changed", "field-mutable-removed", "member-access-narrowed"},
       fields},
      {"layout", {"record-size-changed", "record-alignment-changed"}, size_and_alignment},
      {"layout", {"record-became-opaque"}, became_opaque},
      {"layout", {"member-access-narrowed"}, nested_access},
  };
}

}  // namespace driftcheck::cpp
