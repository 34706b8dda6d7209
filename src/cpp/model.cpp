#include "cpp/model.h"
#include <cctype>

namespace driftcheck::cpp {

namespace {

std::string qualifiers(const Function& f) {
  std::string q;
  if (f.is_const) q += " const";
  if (f.is_volatile) q += " volatile";
  if (!f.ref_qualifier.empty()) q += " " + f.ref_qualifier;
  return q;
}

}  // namespace

std::string Function::key() const {
  std::string k = name + "(";
  for (size_t i = 0; i < params.size(); ++i) k += (i ? ", " : "") + params[i].type.canonical;
  if (is_variadic) k += params.empty() ? "..." : ", ...";
  return k + ")" + qualifiers(*this);
}

std::string Function::signature() const {
  std::string s = name + "(";
  for (size_t i = 0; i < params.size(); ++i) s += (i ? ", " : "") + params[i].type.spelled;
  if (is_variadic) s += params.empty() ? "..." : ", ...";
  return s + ")" + qualifiers(*this);
}

// Every whole-identifier occurrence of `word` in `text` replaced.
std::string replace_word(const std::string& text, const std::string& word, const std::string& with) {
  auto ident = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, word.size(), word) == 0 && (i == 0 || !ident(text[i - 1])) &&
        (i + word.size() == text.size() || !ident(text[i + word.size()]))) {
      out += with;
      i += word.size();
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::string parent_scope(const std::string& qualified_name) {
  // The last "::" outside template arguments and parameter lists.
  int depth = 0;
  size_t cut = std::string::npos;
  for (size_t i = 0; i + 1 < qualified_name.size(); ++i) {
    char c = qualified_name[i];
    if (c == '<' || c == '(') ++depth;
    else if (c == '>' || c == ')') --depth;
    else if (depth == 0 && c == ':' && qualified_name[i + 1] == ':') cut = i;
  }
  return cut == std::string::npos ? "" : qualified_name.substr(0, cut);
}

}  // namespace driftcheck::cpp
