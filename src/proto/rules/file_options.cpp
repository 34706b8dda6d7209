// File rules: a file is identified by its path. Its package and syntax, and the file options that
// steer code generators, must stay as they were; each FILE_SAME_<option> rule is one row of the
// table below, instantiated by its FileOptions field number.
#include <stdexcept>

#include "proto/descriptor_fields.h"
#include "proto/rules/rules.h"

namespace driftcheck::proto {

namespace {

using namespace fields;


struct FileOption {
  int32_t number;           // FileOptions field number; the option's name comes from the descriptor
  const char* consequence;  // what a change does to the code generated from the file
};

constexpr FileOption kFileOptionRules[] = {
    {1, "the generated Java classes move to another package, so Java code that imports them stops compiling"},
    {8, "the generated Java outer class gets another name, so Java code that refers to it stops compiling"},
    {9, "the generated C++ and Java code changes shape (SPEED, CODE_SIZE and LITE_RUNTIME differ in base class, "
        "runtime library and available methods), so code built against the old shape breaks"},
    {10, "the generated Java classes move into or out of the outer class, so Java code that refers to them stops "
         "compiling"},
    {11, "the generated Go package moves, so Go code that imports it stops compiling"},
    {16, "the generated C++ service classes appear or disappear, so C++ code that uses them breaks"},
    {17, "the generated Java service classes appear or disappear, so Java code that uses them breaks"},
    {18, "the generated Python service classes appear or disappear, so Python code that uses them breaks"},
    {31, "the generated C++ code changes its arena support, so C++ code that relies on it breaks"},
    {36, "the generated Objective-C class names change, so Objective-C code that uses them stops compiling"},
    {37, "the generated C# namespace changes, so C# code that uses it stops compiling"},
    {39, "the generated Swift type names change, so Swift code that uses them stops compiling"},
    {40, "the generated PHP class names change, so PHP code that uses them breaks"},
    {41, "the generated PHP namespace changes, so PHP code that uses it breaks"},
    {44, "the generated PHP metadata classes move, so PHP code that loads them breaks"},
    {45, "the generated Ruby module changes, so Ruby code that uses it breaks"},
};

const FileOption& file_option(int32_t number) {
  for (const FileOption& o : kFileOptionRules)
    if (o.number == number) return o;
  throw std::logic_error("FILE_SAME_* rule for an option not in the table");
}

// The option's value as the getter returns it (unset means the default), and as it is written
// in a .proto file.
struct OptionValue {
  std::string text;     // for messages: "true", "SPEED", "acme/v1"
  std::string literal;  // for hints: true, SPEED, "acme/v1"
};

OptionValue option_value(const gp::FileOptions& options, const gp::FieldDescriptor& field) {
  const gp::Reflection& reflection = *options.GetReflection();
  switch (field.cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_BOOL: {
      std::string b = reflection.GetBool(options, &field) ? "true" : "false";
      return {b, b};
    }
    case gp::FieldDescriptor::CPPTYPE_ENUM: {
      std::string name = reflection.GetEnum(options, &field)->name();
      return {name, name};
    }
    default: {
      std::string s = reflection.GetString(options, &field);
      return {s, '"' + s + '"'};
    }
  }
}

std::string shown(const std::string& value) { return value.empty() ? "unset" : quote(value); }

void check_file_option(const CheckContext& ctx, Reporter& r, const FileOption& option) {
  const gp::FieldDescriptor* field = gp::FileOptions::descriptor()->FindFieldByNumber(option.number);
  if (!field) return;
  for_each_file_pair(ctx, [&](const File& o, const File& n) {
    OptionValue before = option_value(o.d->options(), *field);
    OptionValue after = option_value(n.d->options(), *field);
    if (before.text == after.text) return;
    Finding& f = r.report(exact_location(n, {kFileOptions, option.number}), n.name,
                          "option " + quote(field->name()) + " of file " + quote(n.name) + " changed from " +
                              shown(before.text) + " to " + shown(after.text) + ": " + option.consequence);
    f.old_location = exact_location(o, {kFileOptions, option.number});
    bool was_set = o.d->options().GetReflection()->HasField(o.d->options(), field);
    f.hint = was_set ? "keep `option " + field->name() + " = " + before.literal + ";`"
                     : "remove `option " + field->name() + "`; the file did not set it before";
  });
}

std::string syntax_of(const File& file) {
  const std::string& s = file.d->syntax();
  if (s == "proto3" || s == "editions") return s;
  return "proto2";  // no syntax statement means proto2
}

Location syntax_location(const File& file) {
  if (auto l = file.location({kFileSyntax})) return *l;
  return exact_location(file, {kFileEdition});
}

}  // namespace

template <int32_t OptionNumber>
void check_file_same_option(const CheckContext& ctx, Reporter& r) {
  check_file_option(ctx, r, file_option(OptionNumber));
}

template void check_file_same_option<1>(const CheckContext&, Reporter&);
template void check_file_same_option<8>(const CheckContext&, Reporter&);
template void check_file_same_option<9>(const CheckContext&, Reporter&);
template void check_file_same_option<10>(const CheckContext&, Reporter&);
template void check_file_same_option<11>(const CheckContext&, Reporter&);
template void check_file_same_option<16>(const CheckContext&, Reporter&);
template void check_file_same_option<17>(const CheckContext&, Reporter&);
template void check_file_same_option<18>(const CheckContext&, Reporter&);
template void check_file_same_option<31>(const CheckContext&, Reporter&);
template void check_file_same_option<36>(const CheckContext&, Reporter&);
template void check_file_same_option<37>(const CheckContext&, Reporter&);
template void check_file_same_option<39>(const CheckContext&, Reporter&);
template void check_file_same_option<40>(const CheckContext&, Reporter&);
template void check_file_same_option<41>(const CheckContext&, Reporter&);
template void check_file_same_option<44>(const CheckContext&, Reporter&);
template void check_file_same_option<45>(const CheckContext&, Reporter&);

void check_file_same_package(const CheckContext& ctx, Reporter& r) {
  for_each_file_pair(ctx, [&](const File& o, const File& n) {
    if (o.package() == n.package()) return;
    auto shown_package = [](std::string_view p) { return p.empty() ? std::string("no package") : "package " + quote(p); };
    Finding& f = r.report(exact_location(n, {kFilePackage}), n.name,
                          "file " + quote(n.name) + " moved from " + shown_package(o.package()) + " to " +
                              shown_package(n.package()) +
                              ": the full name of everything it declares changes, so generated code, type URLs "
                              "in `Any` and gRPC method paths no longer match");
    f.old_location = exact_location(o, {kFilePackage});
    f.hint = "keep the package; to move elements to a new package, copy them into a new file there and deprecate "
             "the old ones";
  });
}

void check_file_same_syntax(const CheckContext& ctx, Reporter& r) {
  for_each_file_pair(ctx, [&](const File& o, const File& n) {
    std::string before = syntax_of(o), after = syntax_of(n);
    if (before == after) return;  // a new edition number alone is not a syntax change
    Finding& f = r.report(syntax_location(n), n.name,
                          "file " + quote(n.name) + " changed syntax from " + before + " to " + after +
                              ": field presence, enum openness, defaults and UTF-8 and JSON handling change with it, "
                              "so old and new peers read the same bytes differently");
    f.old_location = syntax_location(o);
    f.hint = "keep the syntax; when moving to editions, set features on the file so every element keeps its old "
             "behavior";
  });
}

}  // namespace driftcheck::proto
