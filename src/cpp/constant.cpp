#include "cpp/constant.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

namespace driftcheck::cpp {

namespace {

constexpr int kMaxDepth = 16;  // macros that name macros; deeper (or cyclic) chains are no value

__int128 wrap(__int128 v, int bits, bool is_unsigned) {
  unsigned __int128 mask = (static_cast<unsigned __int128>(1) << bits) - 1;
  unsigned __int128 u = static_cast<unsigned __int128>(v) & mask;
  if (!is_unsigned && (u >> (bits - 1)) & 1) return static_cast<__int128>(u) - (static_cast<__int128>(1) << bits);
  return static_cast<__int128>(u);
}

IntValue make(__int128 v, int bits, bool is_unsigned) { return {wrap(v, bits, is_unsigned), bits, is_unsigned}; }

// The usual arithmetic conversions, for int (32) and long / long long (64) of either sign.
IntValue common(const IntValue& a, const IntValue& b, __int128 v) {
  int bits = std::max(a.bits, b.bits);
  bool is_unsigned = (a.bits == bits && a.is_unsigned) || (b.bits == bits && b.is_unsigned);
  return make(v, bits, is_unsigned);
}

struct Token {
  enum Kind { number, ident, punct, end } kind;
  std::string text;
};

std::vector<Token> tokenize(const std::string& s, bool* ok) {
  std::vector<Token> out;
  static const char* puncts[] = {"<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "(", ")", "+", "-", "*", "/",
                                 "%", "<", ">", "&", "|", "^", "~", "!", "?", ":"};
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      ++i;
    } else if (std::isdigit(c)) {
      size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '\'')) ++j;
      out.push_back({Token::number, s.substr(i, j - i)});
      i = j;
    } else if (std::isalpha(c) || c == '_') {
      size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' || s.compare(j, 2, "::") == 0))
        j += s.compare(j, 2, "::") == 0 ? 2 : 1;
      out.push_back({Token::ident, s.substr(i, j - i)});
      i = j;
    } else {
      bool matched = false;
      for (const char* p : puncts)
        if (s.compare(i, std::char_traits<char>::length(p), p) == 0) {
          out.push_back({Token::punct, p});
          i += std::char_traits<char>::length(p);
          matched = true;
          break;
        }
      if (!matched) {
        *ok = false;  // strings, braces, commas: not an integer expression
        return out;
      }
    }
  }
  out.push_back({Token::end, ""});
  return out;
}

std::optional<IntValue> parse_literal(std::string t) {
  std::string digits;
  for (char c : t)
    if (c != '\'') digits += c;
  size_t suffix_at = digits.size();
  while (suffix_at > 0 && std::strchr("uUlL", digits[suffix_at - 1])) --suffix_at;
  std::string suffix = digits.substr(suffix_at);
  digits.resize(suffix_at);
  int base = 10;
  size_t start = 0;
  if (digits.size() > 1 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) base = 16, start = 2;
  else if (digits.size() > 1 && digits[0] == '0' && (digits[1] == 'b' || digits[1] == 'B')) base = 2, start = 2;
  else if (digits.size() > 1 && digits[0] == '0') base = 8, start = 1;
  if (start >= digits.size() && base != 8) return std::nullopt;
  unsigned __int128 v = 0;
  for (size_t i = start; i < digits.size(); ++i) {
    int d = std::isdigit(static_cast<unsigned char>(digits[i])) ? digits[i] - '0'
            : std::isxdigit(static_cast<unsigned char>(digits[i])) ? std::tolower(digits[i]) - 'a' + 10
                                                                   : 99;
    if (d >= base) return std::nullopt;  // 1.5, 1e3: not an integer
    v = v * static_cast<unsigned>(base) + static_cast<unsigned>(d);
    if (v >> 64) return std::nullopt;
  }
  bool is_unsigned = suffix.find_first_of("uU") != std::string::npos;
  bool is_long = suffix.find_first_of("lL") != std::string::npos;
  // The first type that holds the value: int, (unsigned int for hex and octal), long, unsigned long.
  if (!is_long && !is_unsigned && v <= 0x7fffffff) return IntValue{static_cast<__int128>(v), 32, false};
  if (!is_long && (is_unsigned || base != 10) && v <= 0xffffffffu) return IntValue{static_cast<__int128>(v), 32, true};
  if (!is_unsigned && v <= 0x7fffffffffffffffull) return IntValue{static_cast<__int128>(v), 64, false};
  return IntValue{static_cast<__int128>(v), 64, true};
}

