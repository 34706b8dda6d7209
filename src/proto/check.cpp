#include "proto/check.h"

namespace driftcheck::proto {

Finding& Reporter::report(Location where, std::string element_path, std::string message) {
  Finding& f = out_.emplace_back();
  f.rule = doc_.id;
  f.severity = doc_.severity;
  f.domain = doc_.domain;
  f.breaks = doc_.breaks;
  f.message = std::move(message);
  f.path = std::move(element_path);
  f.location = std::move(where);
  return f;
}

Finding& Reporter::report(Location where, const Element* old, std::string message) {
  Finding& f = report(std::move(where), old ? old->full_name : std::string(), std::move(message));
  if (old) f.old_location = location_of(*old);
  return f;
}

Location file_start(const File& file) {
  Location l;
  l.file = file.display_name;
  l.line = l.column = l.end_line = l.end_column = 1;
  return l;
}

Location no_file() {
  Location l;
  l.line = l.column = l.end_line = l.end_column = 1;
  return l;
}

Location location_of(const File& file, const Path& path, std::initializer_list<int32_t> sub) {
  if (sub.size()) {
    Path p = path;
    p.insert(p.end(), sub);
    if (auto l = file.location(p)) return *l;
  }
  if (auto l = file.location(path)) return *l;
  return file_start(file);
}

Location location_of(const Element& element, std::initializer_list<int32_t> sub) {
  if (element.map_owner) return location_of(*element.map_owner, {6});
  return location_of(*element.file, element.path, sub);
}

namespace {

// Looks up the enclosing messages of a deleted element, longest name first: for pkg.A.B.c it
// tries pkg.A.B, then pkg.A (never the package itself).
template <typename Find>
std::optional<Location> enclosing(std::string_view package, std::string_view full_name, Find find) {
  size_t package_len = package.empty() ? 0 : package.size() + 1;
  for (size_t dot = full_name.rfind('.'); dot != std::string_view::npos && dot > package_len; dot = full_name.rfind('.', dot - 1))
    if (const Message* m = find(full_name.substr(0, dot))) return location_of(*m);
  return std::nullopt;
}

}  // namespace

Location deleted_in(const File& new_file, const Element& deleted) {
  auto in_file = [&](std::string_view name) -> const Message* {
    for (const Message* m : new_file.messages)
      if (m->full_name == name) return m;
    return nullptr;
  };
  return enclosing(new_file.package(), deleted.full_name, in_file).value_or(file_start(new_file));
}

Location deleted_in_package(const Image& new_image, std::string_view package, const File& new_file,
                            const Element& deleted) {
  auto in_package = [&](std::string_view name) -> const Message* {
    const Message* m = new_image.find_message(name);
    return m && m->file->package() == package ? m : nullptr;
  };
  return enclosing(package, deleted.full_name, in_package).value_or(file_start(new_file));
}

void for_each_file_pair(const CheckContext& ctx, const std::function<void(const File&, const File&)>& fn) {
  for (const File& old_file : ctx.old_image.files) {
    auto it = ctx.new_image.file_by_name.find(old_file.name);
    if (it != ctx.new_image.file_by_name.end()) fn(old_file, *it->second);
  }
}

void for_each_message_pair(const CheckContext& ctx,
                           const std::function<void(const Message&, const Message&)>& fn) {
  for (const Message& old_message : ctx.old_image.messages)
    if (const Message* m = ctx.new_image.find_message(old_message.full_name)) fn(old_message, *m);
}

void for_each_field_pair(const CheckContext& ctx, const std::function<void(const Field&, const Field&)>& fn) {
  for_each_message_pair(ctx, [&](const Message& o, const Message& n) {
    for (const Field* old_field : o.fields) {
      auto it = n.field_by_number.find(old_field->number());
      if (it != n.field_by_number.end()) fn(*old_field, *it->second);
    }
  });
}

void for_each_extension_pair(const CheckContext& ctx, const std::function<void(const Field&, const Field&)>& fn) {
  // Extensions are identified by what they extend and their number.
  std::unordered_map<std::string, const Field*> by_key;
  auto key = [](const Field& f) { return f.extendee + '#' + std::to_string(f.number()); };
  for (const File& f : ctx.new_image.files)
    for (const Field* ext : f.extensions) by_key.emplace(key(*ext), ext);
  for (const File& f : ctx.old_image.files)
    for (const Field* ext : f.extensions)
      if (auto it = by_key.find(key(*ext)); it != by_key.end()) fn(*ext, *it->second);
}

void for_each_enum_pair(const CheckContext& ctx, const std::function<void(const Enum&, const Enum&)>& fn) {
  for (const Enum& old_enum : ctx.old_image.enums)
    if (const Enum* e = ctx.new_image.find_enum(old_enum.full_name)) fn(old_enum, *e);
}

void for_each_service_pair(const CheckContext& ctx,
                           const std::function<void(const Service&, const Service&)>& fn) {
  for (const Service& old_service : ctx.old_image.services) {
    auto it = ctx.new_image.service_by_name.find(old_service.full_name);
    if (it != ctx.new_image.service_by_name.end()) fn(old_service, *it->second);
  }
}

void for_each_method_pair(const CheckContext& ctx, const std::function<void(const Method&, const Method&)>& fn) {
  for_each_service_pair(ctx, [&](const Service& o, const Service& n) {
    for (const Method* old_method : o.methods)
      for (const Method* new_method : n.methods)
        if (new_method->d->name() == old_method->d->name()) fn(*old_method, *new_method);
  });
}

std::string quote(std::string_view s) {
  std::string out = "`";
  out.append(s);
  out.push_back('`');
  return out;
}

}  // namespace driftcheck::proto
