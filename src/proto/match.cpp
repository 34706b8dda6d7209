#include "proto/match.h"

#include <algorithm>

namespace driftcheck::proto {

namespace {

// A shape ignores names: what goes on the wire.
std::string field_shape(const Field& f) {
  return std::to_string(f.number()) + ':' + std::to_string(f.d->type()) + ':' + std::to_string(f.d->label()) +
         ':' + std::string(f.type_name());
}

std::string message_shape(const Message& m) {
  std::vector<std::string> parts;
  for (const Field* f : m.fields) parts.push_back(field_shape(*f));
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (auto& p : parts) out += p + ';';
  return out;
}

std::string enum_shape(const Enum& e) {
  std::vector<int32_t> numbers;
  for (const EnumValue* v : e.values) numbers.push_back(v->d->number());
  std::sort(numbers.begin(), numbers.end());
  std::string out;
  for (int32_t n : numbers) out += std::to_string(n) + ';';
  return out;
}

std::string method_shape(const Method& m) {
  return m.d->input_type() + '>' + m.d->output_type() + (m.d->client_streaming() ? "c" : "") +
         (m.d->server_streaming() ? "s" : "");
}

std::string service_shape(const Service& s) {
  std::vector<std::string> parts;
  for (const Method* m : s.methods) parts.push_back(method_shape(*m));
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (auto& p : parts) out += p + ';';
  return out;
}

std::string_view scope_of(std::string_view full_name) {
  size_t dot = full_name.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : full_name.substr(0, dot);
}

}  // namespace

// Elements that only the new image has, keyed by scope and shape. A key held by one element is
// a rename candidate; a key held by several is ambiguous and names no one.
struct MatchIndex {
  std::unordered_map<std::string, const Message*> messages;
  std::unordered_map<std::string, const Enum*> enums;
  std::unordered_map<std::string, const Service*> services;
};

namespace {

template <typename T, typename Container, typename Index, typename Shape>
void index_new_only(std::unordered_map<std::string, const T*>& out, const Container& candidates,
                    const Index& old_index, Shape shape) {
  for (const T& c : candidates) {
    if (old_index.count(c.full_name)) continue;
    std::string s = shape(c);
    if (s.empty()) continue;
    auto [it, inserted] = out.emplace(std::string(scope_of(c.full_name)) + '\n' + s, &c);
    if (!inserted) it->second = nullptr;  // ambiguous: say nothing rather than guess
  }
}

const MatchIndex& match_index(const CheckContext& ctx) {
  if (!ctx.match_index) {
    auto index = std::make_shared<MatchIndex>();
    index_new_only(index->messages, ctx.new_image.messages, ctx.old_image.message_by_name, message_shape);
    index_new_only(index->enums, ctx.new_image.enums, ctx.old_image.enum_by_name, enum_shape);
    index_new_only(index->services, ctx.new_image.services, ctx.old_image.service_by_name, service_shape);
    ctx.match_index = std::move(index);
  }
  return *ctx.match_index;
}

template <typename T, typename Shape>
const T* lookup(const std::unordered_map<std::string, const T*>& index, const T& old, Shape shape) {
  std::string s = shape(old);
  if (s.empty()) return nullptr;
  auto it = index.find(std::string(scope_of(old.full_name)) + '\n' + s);
  return it == index.end() ? nullptr : it->second;
}

}  // namespace

const Message* renamed_message(const CheckContext& ctx, const Message& old_message) {
  return lookup(match_index(ctx).messages, old_message, message_shape);
}

const Enum* renamed_enum(const CheckContext& ctx, const Enum& old_enum) {
  return lookup(match_index(ctx).enums, old_enum, enum_shape);
}

const Service* renamed_service(const CheckContext& ctx, const Service& old_service) {
  return lookup(match_index(ctx).services, old_service, service_shape);
}

const Method* renamed_method(const Service& old_service, const Service& new_service, const Method& old_method) {
  const Method* found = nullptr;
  for (const Method* m : new_service.methods) {
    bool existed = std::any_of(old_service.methods.begin(), old_service.methods.end(),
                               [&](const Method* o) { return o->d->name() == m->d->name(); });
    if (existed || method_shape(*m) != method_shape(old_method)) continue;
    if (found) return nullptr;
    found = m;
  }
  return found;
}

const Field* renumbered_field(const Message& old_message, const Message& new_message, const Field& old_field) {
  auto it = new_message.field_by_name.find(old_field.name());
  if (it == new_message.field_by_name.end()) return nullptr;
  const Field* candidate = it->second;
  if (old_message.field_by_number.count(candidate->number())) return nullptr;
  return candidate;
}

std::string describe_type(const Image& image, const Field& field, int depth) {
  using FDP = gp::FieldDescriptorProto;
  switch (field.d->type()) {
    case FDP::TYPE_MESSAGE: {
      const Message* m = image.find_message(field.type_name());
      // A hostile map entry can name itself as its value type: describe a few levels, not forever.
      if (m && m->map_entry() && m->fields.size() == 2 && depth < 8) {
        return "map<" + describe_type(image, *m->fields[0], depth + 1) + ", " +
               describe_type(image, *m->fields[1], depth + 1) + ">";
      }
      return "message " + quote(field.type_name());
    }
    case FDP::TYPE_GROUP: return "group " + quote(field.type_name());
    case FDP::TYPE_ENUM: return "enum " + quote(field.type_name());
    default: {
      std::string name = FDP::Type_Name(field.d->type());
      name = name.substr(5);  // TYPE_INT32 -> INT32
      std::transform(name.begin(), name.end(), name.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; });
      return name;
    }
  }
}

}  // namespace driftcheck::proto
