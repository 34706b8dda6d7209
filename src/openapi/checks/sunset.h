// Dates for the deprecation policy: today, `x-sunset` values, and how a too-early sunset is told.
#pragma once

#include <optional>
#include <string>

#include "openapi/check.h"

namespace driftcheck::openapi {

// YYYY-MM-DD: CheckOptions::today, or the local date.
std::string today_of(const CheckOptions& options);
// Days since 1970-01-01 of a YYYY-MM-DD date.
long day_number(const std::string& date);
// The date part of an RFC 3339 full-date or date-time, or nullopt when the value is neither.
std::optional<std::string> parse_sunset(const Json& value);

// "sunset date 2027-01-01, 20 days from today; the policy asks for at least 30", or "sunset date
// 2020-01-01, already past": `days` is the sunset's distance from today, `grace` the policy's.
std::string sunset_notice(const std::string& date, long days, int grace);
// How to fix it: a date at least `grace` days ahead (or any future date).
std::string sunset_hint(int grace);

}  // namespace driftcheck::openapi
