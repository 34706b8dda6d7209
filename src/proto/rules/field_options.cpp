// Field options and features that change generated code or validation without changing the wire
// format: jstype, the C++ string type, and UTF-8 validation (standard and Java).
#include "proto/descriptor_fields.h"
#include "proto/rules/rules.h"

namespace driftcheck::proto {

namespace {

using namespace fields;

using FDP = gp::FieldDescriptorProto;

// Field numbers inside FieldDescriptorProto / FieldOptions / FeatureSet.


bool editions(const File& file) { return file.edition >= Edition::e2023; }

bool both(const Field& o, const Field& n, bool (*test)(const Field&)) { return test(o) && test(n); }

bool is_string(const Field& f) { return f.d->type() == FDP::TYPE_STRING; }
bool is_string_or_bytes(const Field& f) { return is_string(f) || f.d->type() == FDP::TYPE_BYTES; }
bool is_64bit_integer(const Field& f) {
  switch (f.d->type()) {
    case FDP::TYPE_INT64:
    case FDP::TYPE_SINT64:
    case FDP::TYPE_UINT64:
    case FDP::TYPE_FIXED64:
    case FDP::TYPE_SFIXED64: return true;
    default: return false;
  }
}

const char* utf8_name(int value) { return value == kUtf8Verify ? "VERIFY" : "NONE"; }

// Reports a field setting that changed between old and new: `what` names it, the values are
// already in words, and `why` says what breaks.
void report_setting(Reporter& r, Location where, const Field& o, const Field& n, const std::string& what,
                    const std::string& before, const std::string& after, const std::string& why, const char* hint) {
  Finding& f = r.report(std::move(where), &o,
                        field_label(n) + " changed its " + what + " from " + before + " to " + after + ": " + why);
  f.hint = hint;
}

// ---- C++ string type ------------------------------------------------------------------------

enum CppType { kView = 1, kCord = 2, kString = 3 };  // CppFeatures.StringType

struct CppStringType {
  int type = kString;
  bool piece = false;  // the legacy ctype STRING_PIECE, which generates as STRING
  bool operator==(const CppStringType&) const = default;
};

// Before edition 2024 an explicit `ctype` wins; otherwise the resolved (pb.cpp).string_type.
CppStringType cpp_string_type(const Field& f) {
  if (f.file->edition < Edition::e2024 && f.d->options().has_ctype()) {
    switch (f.d->options().ctype()) {
      case gp::FieldOptions::CORD: return {kCord, false};
      case gp::FieldOptions::STRING_PIECE: return {kString, true};
      default: return {kString, false};
    }
  }
  return {f.features.cpp_string_type, false};
}

std::string cpp_name(const CppStringType& t) {
  if (t.piece) return "STRING_PIECE";
  switch (t.type) {
    case kView: return "VIEW";
    case kCord: return "CORD";
    case kString: return "STRING";
    default: return "STRING_TYPE_UNKNOWN";
  }
}

// The field's `ctype` option, else its own (pb.cpp).string_type feature, else the whole field.
Location cpp_string_type_location(const Field& n) {
  Path ctype = n.path;
  ctype.insert(ctype.end(), {kFieldOptions, kCtype});
  if (auto l = n.map_owner ? std::nullopt : n.file->location(ctype)) return *l;
  return feature_location(n, kFieldOptions, kFieldFeatures, {kCppFeatures, kCppStringType});
}

// ---- Java UTF-8 validation ------------------------------------------------------------------

// Outside editions, or when the file sets `java_string_check_utf8`, that option decides (false
// means the standard validation); in editions, (pb.java).utf8_validation = VERIFY forces it.
int java_utf8_validation(const Field& f) {
  const gp::FileOptions& options = f.file->d->options();
  if (!editions(*f.file) || options.has_java_string_check_utf8())
    return options.java_string_check_utf8() ? kUtf8Verify : f.features.utf8_validation;
  return f.features.java_utf8_validation == kUtf8Verify ? kUtf8Verify : f.features.utf8_validation;
}

// The file's `option java_string_check_utf8` statement covers every string field in it.
Location java_utf8_location(const Field& n) {
  if (auto l = n.file->location({kFileOptions, kJavaStringCheckUtf8})) return *l;
  return feature_location(n, kFieldOptions, kFieldFeatures, {kJavaFeatures, kJavaUtf8Validation});
}

}  // namespace

void check_field_same_jstype(const CheckContext& ctx, Reporter& r) {
  for_each_field_or_extension_pair(ctx, [&](const Field& o, const Field& n) {
    if (!both(o, n, is_64bit_integer)) return;
    auto before = o.d->options().jstype(), after = n.d->options().jstype();  // unset is JS_NORMAL
    if (before == after) return;
    report_setting(r, location_of(n, {kFieldOptions, kJstype}), o, n, "JavaScript type (jstype)",
                   gp::FieldOptions::JSType_Name(before), gp::FieldOptions::JSType_Name(after),
                   "generated JavaScript code switches between numbers and strings for this 64-bit value",
                   "keep the jstype; add a new field if JavaScript code needs the other representation");
  });
}

void check_field_same_cpp_string_type(const CheckContext& ctx, Reporter& r) {
  for_each_field_or_extension_pair(ctx, [&](const Field& o, const Field& n) {
    if (in_map_entry(o) && in_map_entry(n)) return;  // a map's key and value cannot choose one
    if (!both(o, n, is_string_or_bytes)) return;
    CppStringType before = cpp_string_type(o), after = cpp_string_type(n);
    if (before == after || (before.piece && after.type == kString)) return;  // STRING_PIECE always generated STRING
    report_setting(r, cpp_string_type_location(n), o, n, "C++ string type", cpp_name(before), cpp_name(after),
                   "generated C++ accessors change their types, so C++ code using them stops compiling",
                   "keep the C++ string type (`ctype` or `features.(pb.cpp).string_type`)");
  });
}

void check_field_same_java_utf8_validation(const CheckContext& ctx, Reporter& r) {
  for_each_field_or_extension_pair(ctx, [&](const Field& o, const Field& n) {
    if (!both(o, n, is_string)) return;
    int before = java_utf8_validation(o), after = java_utf8_validation(n);
    if (before == after) return;
    report_setting(r, java_utf8_location(n), o, n, "Java UTF-8 validation", utf8_name(before), utf8_name(after),
                   after == kUtf8Verify ? "Java code now rejects invalid UTF-8 that it used to accept"
                                    : "Java code now accepts invalid UTF-8 that it used to reject",
                   "keep `java_string_check_utf8` and `features.(pb.java).utf8_validation` as they were");
  });
}

void check_field_same_utf8_validation(const CheckContext& ctx, Reporter& r) {
  for_each_field_or_extension_pair(ctx, [&](const Field& o, const Field& n) {
    if (!both(o, n, is_string)) return;
    int before = o.features.utf8_validation, after = n.features.utf8_validation;
    if (before == after) return;
    report_setting(r, feature_location(n, kFieldOptions, kFieldFeatures, kUtf8ValidationFeature), o, n, "UTF-8 validation",
                   utf8_name(before), utf8_name(after),
                   after == kUtf8Verify ? "parsers now reject invalid UTF-8 that peers on the old schema may send"
                                    : "peers on the old schema reject invalid UTF-8 that new senders may now produce",
                   "keep the field's `features.utf8_validation` (and the file's syntax or edition default)");
  });
}

}  // namespace driftcheck::proto
