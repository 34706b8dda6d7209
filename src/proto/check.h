// The protobuf check stage: pairs old and new elements and hands each pair to the rules.
// Rules are small functions over pairs (buf's shape); they never print, they report findings.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/rule_docs.h"
#include "proto/model.h"

namespace driftcheck::proto {

struct MatchIndex;  // match.cpp: new-only elements by shape, for rename detection

struct CheckContext {
  const Image& old_image;
  const Image& new_image;
  mutable std::shared_ptr<MatchIndex> match_index = nullptr;  // built on first use
};

// Builds findings for one rule; fills rule id, severity, domain and breaks from the rule's doc.
class Reporter {
 public:
  Reporter(const RuleDoc& doc, std::vector<Finding>& out) : doc_(doc), out_(out) {}

  // `where` is the primary location (new file); `old` the element's place in the old file.
  Finding& report(Location where, std::string element_path, std::string message);
  Finding& report(Location where, const Element* old, std::string message);
  const RuleDoc& doc() const { return doc_; }

 private:
  const RuleDoc& doc_;
  std::vector<Finding>& out_;
};

// Locations, buf's way: the span of `path` (plus `sub` field numbers) in the file, falling back
// to the element itself and then to file:1:1 when the descriptor has no source info.
Location location_of(const File& file, const Path& path, std::initializer_list<int32_t> sub = {});
Location location_of(const Element& element, std::initializer_list<int32_t> sub = {});
Location file_start(const File& file);  // file:1:1, for top-level deletions
Location no_file();                     // for deleted files and packages

// Where a deleted element is reported: the nearest enclosing message (by nested-name prefix) that
// survives in `new_file`, its whole span; file:1:1 when there is none.
Location deleted_in(const File& new_file, const Element& deleted);
// The same, with the enclosing message looked up across every file of `package` (buf's
// PACKAGE_MESSAGE_NO_DELETE), falling back to `new_file`:1:1.
Location deleted_in_package(const Image& new_image, std::string_view package, const File& new_file,
                            const Element& deleted);

// Pairing helpers. Every callback gets (old, new).
void for_each_file_pair(const CheckContext& ctx, const std::function<void(const File&, const File&)>& fn);
void for_each_message_pair(const CheckContext& ctx, const std::function<void(const Message&, const Message&)>& fn);
void for_each_field_pair(const CheckContext& ctx, const std::function<void(const Field&, const Field&)>& fn);
void for_each_extension_pair(const CheckContext& ctx, const std::function<void(const Field&, const Field&)>& fn);
void for_each_enum_pair(const CheckContext& ctx, const std::function<void(const Enum&, const Enum&)>& fn);
void for_each_service_pair(const CheckContext& ctx, const std::function<void(const Service&, const Service&)>& fn);
void for_each_method_pair(const CheckContext& ctx, const std::function<void(const Method&, const Method&)>& fn);

// Quoted element names for messages: `name`.
std::string quote(std::string_view s);

}  // namespace driftcheck::proto