// An integer type named by keywords or an alias of one: (unsigned long), (size_t).
std::optional<std::pair<int, bool>> integer_type(const std::vector<std::string>& words) {
  bool is_unsigned = false, any = false;
  int longs = 0;
  std::string base;
  for (const std::string& w : words) {
    if (w == "unsigned") is_unsigned = true, any = true;
    else if (w == "signed" || w == "const") any = true;
    else if (w == "long") ++longs, any = true;
    else if (w == "int" || w == "short" || w == "char" || w == "_Bool" || w == "bool") base = w, any = true;
    else return std::nullopt;
  }
  if (!any) return std::nullopt;
  if (base == "char") return std::make_pair(8, is_unsigned);
  if (base == "short") return std::make_pair(16, is_unsigned);
  if (base == "_Bool" || base == "bool") return std::make_pair(1, true);
  return std::make_pair(longs > 0 ? 64 : 32, is_unsigned);
}

// A recursive-descent parser over the tokens, C precedence.
class Parser {
 public:
  Parser(std::vector<Token> tokens, const Constants& constants, const Api& api, int depth)
      : t_(std::move(tokens)), constants_(constants), api_(api), depth_(depth) {}

  std::optional<IntValue> run() {
    auto v = conditional();
    if (!v || t_[i_].kind != Token::end) return std::nullopt;
    return v;
  }

 private:
  std::vector<Token> t_;
  size_t i_ = 0;
  const Constants& constants_;
  const Api& api_;
  int depth_;

  bool accept(const char* p) {
    if (t_[i_].kind == Token::punct && t_[i_].text == p) return ++i_, true;
    return false;
  }

  std::optional<IntValue> conditional() {
    auto c = binary(0);
    if (!c || !accept("?")) return c;
    auto a = conditional();
    if (!a || !accept(":")) return std::nullopt;
    auto b = conditional();
    if (!b) return std::nullopt;
    return c->value ? common(*a, *b, a->value) : common(*a, *b, b->value);
  }

