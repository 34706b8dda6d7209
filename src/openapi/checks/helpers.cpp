#include <ctime>
#include <regex>

#include "openapi/checks/checks.h"

namespace driftcheck::openapi {

namespace {

std::string today(const CheckOptions& options) {
  if (!options.today.empty()) return options.today;
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
  return buf;
}

// The date part of an RFC 3339 full-date or date-time, or "" when it is neither.
std::string sunset_date(const Json& value) {
  if (!value.is_string()) return "";
  static const std::regex date(R"((\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?)");
  std::smatch m;
  const std::string& s = value.get_ref<const std::string&>();
  return std::regex_match(s, m, date) ? m[1].str() : "";
}

}  // namespace

std::string string_member(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

Removal removal_state(const Json& element, const CheckOptions& options) {
  bool deprecated = element.is_object() && element.value("deprecated", false) == true;
  if (!deprecated) return Removal::without_deprecation;
  auto sunset = element.find("x-sunset");
  if (sunset == element.end()) return Removal::with_deprecation;
  std::string date = sunset_date(*sunset);
  if (date.empty()) return Removal::sunset_parse_error;
  return date > today(options) ? Removal::before_sunset : Removal::after_sunset;  // ISO dates sort as text
}

}  // namespace driftcheck::openapi
