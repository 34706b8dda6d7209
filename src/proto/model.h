// The protobuf model: one Image per side, built from FileDescriptorProto messages (never from a
// DescriptorPool, which protobuf 3.21 cannot build for editions files). Every element keeps a
// pointer to its descriptor proto, its full name, its SourceCodeInfo path and its resolved
// editions features, and the Image indexes elements by full name so matching is hash lookups.
#pragma once

#include <google/protobuf/arena.h>
#include <google/protobuf/descriptor.pb.h>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/finding.h"

namespace driftcheck::proto {

namespace gp = google::protobuf;

// Editions as numbered in descriptor.proto (EDITION_PROTO2 = 998 ...).
enum class Edition : int32_t { proto2 = 998, proto3 = 999, e2023 = 1000, e2024 = 1001 };

// Resolved feature values; numbers are the enum values of features.proto (0 = unset).
struct Features {
  int field_presence = 0;           // 1 explicit, 2 implicit, 3 legacy required
  int enum_type = 0;                // 1 open, 2 closed
  int repeated_field_encoding = 0;  // 1 packed, 2 expanded
  int utf8_validation = 0;          // 2 verify, 3 none
  int message_encoding = 0;         // 1 length-prefixed, 2 delimited
  int json_format = 0;              // 1 allow, 2 legacy best effort
  int cpp_string_type = 0;          // 1 view, 2 cord, 3 string
  int java_utf8_validation = 0;     // 1 default, 2 verify
  int cpp_legacy_closed_enum = -1;  // -1 unset, 0 false, 1 true
  int java_legacy_closed_enum = -1;

  // Values set in `explicit_` override ours.
  void merge(const Features& explicit_);
  static Features defaults(Edition edition);
};

using Path = std::vector<int32_t>;
struct File;
struct Message;

struct Element {
  File* file = nullptr;
  Path path;               // SourceCodeInfo path inside the file
  std::string full_name;   // without leading dot
  Features features;       // resolved
  // For a map's synthetic entry message and its key/value fields: the map field that owns
  // them. They have no source info of their own and are located at the owner's `map<K, V>`.
  const struct Field* map_owner = nullptr;
};

struct EnumValue : Element {
  const gp::EnumValueDescriptorProto* d = nullptr;
  struct Enum* parent = nullptr;
};

struct Enum : Element {
  const gp::EnumDescriptorProto* d = nullptr;
  Message* parent = nullptr;  // null for a top-level enum
  std::vector<EnumValue*> values;
  bool closed() const { return features.enum_type == 2; }
};

struct Oneof {
  const gp::OneofDescriptorProto* d = nullptr;
  Message* parent = nullptr;
  int index = 0;
  Path path;
  std::string full_name;
  bool synthetic = false;  // the `_name` oneof a proto3 `optional` field gets
};

struct Field : Element {
  const gp::FieldDescriptorProto* d = nullptr;
  Message* parent = nullptr;   // containing message; for an extension, where it is declared
  bool is_extension = false;
  std::string extendee;        // for extensions: full name of the extended message

  int number() const { return d->number(); }
  std::string_view name() const { return d->name(); }
  bool is_repeated() const { return d->label() == gp::FieldDescriptorProto::LABEL_REPEATED; }
  bool is_message() const {
    return d->type() == gp::FieldDescriptorProto::TYPE_MESSAGE ||
           d->type() == gp::FieldDescriptorProto::TYPE_GROUP;
  }
  // The type's full name without the leading dot ("" for scalars).
  std::string_view type_name() const;
  const Oneof* oneof() const;  // null when not in a oneof
  std::string json_name() const;  // explicit or derived like protoc does
};

struct Message : Element {
  const gp::DescriptorProto* d = nullptr;
  Message* parent = nullptr;
  std::vector<Field*> fields;
  std::vector<Field*> extensions;  // declared inside this message
  std::vector<Oneof> oneofs;
  std::vector<Message*> nested;
  std::vector<Enum*> enums;
  std::unordered_map<int32_t, Field*> field_by_number;
  std::unordered_map<std::string_view, Field*> field_by_name;
  bool map_entry() const { return d->options().map_entry(); }
};

struct Method : Element {
  const gp::MethodDescriptorProto* d = nullptr;
  struct Service* parent = nullptr;
};

struct Service : Element {
  const gp::ServiceDescriptorProto* d = nullptr;
  std::vector<Method*> methods;
};

struct File {
  const gp::FileDescriptorProto* d = nullptr;
  std::string name;          // as in the descriptor (relative to the import root)
  std::string display_name;  // as the user sees it on disk, for reports
  Edition edition = Edition::proto2;
  bool is_import = false;    // a dependency, not one of the files under check
  std::string_view package() const { return d->package(); }
  std::string syntax_label() const;  // "proto2", "proto3", "edition 2023"

  std::vector<Message*> messages;   // every message, nested included, in declaration order
  std::vector<Enum*> enums;         // every enum, nested included
  std::vector<Service*> services;
  std::vector<Field*> extensions;   // every extension, nested included
  Features features;                // the file's resolved features

  // Source info, parsed on first use: a descriptor set's SourceCodeInfo is most of its bytes, and
  // only files with findings (or inline suppressions) ever need it.
  const gp::SourceCodeInfo& source_info() const;
  std::string_view source_info_bytes;  // unparsed SourceCodeInfo, when loaded from a descriptor set

  // Location of a SourceCodeInfo path, if the descriptor carries source info for it.
  std::optional<Location> location(const Path& path) const;
  // A SourceCodeInfo entry of this file as a Location (file:1:1 when its span is malformed).
  Location to_location(const gp::SourceCodeInfo::Location& loc) const;

 private:
  mutable std::unique_ptr<gp::SourceCodeInfo> lazy_source_info_;
  mutable std::unordered_map<std::string, const gp::SourceCodeInfo::Location*> locations_;
  mutable bool locations_built_ = false;
};

// One side of the comparison: the descriptors and everything indexed.
struct Image {
  std::string source;          // what the user gave (a path), for messages
  std::string display_prefix;  // joined before file names in reports ("" or "dir/")
  std::string source_file;     // the import path of the input when it is one .proto file; else ""
  std::unique_ptr<gp::Arena> arena;
  gp::FileDescriptorSet* set = nullptr;
  std::string bytes;  // the descriptor set as read; File::source_info_bytes point into it

  std::deque<File> files;
  std::deque<Message> messages;
  std::deque<Field> fields;
  std::deque<Enum> enums;
  std::deque<EnumValue> enum_values;
  std::deque<Service> services;
  std::deque<Method> methods;

  std::unordered_map<std::string_view, File*> file_by_name;
  std::unordered_map<std::string_view, Message*> message_by_name;
  std::unordered_map<std::string_view, Enum*> enum_by_name;
  std::unordered_map<std::string_view, Service*> service_by_name;
  std::unordered_map<std::string_view, Field*> extension_by_name;
  std::map<std::string_view, std::vector<File*>> files_by_package;

  const Message* find_message(std::string_view full_name) const;
  const Enum* find_enum(std::string_view full_name) const;
};

// Builds the model from a parsed descriptor set (the Image takes the arena). Throws InputError
// when the set is structurally invalid (unnamed or duplicate files).
void build_image(Image& image);

// Decodes the editions fields that protobuf 3.21 keeps as unknown fields.
std::optional<int32_t> unknown_edition(const gp::FileDescriptorProto& file);
Features explicit_features(const gp::Message& options);

}  // namespace driftcheck::proto
