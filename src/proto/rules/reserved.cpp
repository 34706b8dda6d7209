// Reserved and extension ranges: numbers the old contract set aside must stay set aside. Each old
// range is compared with the new ranges merged together, so splitting or widening a range is fine
// while any number that drops out is reported, one finding per old range that lost some.
#include "proto/rules/rules.h"

namespace driftcheck::proto {

namespace {

struct TagRange {
  int64_t start = 0;
  int64_t end = 0;  // inclusive
};

constexpr int64_t kEnumMax = 2147483647;
constexpr int64_t kMessageMax = 536870911;
constexpr int64_t kMessageSetMax = 2147483646;

int64_t message_max(const Message& m) {
  return m.d->options().message_set_wire_format() ? kMessageSetMax : kMessageMax;
}

// Overlapping and adjacent ranges joined, in order.
std::vector<TagRange> merged(std::vector<TagRange> ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const TagRange& a, const TagRange& b) { return a.start != b.start ? a.start < b.start : a.end < b.end; });
  std::vector<TagRange> out;
  for (const TagRange& r : ranges) {
    if (!out.empty() && r.start <= out.back().end + 1) out.back().end = std::max(out.back().end, r.end);
    else out.push_back(r);
  }
  return out;
}

// The parts of `old` that no range of `now` (merged) covers.
std::vector<TagRange> uncovered(TagRange old, const std::vector<TagRange>& now) {
  std::vector<TagRange> out;
  int64_t next = old.start;
  for (const TagRange& r : now) {
    if (r.end < next) continue;
    if (r.start > old.end) break;
    if (r.start > next) out.push_back({next, r.start - 1});
    next = r.end + 1;
    if (next > old.end) return out;
  }
  if (next <= old.end) out.push_back({next, old.end});
  return out;
}

std::string describe(TagRange r, int64_t max) {
  if (r.start == r.end) return std::to_string(r.start);
  return std::to_string(r.start) + " to " + (r.end == max ? std::string("max") : std::to_string(r.end));
}

std::string describe_all(const std::vector<TagRange>& ranges, int64_t max) {
  std::string out;
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (i) out += i + 1 == ranges.size() ? " and " : ", ";
    out += describe(ranges[i], max);
  }
  return out;
}

// What the rule says about one kind of range.
struct RangeKind {
  const char* container;  // "enum" or "message"
  const char* verb;       // "reserves"
  const char* one;        // what precedes a single number: "field number"
  const char* many;       // what precedes several: "field numbers"
  const char* range;      // "reserved range"
  const char* consequence;
  const char* hint;
};

void check_ranges(Reporter& r, const Element& o, const Element& n, const RangeKind& kind,
                  const std::vector<TagRange>& before, int64_t old_max, const std::vector<TagRange>& after,
                  int64_t new_max) {
  std::vector<TagRange> now = merged(after);
  for (const TagRange& old_range : before) {
    std::vector<TagRange> lost = uncovered(old_range, now);
    if (lost.empty()) continue;
    std::string old_text = describe(old_range, old_max);
    std::string lost_text = describe_all(lost, new_max);
    bool single = lost.size() == 1 && lost[0].start == lost[0].end;
    std::string noun = single ? kind.one : kind.many;
    std::string message = std::string(kind.container) + " " + quote(n.full_name) + " no longer " + kind.verb + " " +
                          (noun.empty() ? "" : noun + " ") + lost_text;
    if (lost_text != old_text) message += std::string(" (part of its ") + kind.range + " " + old_text + ")";
    message += std::string(", ") + kind.consequence;
    Finding& f = r.report(location_of(n), &o, std::move(message));
    f.hint = kind.hint;
  }
}

template <typename Names>
void check_reserved_names(Reporter& r, const Element& o, const Element& n, const char* container, const Names& before,
                          const Names& after, const char* consequence) {
  for (const std::string& name : before) {
    if (std::find(after.begin(), after.end(), name) != after.end()) continue;
    Finding& f = r.report(location_of(n), &o,
                          "reserved name " + quote(name) + " of " + container + " " + quote(n.full_name) +
                              " was dropped: " + consequence);
    f.hint = "keep `reserved \"" + name + "\";`; reserved names cost nothing and guard old JSON and text data";
  }
}

std::vector<TagRange> enum_reserved(const Enum& e) {
  std::vector<TagRange> out;
  for (const auto& r : e.d->reserved_range()) out.push_back({r.start(), r.end()});  // inclusive
  return out;
}

template <typename Ranges>
std::vector<TagRange> message_ranges(const Ranges& ranges) {
  std::vector<TagRange> out;
  for (const auto& r : ranges) out.push_back({r.start(), int64_t{r.end()} - 1});  // stored end-exclusive
  return out;
}

}  // namespace

void check_reserved_enum_no_delete(const CheckContext& ctx, Reporter& r) {
  static const RangeKind kind{
      "enum", "reserves", "", "", "reserved range",
      "so new values may reuse numbers whose old meaning peers still send and store",
      "keep the old `reserved` ranges; add new values outside them"};
  for_each_enum_pair(ctx, [&](const Enum& o, const Enum& n) {
    check_ranges(r, o, n, kind, enum_reserved(o), kEnumMax, enum_reserved(n), kEnumMax);
    check_reserved_names(r, o, n, "enum", o.d->reserved_name(), n.d->reserved_name(),
                         "a new value may take the name, and JSON or text data that still spells the old value "
                         "would be read as the new one");
  });
}

void check_reserved_message_no_delete(const CheckContext& ctx, Reporter& r) {
  static const RangeKind kind{
      "message", "reserves", "field number", "field numbers", "reserved range",
      "so new fields may reuse numbers that old data and old peers still use with another type or meaning",
      "keep the old `reserved` ranges; add new fields outside them"};
  for_each_message_pair(ctx, [&](const Message& o, const Message& n) {
    check_ranges(r, o, n, kind, message_ranges(o.d->reserved_range()), message_max(o),
                 message_ranges(n.d->reserved_range()), message_max(n));
    check_reserved_names(r, o, n, "message", o.d->reserved_name(), n.d->reserved_name(),
                         "a new field may take the name, and JSON data that still carries the old field would be "
                         "read into the new one");
  });
}

void check_extension_message_no_delete(const CheckContext& ctx, Reporter& r) {
  static const RangeKind kind{
      "message", "accepts extensions", "numbered", "numbered", "extension range",
      "so extensions that other files declare in them no longer compile, and extension data already sent is "
      "read as unknown fields",
      "keep the old `extensions` ranges; they can only grow"};
  for_each_message_pair(ctx, [&](const Message& o, const Message& n) {
    check_ranges(r, o, n, kind, message_ranges(o.d->extension_range()), message_max(o),
                 message_ranges(n.d->extension_range()), message_max(n));
  });
}

}  // namespace driftcheck::proto
