#include "core/rule_docs.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "core/input_error.h"

namespace driftcheck {

// Generated at build time from rules/**/*.md (see CMakeLists.txt).
extern const char* const kEmbeddedRuleDocs[];
extern const size_t kEmbeddedRuleDocCount;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == ',' || c == '[' || c == ']') {
      if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace

RuleDoc parse_rule_doc(std::string_view text) {
  RuleDoc doc;
  if (text.substr(0, 4) != "---\n") throw std::runtime_error("rule doc does not start with front matter");
  size_t end = text.find("\n---\n", 3);
  if (end == std::string_view::npos) throw std::runtime_error("rule doc front matter is not closed");
  std::string_view front = text.substr(4, end - 4);
  doc.body = std::string(trim(text.substr(end + 5)));
  while (!front.empty()) {
    size_t nl = front.find('\n');
    std::string_view line = front.substr(0, nl);
    front = nl == std::string_view::npos ? std::string_view{} : front.substr(nl + 1);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (key == "id") doc.id = value;
    else if (key == "domain") doc.domain = value;
    else if (key == "categories") doc.categories = words(value);
    else if (key == "severity") {
      auto s = parse_severity(value);
      if (!s) throw std::runtime_error("rule doc " + doc.id + ": bad severity");
      doc.severity = *s;
    } else if (key == "breaks") doc.breaks = parse_breaks(value);
    else if (key == "default") doc.is_default = value == "true" || value == "yes";
    else if (key == "since") doc.since = value;
  }
  if (doc.id.empty() || doc.domain.empty()) throw std::runtime_error("rule doc lacks id or domain");
  // Summary: the first non-empty line after the "# ID" title.
  std::istringstream body(doc.body);
  std::string line;
  bool seen_title = false;
  while (std::getline(body, line)) {
    std::string_view l = trim(line);
    if (l.empty()) continue;
    if (!seen_title && l.substr(0, 2) == "# ") {
      seen_title = true;
      continue;
    }
    doc.summary = l;
    break;
  }
  // Fix: the first paragraph under "## Fix", joined into one line.
  for (bool in_fix = false; std::getline(body, line);) {
    std::string_view l = trim(line);
    if (l.substr(0, 3) == "## ") {
      if (in_fix) break;
      in_fix = l == "## Fix";
      continue;
    }
    if (!in_fix) continue;
    if (l.empty() || l.substr(0, 3) == "```") {
      if (!doc.fix.empty()) break;
      continue;
    }
    doc.fix += (doc.fix.empty() ? "" : " ") + std::string(l);
  }
  return doc;
}

const std::vector<RuleDoc>& rule_docs() {
  static const std::vector<RuleDoc> docs = [] {
    std::vector<RuleDoc> out;
    out.reserve(kEmbeddedRuleDocCount);
    for (size_t i = 0; i < kEmbeddedRuleDocCount; ++i) out.push_back(parse_rule_doc(kEmbeddedRuleDocs[i]));
    std::sort(out.begin(), out.end(), [](const RuleDoc& a, const RuleDoc& b) {
      return std::tie(a.domain, a.id) < std::tie(b.domain, b.id);
    });
    return out;
  }();
  return docs;
}

const RuleDoc* find_rule_doc(std::string_view id) {
  for (const RuleDoc& d : rule_docs())
    if (d.id == id) return &d;
  return nullptr;
}

namespace {

bool names(std::string_view name, const RuleDoc& doc) {
  return name == doc.id || std::find(doc.categories.begin(), doc.categories.end(), name) != doc.categories.end();
}

bool names_any(const std::vector<std::string>& list, const RuleDoc& doc) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& n) { return names(n, doc); });
}

}  // namespace

bool RuleSelection::selects(const RuleDoc& doc) const {
  return (use.empty() || names_any(use, doc)) && !names_any(except, doc);
}

void RuleSelection::validate(std::string_view domain) const {
  for (const auto* list : {&use, &except})
    for (const std::string& name : *list) {
      bool known = std::any_of(rule_docs().begin(), rule_docs().end(),
                               [&](const RuleDoc& d) { return d.domain == domain && names(name, d); });
      if (!known) {
        std::string kind = domain == "openapi" ? "OpenAPI" : domain == "cpp" ? "C++" : std::string(domain);
        throw InputError("no " + kind + " rule or category `" + name + "` (see `driftcheck rules --domain " +
                         std::string(domain) + "`)");
      }
    }
}

}  // namespace driftcheck
