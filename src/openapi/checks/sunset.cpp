#include "openapi/checks/sunset.h"

#include <ctime>
#include <cctype>

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
  // YYYY-MM-DD, then optionally Thh:mm:ss(.fraction)(Z|+hh:mm), read by hand (a regex recurses
  // per character: a long fraction overflowed the stack).
  const std::string& s = value.get_ref<const std::string&>();
  auto digits = [&](size_t at, size_t n) {
    if (at + n > s.size()) return false;
    for (size_t k = at; k < at + n; ++k)
      if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
    return true;
  };
  auto is = [&](size_t at, char c) { return at < s.size() && s[at] == c; };
  if (!(digits(0, 4) && is(4, '-') && digits(5, 2) && is(7, '-') && digits(8, 2))) return std::nullopt;
  if (s.size() > 10) {
    if (!(is(10, 'T') && digits(11, 2) && is(13, ':') && digits(14, 2) && is(16, ':') && digits(17, 2))) return std::nullopt;
    size_t i = 19;
    if (is(i, '.')) {
      size_t from = ++i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      if (i == from) return std::nullopt;
    }
    bool zone = (is(i, 'Z') && i + 1 == s.size()) ||
                ((is(i, '+') || is(i, '-')) && digits(i + 1, 2) && is(i + 3, ':') && digits(i + 4, 2) && i + 6 == s.size());
    if (!zone) return std::nullopt;
  }
  int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
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