  static int precedence(const std::string& op) {
    static const std::vector<std::vector<std::string>> levels{
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">="}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}};
    for (size_t l = 0; l < levels.size(); ++l)
      for (const std::string& o : levels[l])
        if (o == op) return static_cast<int>(l);
    return -1;
  }

  std::optional<IntValue> binary(int min_level) {
    auto lhs = unary();
    while (lhs && t_[i_].kind == Token::punct) {
      std::string op = t_[i_].text;
      int level = precedence(op);
      if (level < min_level || level < 0) break;
      ++i_;
      auto rhs = binary(level + 1);
      if (!rhs) return std::nullopt;
      lhs = apply(op, *lhs, *rhs);
    }
    return lhs;
  }

  static std::optional<IntValue> apply(const std::string& op, const IntValue& a, const IntValue& b) {
    IntValue as_int{0, 32, false};
    if (op == "||") return make(a.value || b.value, 32, false);
    if (op == "&&") return make(a.value && b.value, 32, false);
    if (op == "==") return make(common(a, b, a.value).value == common(a, b, b.value).value, 32, false);
    if (op == "!=") return make(common(a, b, a.value).value != common(a, b, b.value).value, 32, false);
    if (op == "<") return make(common(a, b, a.value).value < common(a, b, b.value).value, 32, false);
    if (op == ">") return make(common(a, b, a.value).value > common(a, b, b.value).value, 32, false);
    if (op == "<=") return make(common(a, b, a.value).value <= common(a, b, b.value).value, 32, false);
    if (op == ">=") return make(common(a, b, a.value).value >= common(a, b, b.value).value, 32, false);
    if (op == "<<" || op == ">>") {
      if (b.value < 0 || b.value >= 64) return std::nullopt;
      IntValue l = a.bits < 32 ? make(a.value, 32, false) : a;
      return make(op == "<<" ? l.value << static_cast<int>(b.value) : l.value >> static_cast<int>(b.value), l.bits,
                  l.is_unsigned);
    }
    IntValue x = common(a, b, a.value), y = common(a, b, b.value);
    if (op == "+") return common(a, b, x.value + y.value);
    if (op == "-") return common(a, b, x.value - y.value);
    if (op == "*") return common(a, b, x.value * y.value);
    if (op == "&") return common(a, b, x.value & y.value);
    if (op == "|") return common(a, b, x.value | y.value);
    if (op == "^") return common(a, b, x.value ^ y.value);
    if (y.value == 0) return std::nullopt;
    if (op == "/") return common(a, b, x.value / y.value);
    if (op == "%") return common(a, b, x.value % y.value);
    (void)as_int;
    return std::nullopt;
  }

  std::optional<IntValue> unary() {
    if (accept("-")) {
      auto v = unary();
      return v ? std::optional<IntValue>(make(-v->value, std::max(v->bits, 32), v->is_unsigned)) : std::nullopt;
    }
    if (accept("+")) return unary();
    if (accept("~")) {
      auto v = unary();
      return v ? std::optional<IntValue>(make(~v->value, std::max(v->bits, 32), v->is_unsigned)) : std::nullopt;
    }
    if (accept("!")) {
      auto v = unary();
      return v ? std::optional<IntValue>(make(!v->value, 32, false)) : std::nullopt;
    }
    return postfix();
  }

  // `(type) x`, `static_cast<type>(x)` (written without <> by our tokens: not supported), `( e )`.
  std::optional<IntValue> postfix() {
    const Token& t = t_[i_];
    if (t.kind == Token::number) {
      ++i_;
      return parse_literal(t.text);
    }
    if (t.kind == Token::ident) {
      ++i_;
      return constants_.of_name(t.text, depth_ + 1);
    }
    if (accept("(")) {
      // A cast: identifiers up to ')' that name an integer type.
      size_t save = i_;
      std::vector<std::string> words;
      while (t_[i_].kind == Token::ident) words.push_back(t_[i_++].text);
      if (!words.empty() && t_[i_].kind == Token::punct && t_[i_].text == ")") {
        std::optional<std::pair<int, bool>> type = integer_type(words);
        if (!type && words.size() == 1)
          if (auto alias = api_.typedefs.find(words[0]); alias != api_.typedefs.end())
            type = integer_type(split(alias->second.target.canonical));
        if (!type && words.size() == 1 && (words[0] == "size_t" || words[0] == "uint64_t" || words[0] == "uintptr_t"))
          type = std::make_pair(64, true);
        if (type) {
          ++i_;
          auto v = unary();
          if (!v) return std::nullopt;
          if (type->first == 1) return make(v->value != 0, 32, false);
          return make(v->value, std::max(type->first, 32), type->second && type->first >= 32);
        }
      }
      i_ = save;
      auto v = conditional();
      if (!v || !accept(")")) return std::nullopt;
      return v;
    }
    return std::nullopt;
  }

  static std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::string word;
    for (char c : s + " ")
      if (c == ' ') {
        if (!word.empty()) out.push_back(word);
        word.clear();
      } else {
        word += c;
      }
    return out;
  }
};

}  // namespace

std::string IntValue::str() const {
  __int128 v = value;
  bool negative = v < 0;
  unsigned __int128 u = negative ? static_cast<unsigned __int128>(-v) : static_cast<unsigned __int128>(v);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u);
  return (negative ? "-" : "") + digits;
}

Constants::Constants(const Api& api) : api_(api) {
  for (const auto& [name, e] : api.enums) {
    std::string scope = parent_scope(name);
    for (const Enumerator& en : e.enumerators) {
      enumerators_.emplace(en.name, en.value);
      if (!scope.empty()) enumerators_.emplace(scope + "::" + en.name, en.value);
    }
  }
}

std::optional<IntValue> Constants::of_name(const std::string& name, int depth) const {
  if (depth > kMaxDepth) return std::nullopt;
  if (auto m = api_.macros.find(name); m != api_.macros.end())
    return m->second.params ? std::nullopt : evaluate(m->second.value, depth);
  if (auto e = enumerators_.find(name); e != enumerators_.end()) return IntValue{e->second, 32, false};
  if (auto v = api_.variables.find(name); v != api_.variables.end() && v->second.value)
    return evaluate(*v->second.value, depth);
  return std::nullopt;
}

std::optional<IntValue> Constants::evaluate(const std::string& text, int depth) const {
  if (depth > kMaxDepth) return std::nullopt;
  bool ok = true;
  std::vector<Token> tokens = tokenize(text, &ok);
  if (!ok || tokens.size() < 2) return std::nullopt;
  return Parser(std::move(tokens), *this, api_, depth).run();
}

}  // namespace driftcheck::cpp
