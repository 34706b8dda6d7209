#include "proto/model.h"

#include <google/protobuf/unknown_field_set.h>

#include "core/input_error.h"
#include "proto/descriptor_fields.h"
#include "features.pb.h"

namespace driftcheck::proto {

namespace {

namespace df = driftcheck::features;

using namespace fields;

Features explicit_features(const gp::Message& options, int field_number) {
  Features out;
  const gp::UnknownFieldSet& unknown = options.GetReflection()->GetUnknownFields(options);
  if (unknown.empty()) return out;
  df::FeatureSet set;
  bool any = false;
  for (int i = 0; i < unknown.field_count(); ++i) {
    const gp::UnknownField& f = unknown.field(i);
    if (f.number() != field_number || f.type() != gp::UnknownField::TYPE_LENGTH_DELIMITED) continue;
    any |= set.MergeFromString(f.length_delimited());
  }
  if (!any) return out;
  out.field_presence = set.field_presence();
  out.enum_type = set.enum_type();
  out.repeated_field_encoding = set.repeated_field_encoding();
  out.utf8_validation = set.utf8_validation();
  out.message_encoding = set.message_encoding();
  out.json_format = set.json_format();
  if (set.has_cpp()) {
    out.cpp_string_type = set.cpp().string_type();
    if (set.cpp().has_legacy_closed_enum()) out.cpp_legacy_closed_enum = set.cpp().legacy_closed_enum();
  }
  if (set.has_java()) {
    out.java_utf8_validation = set.java().utf8_validation();
    if (set.java().has_legacy_closed_enum()) out.java_legacy_closed_enum = set.java().legacy_closed_enum();
  }
  return out;
}

std::string join_name(std::string_view scope, std::string_view name) {
  std::string out;
  out.reserve(scope.size() + 1 + name.size());
  if (!scope.empty()) {
    out.append(scope);
    out.push_back('.');
  }
  out.append(name);
  return out;
}

Path child_path(const Path& parent, int32_t field, int32_t index) {
  Path p;
  p.reserve(parent.size() + 2);
  p = parent;
  p.push_back(field);
  p.push_back(index);
  return p;
}

std::string path_key(const int32_t* data, size_t n) {
  return std::string(reinterpret_cast<const char*>(data), n * sizeof(int32_t));
}

// Walks one file's descriptors, filling the Image's element stores and indexes.
class Builder {
 public:
  Builder(Image& image, File& file) : img_(image), file_(file) {}

  void build() {
    const gp::FileDescriptorProto& fd = *file_.d;
    file_.features = file_base_features(fd);
    std::string_view pkg = fd.package();
    for (int i = 0; i < fd.enum_type_size(); ++i)
      add_enum(fd.enum_type(i), nullptr, pkg, {5, i}, file_.features);
    for (int i = 0; i < fd.message_type_size(); ++i)
      add_message(fd.message_type(i), nullptr, pkg, {4, i}, file_.features);
    for (int i = 0; i < fd.extension_size(); ++i)
      add_field(fd.extension(i), nullptr, pkg, {7, i}, file_.features, true);
    for (int i = 0; i < fd.service_size(); ++i) add_service(fd.service(i), pkg, {6, i});
  }

 private:
  Features file_base_features(const gp::FileDescriptorProto& fd) {
    Features f = Features::defaults(file_.edition);
    if (file_.edition == Edition::proto2 || file_.edition == Edition::proto3) {
      // Legacy options that editions express as features.
      if (fd.options().java_string_check_utf8()) f.java_utf8_validation = 2;
    }
    f.merge(explicit_features(fd.options(), kFileFeatures));
    return f;
  }

  bool legacy() const { return file_.edition == Edition::proto2 || file_.edition == Edition::proto3; }

  void add_enum(const gp::EnumDescriptorProto& d, Message* parent, std::string_view scope,
                Path path, const Features& inherited) {
    Enum& e = img_.enums.emplace_back();
    e.d = &d;
    e.file = &file_;
    e.parent = parent;
    e.full_name = join_name(scope, d.name());
    e.path = std::move(path);
    e.features = inherited;
    e.features.merge(explicit_features(d.options(), kEnumFeatures));
    // Enum values live in the enclosing scope, not inside the enum.
    std::string_view value_scope = scope;
    for (int i = 0; i < d.value_size(); ++i) {
      EnumValue& v = img_.enum_values.emplace_back();
      v.d = &d.value(i);
      v.file = &file_;
      v.parent = &e;
      v.full_name = join_name(value_scope, v.d->name());
      v.path = child_path(e.path, 2, i);
      v.features = e.features;
      v.features.merge(explicit_features(v.d->options(), kEnumValueFeatures));
      e.values.push_back(&v);
    }
    file_.enums.push_back(&e);
    if (parent) parent->enums.push_back(&e);
    img_.enum_by_name.emplace(e.full_name, &e);
  }

