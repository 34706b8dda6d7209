// FIELD_SAME_DEFAULT: the value a reader sees for an unset field. Changing it means old and new
// readers of the same message disagree, without anything on the wire to tell them apart.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "proto/rules/rules.h"

namespace driftcheck::proto {

namespace {

using FDP = gp::FieldDescriptorProto;

// A field's default, resolved as protobuf-go does, in a form that compares across types.
struct DefaultValue {
  enum class Type { text, integer, float32, float64 } type = Type::integer;
  std::string text;       // string and bytes, raw
  bool negative = false;  // integer: sign and magnitude, so int64 and uint64 compare exactly
  uint64_t magnitude = 0;
  double number = 0;      // float32 (widened exactly) and float64
  std::string printable;  // how the message shows it

  bool is_float() const { return type == Type::float32 || type == Type::float64; }
  bool zero() const {
    if (type == Type::text) return text.empty();
    if (is_float()) return number == 0 && !std::signbit(number);  // -0.0 is not the zero value
    return magnitude == 0;
  }
};

// ---- Printing, as buf's messages show values ----------------------------------------------

std::string hex_byte(unsigned char c, const char* format) {
  char buf[8];
  std::snprintf(buf, sizeof buf, format, c);
  return buf;
}

// Go's %q: printable ASCII and valid UTF-8 as is, everything else escaped.
std::string go_quote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = len > 1 && i + len <= s.size();
    for (size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(s[i + k]) >> 6) == 0x2;
    if (valid) {
      out.append(s.substr(i, len));
      i += len;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default: out += c >= 0x20 && c < 0x7f ? std::string(1, static_cast<char>(c)) : hex_byte(c, "\\x%02x");
    }
    ++i;
  }
  return out + '"';
}

// "[0x61,0x62]", as buf prints bytes.
std::string byte_list(std::string_view bytes) {
  std::string out = "[";
  for (char c : bytes) out += (out.size() > 1 ? "," : "") + hex_byte(static_cast<unsigned char>(c), "0x%X");
  return out + ']';
}

// Go's %v for a float: the shortest digits that round-trip, in exponent form when the decimal
// exponent is below -4 or at least 6 (so 123456 but 1.234567e+06, and 1e-05).
template <typename T>
std::string go_float(T value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Inf" : "+Inf";
  char buf[64];
  auto end = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific).ptr;
  std::string sci(buf, end);  // "-1.23123e+02"
  std::string sign = sci[0] == '-' ? "-" : "";
  if (!sign.empty()) sci.erase(0, 1);
  size_t e = sci.find('e');
  int exponent = std::atoi(sci.c_str() + e + 1);
  std::string digits = sci.substr(0, e);
  if (digits.size() > 1) digits.erase(1, 1);  // drop the '.'
  if (exponent < -4 || exponent >= 6) {
    std::string mantissa = digits.size() > 1 ? digits.substr(0, 1) + "." + digits.substr(1) : digits;
    std::string exp = std::to_string(std::abs(exponent));
    return sign + mantissa + (exponent < 0 ? "e-" : "e+") + (exp.size() < 2 ? "0" : "") + exp;
  }
  int point = exponent + 1;  // digits before the decimal point
  int n = static_cast<int>(digits.size());
  if (point <= 0) return sign + "0." + std::string(-point, '0') + digits;
  if (point >= n) return sign + digits + std::string(point - n, '0');
  return sign + digits.substr(0, point) + "." + digits.substr(point);
}

// ---- Parsing FieldDescriptorProto.default_value --------------------------------------------

int digit_value(char c, int base) {
  int d = c >= '0' && c <= '9'   ? c - '0'
          : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                 : base;
  return d < base ? d : -1;
}

// Bytes defaults are stored C-escaped: \n and friends, octal \ooo and hex \xhh.
std::string c_unescape(std::string_view s) {
  std::string out;
  size_t i = 0;
  // Reads up to `max` digits of `base` at i into one byte.
  auto number = [&](int base, size_t max) {
    int value = 0;
    for (size_t n = 0; n < max && i < s.size() && digit_value(s[i], base) >= 0; ++n)
      value = value * base + digit_value(s[i++], base);
    out.push_back(static_cast<char>(value));
  };
  while (i < s.size()) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i++]);
      continue;
    }
    char c = s[++i];
    if (c >= '0' && c <= '7') {
      number(8, 3);
      continue;
    }
    ++i;
    switch (c) {
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'a': out.push_back('\a'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'v': out.push_back('\v'); break;
      case 'x':
      case 'X': number(16, 2); break;
      default: out.push_back(c);  // \\ \' \" \?
    }
  }
  return out;
}

