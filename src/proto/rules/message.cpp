// Message rules: a message is identified by its full name (map entries included). Its oneofs,
// options, JSON support and required fields are part of the contract.
#include "proto/descriptor_fields.h"
#include "proto/rules/rules.h"

namespace driftcheck::proto {

namespace {

using namespace fields;

const char* json_format_name(int value) {
  switch (value) {
    case 1: return "ALLOW";
    case 2: return "LEGACY_BEST_EFFORT";
    default: return "unset";
  }
}

// The numbers of a message's LABEL_REQUIRED fields. Editions' LEGACY_REQUIRED fields are stored
// as optional and do not count, as in buf.
std::map<int32_t, const Field*> required_fields(const Message& m) {
  std::map<int32_t, const Field*> out;
  for (const Field* f : m.fields)
    if (f->d->label() == gp::FieldDescriptorProto::LABEL_REQUIRED) out.emplace(f->number(), f);
  return out;
}

}  // namespace

void check_oneof_no_delete(const CheckContext& ctx, Reporter& r) {
  for_each_message_pair(ctx, [&](const Message& o, const Message& n) {
    for (const Oneof& oneof : o.oneofs) {
      // The `_x` oneof of a proto3 `optional` field is an artifact; presence rules cover it.
      if (oneof.synthetic) continue;
      bool kept = std::any_of(n.oneofs.begin(), n.oneofs.end(),
                              [&](const Oneof& now) { return now.d->name() == oneof.d->name(); });
      if (kept) continue;
      Finding& f = r.report(location_of(n), oneof.full_name,
                            "oneof " + quote(oneof.d->name()) + " was deleted from message " + quote(n.full_name) +
                                ": generated code loses its case accessors, and its fields no longer exclude "
                                "each other, so a message may now carry several of them");
      f.old_location = location_of(*o.file, oneof.path);
      f.hint = "keep the oneof; to retire it, deprecate its fields and leave them in place";
    }
  });
}

void check_message_no_remove_standard_descriptor_accessor(const CheckContext& ctx, Reporter& r) {
  for_each_message_pair(ctx, [&](const Message& o, const Message& n) {
    if (o.d->options().no_standard_descriptor_accessor() || !n.d->options().no_standard_descriptor_accessor())
      return;
    Finding& f = r.report(exact_location(n, {kMessageOptions, kNoStandardDescriptorAccessor}), &o,
                          "message " + quote(n.full_name) +
                              " now sets `no_standard_descriptor_accessor = true`: its generated code no longer has "
                              "the standard `descriptor()` accessor, and code that calls it stops compiling");
    f.hint = "remove `option no_standard_descriptor_accessor = true;` from the message";
  });
}

void check_message_same_json_format(const CheckContext& ctx, Reporter& r) {
  for_each_message_pair(ctx, [&](const Message& o, const Message& n) {
    if (o.features.json_format != kJsonFormatAllow || n.features.json_format == kJsonFormatAllow) return;
    Finding& f = r.report(feature_location(n, kMessageOptions, kMessageFeatures, kJsonFormatFeature), &o,
                          "message " + quote(n.full_name) +
                              " no longer guarantees JSON support (json_format changed from ALLOW to " +
                              json_format_name(n.features.json_format) +
                              "): JSON that clients send or expect for it may no longer be accepted or produced");
    f.hint = "keep JSON support: set `option features.json_format = ALLOW;` on the message";
  });
}

void check_message_same_required_fields(const CheckContext& ctx, Reporter& r) {
  for_each_message_pair(ctx, [&](const Message& o, const Message& n) {
    auto before = required_fields(o);
    auto after = required_fields(n);
    for (const auto& [number, field] : before) {
      if (after.count(number)) continue;
      Finding& f = r.report(location_of(n), field,
                            "required field " + std::to_string(number) + " " + quote(field->name()) + " of message " +
                                quote(n.full_name) +
                                (n.field_by_number.count(number) ? " is no longer required" : " was deleted") +
                                ": peers that still have it required reject every message that lacks it");
      f.hint = "keep the field required; required fields can never be removed or relaxed safely";
    }
    for (const auto& [number, field] : after) {
      if (before.count(number)) continue;
      Finding& f = r.report(location_of(*field), std::string(field->full_name),
                            "field " + std::to_string(number) + " " + quote(field->name()) + " of message " +
                                quote(n.full_name) +
                                " is newly required: messages from peers that do not set it are rejected");
      f.hint = "add the field as optional instead; required fields can never be added safely";
    }
  });
}

}  // namespace driftcheck::proto
