#include "openapi/checks/checks.h"
#include "openapi/checks/sunset.h"

namespace driftcheck::openapi {

std::string string_member(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

bool flag_member(const Json& object, const char* key) {
  if (!object.is_object()) return false;
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

Removal removal_state(const Json& element, const CheckOptions& options) {
  bool deprecated = flag_member(element, "deprecated");
  if (!deprecated) return Removal::without_deprecation;
  auto sunset = element.find("x-sunset");
  if (sunset == element.end()) return Removal::with_deprecation;
  std::optional<std::string> date = parse_sunset(*sunset);
  if (!date) return Removal::sunset_parse_error;
  return *date > today_of(options) ? Removal::before_sunset : Removal::after_sunset;  // ISO dates sort as text
}

}  // namespace driftcheck::openapi
