// SARIF 2.1.0 (OASIS), as GitHub code scanning and most IDE viewers read it: one run, the rules
// that have results (with their documentation), one result per finding.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <ostream>

#include "core/rule_docs.h"
#include "report/report.h"

#ifndef DRIFTCHECK_VERSION
#define DRIFTCHECK_VERSION "0.1.0"
#endif
#ifndef DRIFTCHECK_HOMEPAGE
#define DRIFTCHECK_HOMEPAGE ""
#endif

namespace driftcheck {

namespace {

using json = nlohmann::ordered_json;  // keys in the order SARIF documents them

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "error";
}

// A relative path as a URI reference: everything but unreserved characters and `/` is
// percent-encoded (a `:` in the first segment would otherwise read as a scheme). An absolute
// path becomes a file:// URI.
std::string path_uri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = path.starts_with('/') ? "file://" : "";
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  return out;
}

// The rule document without its `# RULE_ID` title (the id is already the rule's id).
std::string doc_without_title(const std::string& body) {
  if (!body.starts_with("# ")) return body;
  size_t nl = body.find('\n');
  if (nl == std::string::npos) return "";
  size_t start = body.find_first_not_of('\n', nl);
  return start == std::string::npos ? "" : body.substr(start);
}

json rule_json(const std::string& id, Severity fallback_severity) {
  json r = {{"id", id}};
  const RuleDoc* d = find_rule_doc(id);
  if (!d) {
    r["shortDescription"] = {{"text", id}};
    r["defaultConfiguration"] = {{"level", sarif_level(fallback_severity)}};
    return r;
  }
  std::string body = doc_without_title(d->body);
  r["shortDescription"] = {{"text", d->summary.empty() ? id : d->summary}};
  r["fullDescription"] = {{"text", body}};
  r["help"] = {{"text", body}, {"markdown", body}};
  r["defaultConfiguration"] = {{"level", sarif_level(d->severity)}};
  json tags = json::array();
  tags.push_back(d->domain);
  for (const auto& c : d->categories) tags.push_back(c);
  r["properties"] = {{"tags", std::move(tags)}, {"breaks", breaks_names(d->breaks)}};
  return r;
}

json region_json(const Location& l) {
  json region = {{"startLine", l.line}};
  if (l.column > 0) region["startColumn"] = l.column;
  if (l.end_line >= l.line) {
    region["endLine"] = l.end_line;
    if (l.column > 0 && l.end_column > 0) region["endColumn"] = l.end_column;  // both exclusive
  }
  return region;
}

}  // namespace

void write_sarif(std::ostream& out, const Report& report) {
  // The rules that have results, sorted by id; ruleIndex points into this array.
  std::map<std::string, Severity> used;
  for (const Finding& f : report.findings) used.emplace(f.rule, f.severity);
  std::map<std::string, size_t> rule_index;
  json rules = json::array();
  for (const auto& [id, severity] : used) {
    rule_index[id] = rules.size();
    rules.push_back(rule_json(id, severity));
  }

  std::vector<std::string> fingerprints = unique_fingerprints(report.findings);
  json results = json::array();
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& f = report.findings[i];
    std::string text = headline(f);
    if (!f.hint.empty()) text += "\nhint: " + f.hint;
    json result = {{"ruleId", f.rule},
                   {"ruleIndex", rule_index[f.rule]},
                   {"level", sarif_level(f.severity)},
                   {"message", {{"text", std::move(text)}}}};
    json location = json::object();
    if (f.location.has_file()) {
      json physical = {{"artifactLocation", {{"uri", path_uri(f.location.file)}}}};
      if (f.location.line > 0) physical["region"] = region_json(f.location);
      location["physicalLocation"] = std::move(physical);
    }
    if (!f.path.empty()) location["logicalLocations"] = json::array({{{"fullyQualifiedName", f.path}}});
    if (!location.empty()) result["locations"] = json::array({std::move(location)});
    result["partialFingerprints"] = {{"driftcheck/v1", fingerprints[i]}};
    result["properties"] = {{"domain", f.domain}, {"breaks", breaks_names(f.breaks)}};
    results.push_back(std::move(result));
  }

  json driver = {{"name", "driftcheck"}, {"version", DRIFTCHECK_VERSION}, {"semanticVersion", DRIFTCHECK_VERSION}};
  if (std::string_view(DRIFTCHECK_HOMEPAGE).size()) driver["informationUri"] = DRIFTCHECK_HOMEPAGE;
  driver["rules"] = std::move(rules);
  json doc = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::array({{{"tool", {{"driver", std::move(driver)}}},
                             {"results", std::move(results)},
                             {"properties", {{"old", report.old_input}, {"new", report.new_input}}}}})},
  };
  // Messages may quote bytes from the contract (string defaults); never fail on invalid UTF-8.
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace driftcheck