  void add_message(const gp::DescriptorProto& d, Message* parent, std::string_view scope,
                   Path path, const Features& inherited) {
    Message& m = img_.messages.emplace_back();
    m.d = &d;
    m.file = &file_;
    m.parent = parent;
    m.full_name = join_name(scope, d.name());
    m.path = std::move(path);
    m.features = inherited;
    m.features.merge(explicit_features(d.options(), kMessageFeatures));
    file_.messages.push_back(&m);
    if (parent) parent->nested.push_back(&m);
    img_.message_by_name.emplace(m.full_name, &m);

    for (int i = 0; i < d.oneof_decl_size(); ++i) {
      Oneof& o = m.oneofs.emplace_back();
      o.d = &d.oneof_decl(i);
      o.parent = &m;
      o.index = i;
      o.path = child_path(m.path, 8, i);
      o.full_name = join_name(m.full_name, o.d->name());
    }
    for (int i = 0; i < d.field_size(); ++i) {
      const gp::FieldDescriptorProto& fd = d.field(i);
      Features base = m.features;
      if (fd.has_oneof_index() && fd.oneof_index() >= 0 && fd.oneof_index() < d.oneof_decl_size())
        base.merge(explicit_features(d.oneof_decl(fd.oneof_index()).options(), kOneofFeatures));
      Field* f = add_field(fd, &m, m.full_name, child_path(m.path, 2, i), base, false);
      if (fd.proto3_optional() && fd.has_oneof_index() && fd.oneof_index() >= 0 && fd.oneof_index() < d.oneof_decl_size())
        m.oneofs[fd.oneof_index()].synthetic = true;
      m.fields.push_back(f);
      m.field_by_number.emplace(fd.number(), f);
      m.field_by_name.emplace(fd.name(), f);
    }
    for (int i = 0; i < d.enum_type_size(); ++i)
      add_enum(d.enum_type(i), &m, m.full_name, child_path(m.path, 4, i), m.features);
    for (int i = 0; i < d.nested_type_size(); ++i)
      add_message(d.nested_type(i), &m, m.full_name, child_path(m.path, 3, i), m.features);
    for (int i = 0; i < d.extension_size(); ++i)
      m.extensions.push_back(
          add_field(d.extension(i), &m, m.full_name, child_path(m.path, 6, i), m.features, true));
  }

  Field* add_field(const gp::FieldDescriptorProto& d, Message* parent, std::string_view scope,
                   Path path, const Features& inherited, bool extension) {
    using FDP = gp::FieldDescriptorProto;
    Field& f = img_.fields.emplace_back();
    f.d = &d;
    f.file = &file_;
    f.parent = parent;
    f.is_extension = extension;
    f.full_name = join_name(scope, d.name());
    f.path = std::move(path);
    f.features = inherited;
    if (legacy()) {
      // Express proto2/proto3 semantics as the features editions would give them.
      if (d.label() == FDP::LABEL_REQUIRED) f.features.field_presence = 3;
      else if (file_.edition == Edition::proto3)
        f.features.field_presence =
            (d.proto3_optional() || d.type() == FDP::TYPE_MESSAGE || d.has_oneof_index() || extension) ? 1 : 2;
      if (d.type() == FDP::TYPE_GROUP) f.features.message_encoding = 2;
      if (d.options().has_packed())
        f.features.repeated_field_encoding = d.options().packed() ? 1 : 2;
      if (d.options().has_ctype()) {
        switch (d.options().ctype()) {
          case gp::FieldOptions::CORD: f.features.cpp_string_type = 2; break;
          case gp::FieldOptions::STRING_PIECE: f.features.cpp_string_type = 1; break;
          default: f.features.cpp_string_type = 3; break;
        }
      }
    }
    f.features.merge(explicit_features(d.options(), kFieldFeatures));
    if (extension) {
      f.extendee = std::string(d.extendee().size() && d.extendee()[0] == '.' ? d.extendee().substr(1) : d.extendee());
      file_.extensions.push_back(&f);
      img_.extension_by_name.emplace(f.full_name, &f);
    }
    return &f;
  }

