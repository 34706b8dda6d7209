// Locations the rules need beyond check.h: exact accessor spans (an option statement, a method's
// request type) and buf's "fuzzy" lookup of a feature set in an element's own options.
#include "proto/rules/rules.h"

namespace driftcheck::proto {

namespace {

// Whether `prefix` is `path` or one of its ancestors.
bool starts_with(const gp::RepeatedField<int32_t>& path, const Path& prefix) {
  return path.size() >= static_cast<int>(prefix.size()) && std::equal(prefix.begin(), prefix.end(), path.begin());
}
bool starts_with(const Path& path, const gp::RepeatedField<int32_t>& prefix) {
  return static_cast<int>(path.size()) >= prefix.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

}  // namespace

Location exact_location(const File& file, const Path& path) {
  if (auto l = file.location(path)) return *l;
  return file_start(file);
}

Location exact_location(const Element& element, std::initializer_list<int32_t> sub) {
  // A map's synthetic entry has no source info of its own; only its whole span resolves.
  if (element.map_owner) return file_start(*element.file);
  Path p = element.path;
  p.insert(p.end(), sub);
  return exact_location(*element.file, p);
}

Location feature_location(const Element& element, int32_t options_field, int32_t features_field, int32_t feature) {
  return feature_location(element, options_field, features_field, {feature});
}

Location feature_location(const Element& element, int32_t options_field, int32_t features_field,
                          std::initializer_list<int32_t> feature_path) {
  if (element.map_owner) return location_of(element);
  const File& file = *element.file;
  Path target = element.path;
  target.insert(target.end(), {options_field, features_field});
  target.insert(target.end(), feature_path);
  if (auto l = file.location(target)) return *l;
  // The aggregate form `features = { ... }` has no location for the feature itself: take the first
  // location inside it, else the longest enclosing one that is still within the features field.
  const size_t min_len = element.path.size() + 2;
  const gp::SourceCodeInfo::Location* best = nullptr;
  for (const auto& loc : file.source_info().location()) {
    if (static_cast<size_t>(loc.path_size()) >= min_len && starts_with(target, loc.path()) &&
        (!best || loc.path_size() > best->path_size()))
      best = &loc;
    else if (starts_with(loc.path(), target))
      return file.to_location(loc);
  }
  if (best) return file.to_location(*best);
  return location_of(element);
}

}  // namespace driftcheck::proto