DefaultValue integer(bool negative, uint64_t magnitude) {
  DefaultValue v;
  v.negative = negative && magnitude != 0;
  v.magnitude = magnitude;
  v.printable = (v.negative ? "-" : "") + std::to_string(magnitude);
  return v;
}

DefaultValue parse_integer(std::string_view text) {
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  uint64_t magnitude = 0;
  std::from_chars(text.data(), text.data() + text.size(), magnitude);
  return integer(negative, magnitude);
}

DefaultValue enum_default(const Image& image, const Field& f) {
  const Enum* e = image.find_enum(f.type_name());
  if (!e || e->values.empty()) return integer(false, 0);
  int32_t number = e->values.front()->d->number();  // unset: the first declared value
  if (f.d->has_default_value())
    for (const EnumValue* v : e->values)
      if (v->d->name() == f.d->default_value()) number = v->d->number();
  DefaultValue out = integer(number < 0, static_cast<uint64_t>(std::abs(static_cast<int64_t>(number))));
  out.printable = e->d->name() + ".";
  auto named =
      std::find_if(e->values.begin(), e->values.end(), [&](const EnumValue* v) { return v->d->number() == number; });
  out.printable += named != e->values.end() ? (*named)->d->name() : std::to_string(number) + "(?)";
  return out;
}

DefaultValue default_of(const Image& image, const Field& f) {
  const std::string& text = f.d->default_value();  // "" when unset: every type's zero value below
  DefaultValue v;
  switch (f.d->type()) {
    case FDP::TYPE_STRING:
    case FDP::TYPE_BYTES: {
      bool bytes = f.d->type() == FDP::TYPE_BYTES;
      v.type = DefaultValue::Type::text;
      v.text = bytes ? c_unescape(text) : text;
      v.printable = bytes ? byte_list(v.text) : go_quote(v.text);
      return v;
    }
    case FDP::TYPE_ENUM: return enum_default(image, f);
    case FDP::TYPE_BOOL:
      v = integer(false, text == "true");
      v.printable = text == "true" ? "true" : "false";
      return v;
    case FDP::TYPE_FLOAT: {
      float x = text.empty() ? 0.0f : std::strtof(text.c_str(), nullptr);
      v.type = DefaultValue::Type::float32;
      v.number = x;
      v.printable = go_float(x);
      return v;
    }
    case FDP::TYPE_DOUBLE:
      v.type = DefaultValue::Type::float64;
      v.number = text.empty() ? 0.0 : std::strtod(text.c_str(), nullptr);
      v.printable = go_float(v.number);
      return v;
    default: return parse_integer(text);  // every integer type, signed or not
  }
}

// ---- Comparison ----------------------------------------------------------------------------

// A float equals an integer only when it is that exact whole number.
bool float_equals_integer(double d, const DefaultValue& i) {
  if (!std::isfinite(d) || d != std::trunc(d)) return false;
  if (d == 0) return i.magnitude == 0;
  if ((d < 0) != i.negative || std::fabs(d) >= 18446744073709551616.0) return false;
  return static_cast<uint64_t>(std::fabs(d)) == i.magnitude;
}

// Strings and bytes compare by content; numbers, bools and enum numbers exactly, whatever their
// types, except that float against double compares at float precision.
bool same_default(const DefaultValue& a, const DefaultValue& b) {
  using T = DefaultValue::Type;
  if (a.type == T::text || b.type == T::text) return a.type == b.type && a.text == b.text;
  if (a.is_float() && b.is_float()) {
    if (std::isnan(a.number) || std::isnan(b.number)) return std::isnan(a.number) && std::isnan(b.number);
    if (a.type != b.type) return static_cast<float>(a.number) == static_cast<float>(b.number);
    return a.number == b.number;
  }
  if (a.is_float()) return float_equals_integer(a.number, b);
  if (b.is_float()) return float_equals_integer(b.number, a);
  return a.negative == b.negative && a.magnitude == b.magnitude;
}

// Repeated fields, maps and messages have no default.
bool can_have_default(const Field& f) { return !f.is_repeated() && !f.is_message(); }

}  // namespace

void check_field_same_default(const CheckContext& ctx, Reporter& r) {
  for_each_field_or_extension_pair(ctx, [&](const Field& o, const Field& n) {
    if (!can_have_default(o) || !can_have_default(n)) return;
    DefaultValue before = default_of(ctx.old_image, o), after = default_of(ctx.new_image, n);
    if ((before.zero() && after.zero()) || same_default(before, after)) return;
    Finding& f =
        r.report(location_of(n, {7}), &o,
                 field_label(n) + " changed its default value from " + before.printable + " to " + after.printable +
                     ": when it is not set, readers on the old and new schema see different values");
    f.hint = "keep the default; if another default is needed, add a new field and deprecate this one";
  });
}

}  // namespace driftcheck::proto