  void add_service(const gp::ServiceDescriptorProto& d, std::string_view scope, Path path) {
    Service& s = img_.services.emplace_back();
    s.d = &d;
    s.file = &file_;
    s.full_name = join_name(scope, d.name());
    s.path = std::move(path);
    s.features = file_.features;
    s.features.merge(explicit_features(d.options(), kServiceFeatures));
    for (int i = 0; i < d.method_size(); ++i) {
      Method& m = img_.methods.emplace_back();
      m.d = &d.method(i);
      m.file = &file_;
      m.parent = &s;
      m.full_name = join_name(s.full_name, m.d->name());
      m.path = child_path(s.path, 2, i);
      m.features = s.features;
      m.features.merge(explicit_features(m.d->options(), kMethodFeatures));
      s.methods.push_back(&m);
    }
    file_.services.push_back(&s);
    img_.service_by_name.emplace(s.full_name, &s);
  }

  Image& img_;
  File& file_;
};

Edition file_edition(const gp::FileDescriptorProto& fd) {
  if (auto e = unknown_edition(fd)) {
    if (*e == 998) return Edition::proto2;
    if (*e == 999) return Edition::proto3;
    if (*e >= 1001) return Edition::e2024;
    if (*e == 1000) return Edition::e2023;
  }
  if (fd.syntax() == "proto3") return Edition::proto3;
  if (fd.syntax() == "editions") return Edition::e2023;
  return Edition::proto2;
}

}  // namespace

void Features::merge(const Features& e) {
  if (e.field_presence) field_presence = e.field_presence;
  if (e.enum_type) enum_type = e.enum_type;
  if (e.repeated_field_encoding) repeated_field_encoding = e.repeated_field_encoding;
  if (e.utf8_validation) utf8_validation = e.utf8_validation;
  if (e.message_encoding) message_encoding = e.message_encoding;
  if (e.json_format) json_format = e.json_format;
  if (e.cpp_string_type) cpp_string_type = e.cpp_string_type;
  if (e.java_utf8_validation) java_utf8_validation = e.java_utf8_validation;
  if (e.cpp_legacy_closed_enum >= 0) cpp_legacy_closed_enum = e.cpp_legacy_closed_enum;
  if (e.java_legacy_closed_enum >= 0) java_legacy_closed_enum = e.java_legacy_closed_enum;
}

Features Features::defaults(Edition edition) {
  Features f;
  switch (edition) {
    case Edition::proto2:
      f = {1, 2, 2, 3, 1, 2, 3, 1, 1, 1};
      break;
    case Edition::proto3:
      f = {2, 1, 1, 2, 1, 1, 3, 1, 0, 0};
      break;
    case Edition::e2023:
      f = {1, 1, 1, 2, 1, 1, 3, 1, 0, 0};
      break;
    case Edition::e2024:
      f = {1, 1, 1, 2, 1, 1, 1, 1, 0, 0};
      break;
  }
  return f;
}

std::optional<int32_t> unknown_edition(const gp::FileDescriptorProto& file) {
  const gp::UnknownFieldSet& unknown = file.GetReflection()->GetUnknownFields(file);
  for (int i = 0; i < unknown.field_count(); ++i) {
    const gp::UnknownField& f = unknown.field(i);
    if (f.number() == kFileEdition && f.type() == gp::UnknownField::TYPE_VARINT)
      return static_cast<int32_t>(f.varint());
  }
  return std::nullopt;
}

Features explicit_features(const gp::Message& options) {
  const std::string& type = options.GetDescriptor()->name();
  int number = type == "FileOptions"        ? kFileFeatures
               : type == "MessageOptions"   ? kMessageFeatures
               : type == "FieldOptions"     ? kFieldFeatures
               : type == "OneofOptions"     ? kOneofFeatures
               : type == "EnumOptions"      ? kEnumFeatures
               : type == "EnumValueOptions" ? kEnumValueFeatures
               : type == "ServiceOptions"   ? kServiceFeatures
               : type == "MethodOptions"    ? kMethodFeatures
                                            : 0;
  return explicit_features(options, number);
}

std::string_view Field::type_name() const {
  std::string_view t = d->type_name();
  if (!t.empty() && t[0] == '.') t.remove_prefix(1);
  return t;
}

const Oneof* Field::oneof() const {
  if (!parent || is_extension || !d->has_oneof_index()) return nullptr;
  int i = d->oneof_index();
  if (i < 0 || i >= static_cast<int>(parent->oneofs.size())) return nullptr;
  return &parent->oneofs[i];
}

std::string Field::json_name() const {
  if (d->has_json_name()) return d->json_name();
  std::string out;
  bool upper = false;
  for (char c : d->name()) {
    if (c == '_') {
      upper = true;
    } else if (upper) {
      out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
      upper = false;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string File::syntax_label() const {
  switch (edition) {
    case Edition::proto2: return unknown_edition(*d) ? "edition proto2" : "proto2";
    case Edition::proto3: return unknown_edition(*d) ? "edition proto3" : "proto3";
    case Edition::e2023: return "edition 2023";
    case Edition::e2024: return "edition 2024";
  }
  return "proto2";
}

const gp::SourceCodeInfo& File::source_info() const {
  if (source_info_bytes.empty()) return d->source_code_info();
  if (!lazy_source_info_) {
    lazy_source_info_ = std::make_unique<gp::SourceCodeInfo>();
    // Malformed source info only costs locations (findings fall back to file:1:1).
    if (!lazy_source_info_->ParseFromArray(source_info_bytes.data(), static_cast<int>(source_info_bytes.size())))
      lazy_source_info_->Clear();
  }
  return *lazy_source_info_;
}

std::optional<Location> File::location(const Path& path) const {
  if (!locations_built_) {
    locations_built_ = true;
    {
      const auto& locs = source_info().location();
      locations_.reserve(locs.size());
      for (const auto& loc : locs)
        locations_.emplace(path_key(loc.path().data(), loc.path_size()), &loc);  // first wins
    }
  }
  auto it = locations_.find(path_key(path.data(), path.size()));
  if (it == locations_.end()) return std::nullopt;
  const auto& span = it->second->span();
  if (span.size() != 3 && span.size() != 4) return std::nullopt;
  return to_location(*it->second);
}

Location File::to_location(const gp::SourceCodeInfo::Location& loc) const {
  Location out;
  out.file = display_name;
  out.line = out.column = out.end_line = out.end_column = 1;
  const auto& span = loc.span();
  if (span.size() != 3 && span.size() != 4) return out;
  // Spans count from 0; a hostile one (negative, INT32_MAX) must not overflow.
  auto one_based = [](int32_t v) { return v < 0 || v == INT32_MAX ? 1 : v + 1; };
  out.line = one_based(span[0]);
  out.column = one_based(span[1]);
  out.end_line = one_based(span.size() == 4 ? span[2] : span[0]);
  out.end_column = one_based(span[span.size() - 1]);
  return out;
}

const Message* Image::find_message(std::string_view full_name) const {
  auto it = message_by_name.find(full_name);
  return it == message_by_name.end() ? nullptr : it->second;
}

const Enum* Image::find_enum(std::string_view full_name) const {
  auto it = enum_by_name.find(full_name);
  return it == enum_by_name.end() ? nullptr : it->second;
}

void build_image(Image& image) {
  for (int i = 0; i < image.set->file_size(); ++i) {
    const gp::FileDescriptorProto& fd = image.set->file(i);
    if (fd.name().empty())
      throw InputError(image.source + ": descriptor set holds a file with no name (not a FileDescriptorSet?)");
    File& file = image.files.emplace_back();
    file.d = &fd;
    file.name = fd.name();
    file.display_name = image.display_prefix + file.name;
    file.edition = file_edition(fd);
    if (!image.file_by_name.emplace(file.name, &file).second)
      throw InputError(image.source + ": descriptor set holds " + file.name + " twice");
  }
  for (File& file : image.files) {
    Builder(image, file).build();
    image.files_by_package[file.package()].push_back(&file);
  }
  for (Field& field : image.fields) {
    if (!field.is_repeated() || !field.is_message() || !field.parent || field.is_extension) continue;
    auto it = image.message_by_name.find(field.type_name());
    if (it == image.message_by_name.end() || !it->second->map_entry() || it->second->parent != field.parent) continue;
    it->second->map_owner = &field;
    for (Field* kv : it->second->fields) kv->map_owner = &field;
  }
}

}  // namespace driftcheck::proto
