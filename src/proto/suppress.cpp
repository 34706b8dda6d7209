#include "proto/suppress.h"

#include <sstream>
#include <tuple>

#include "core/rule_docs.h"

namespace driftcheck::proto {

namespace {

constexpr std::string_view kMarker = "driftcheck:ignore";

struct Suppression {
  Location element;  // span of the commented element
  std::string rule;
  bool used = false;
};

// Rule ids named after each marker in a comment: "driftcheck:ignore A,B why".
std::vector<std::string> ids_in(const std::string& comment) {
  std::vector<std::string> out;
  for (size_t at = comment.find(kMarker); at != std::string::npos; at = comment.find(kMarker, at + 1)) {
    std::istringstream rest(comment.substr(at + kMarker.size()));
    std::string word;
    rest >> word;
    std::istringstream list(word);
    for (std::string id; std::getline(list, id, ',');)
      if (!id.empty()) out.push_back(id);
  }
  return out;
}

bool contains(const Location& outer, const Location& inner) {
  auto start = [](const Location& l) { return std::make_tuple(l.line, l.column); };
  auto end = [](const Location& l) { return std::make_tuple(l.end_line, l.end_column); };
  return outer.file == inner.file && start(outer) <= start(inner) && start(inner) <= end(outer);
}

std::vector<Suppression> collect(const Image& image) {
  std::vector<Suppression> out;
  for (const File& file : image.files) {
    if (file.is_import) continue;
    // Cheap test on the raw bytes first, so files without the marker are never parsed.
    if (!file.source_info_bytes.empty() && file.source_info_bytes.find(kMarker) == std::string_view::npos) continue;
    for (const auto& loc : file.source_info().location()) {
      if (loc.leading_comments().find(kMarker) == std::string::npos &&
          loc.trailing_comments().find(kMarker) == std::string::npos)
        continue;
      auto at = file.location(Path(loc.path().begin(), loc.path().end()));
      if (!at) continue;
      for (const std::string& comment : {loc.leading_comments(), loc.trailing_comments()})
        for (std::string& id : ids_in(comment)) out.push_back({*at, std::move(id)});
    }
  }
  return out;
}

}  // namespace

void apply_inline_suppressions(const Image& new_image, std::vector<Finding>& findings) {
  std::vector<Suppression> suppressions = collect(new_image);
  if (suppressions.empty()) return;
  std::erase_if(findings, [&](const Finding& f) {
    if (!f.location.has_file()) return false;
    bool silenced = false;
    for (Suppression& s : suppressions)
      if (s.rule == f.rule && contains(s.element, f.location)) silenced = s.used = true;
    return silenced;
  });
  const RuleDoc* doc = find_rule_doc("unused-suppression");
  if (!doc) return;
  for (const Suppression& s : suppressions) {
    if (s.used) continue;
    Finding& f = findings.emplace_back();
    f.rule = doc->id;
    f.severity = doc->severity;
    f.domain = "proto";
    f.location = s.element;
    f.message = "`driftcheck:ignore " + s.rule + "` silences nothing here" +
                (find_rule_doc(s.rule) ? "" : std::string(" (no rule has this id)"));
    f.hint = "remove the comment, or fix the rule id";
  }
}

}  // namespace driftcheck::proto
