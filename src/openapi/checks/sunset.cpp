#include "openapi/checks/sunset.h"

#include <ctime>
#include <regex>

namespace driftcheck::openapi {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

}  // namespace

long day_number(const std::string& date) {
  return days_from_civil(std::stol(date.substr(0, 4)), static_cast<unsigned>(std::stoul(date.substr(5, 2))),
                         static_cast<unsigned>(std::stoul(date.substr(8, 2))));
}

std::string today_of(const CheckOptions& options) {
  if (!options.today.empty()) return options.today;
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
  return buf;
}

// The date part of an RFC 3339 full-date or date-time, or nullopt when the value is neither.
std::optional<std::string> parse_sunset(const Json& value) {
  if (!value.is_string()) return std::nullopt;
  static const std::regex date(R"((\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?)");
  std::smatch m;
  const std::string& s = value.get_ref<const std::string&>();
  if (!std::regex_match(s, m, date)) return std::nullopt;
  int month = std::stoi(m[2].str()), day = std::stoi(m[3].str());
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  return s.substr(0, 10);
}

std::string sunset_notice(const std::string& date, long days, int grace) {
  if (days < 0) return "sunset date " + date + ", already past";
  std::string when = days == 0 ? "today" : days == 1 ? "1 day from today" : std::to_string(days) + " days from today";
  return "sunset date " + date + ", " + when + "; the policy asks for at least " + std::to_string(grace) + " days";
}

std::string sunset_hint(int grace) {
  if (grace <= 0) return "move `x-sunset` to a date that has not passed";
  return "move `x-sunset` to at least " + std::to_string(grace) + " days from now";
}

}  // namespace driftcheck::openapi
