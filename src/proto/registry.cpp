#include "proto/registry.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/input_error.h"
#include "proto/rules/rules.h"

namespace driftcheck::proto {

namespace {

// Ids buf deprecated; `use` and `except` still accept them and expand them to their successors.
const std::map<std::string_view, std::vector<std::string_view>>& deprecated_ids() {
  static const std::map<std::string_view, std::vector<std::string_view>> ids = {
      {"FIELD_SAME_CTYPE", {"FIELD_SAME_CPP_STRING_TYPE"}},
      {"FIELD_SAME_LABEL",
       {"FIELD_SAME_CARDINALITY", "FIELD_WIRE_COMPATIBLE_CARDINALITY", "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY"}},
      {"FILE_SAME_JAVA_STRING_CHECK_UTF8", {"FIELD_SAME_JAVA_UTF8_VALIDATION"}},
      {"FILE_SAME_PHP_GENERIC_SERVICES", {}},
      {"MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT", {}},
  };
  return ids;
}

// Rule docs carry the v2 categories; v1 only lacks CSR. v1beta1, buf's first config version,
// differs in a few rules, listed here.
const std::map<std::string_view, std::vector<std::string_view>>& v1beta1_categories() {
  static const std::map<std::string_view, std::vector<std::string_view>> cats = {
      {"FILE_SAME_PACKAGE", {"FILE"}},
      {"FIELD_SAME_CARDINALITY", {"FILE", "PACKAGE", "WIRE_JSON", "WIRE"}},
      {"FIELD_SAME_TYPE", {"FILE", "PACKAGE", "WIRE_JSON", "WIRE"}},
  };
  return cats;
}

bool in_version(const RuleDoc& doc, std::string_view version) {
  if (doc.since == "v2" && version != "v2") return false;
  if (version == "v1beta1" && (doc.id == "FIELD_WIRE_COMPATIBLE_TYPE" || doc.id == "FIELD_WIRE_JSON_COMPATIBLE_TYPE"))
    return false;
  return true;
}

bool has_category(const RuleDoc& doc, std::string_view category, std::string_view version) {
  if (category == "CSR" && version != "v2") return false;
  if (version == "v1beta1")
    if (auto it = v1beta1_categories().find(doc.id); it != v1beta1_categories().end())
      return std::find(it->second.begin(), it->second.end(), category) != it->second.end();
  return std::find(doc.categories.begin(), doc.categories.end(), category) != doc.categories.end();
}

// Expands one `use`/`except` entry (id, deprecated id or category) into rule ids.
std::vector<std::string> expand(std::string_view entry, std::string_view version,
                                std::vector<std::string>* warnings) {
  std::vector<std::string> out;
  if (auto it = deprecated_ids().find(entry); it != deprecated_ids().end()) {
    // buf's v2 configs no longer accept the ids deprecated in v1 (checked with buf 1.75); say
    // what replaces them instead of a bare "unknown".
    if (version == "v2" && entry != "MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT") {
      std::string msg = std::string(entry) + " is a deprecated v1 id that config version v2 does not accept";
      if (!it->second.empty()) {
        msg += "; use";
        for (auto id : it->second) msg += " " + std::string(id);
      }
      throw InputError(msg);
    }
    if (warnings) {
      std::string w = std::string(entry) + " is deprecated";
      if (it->second.empty()) w += " and checks nothing";
      else {
        w += "; it stands for";
        for (auto id : it->second) w += " " + std::string(id);
      }
      warnings->push_back(w);
    }
    for (auto id : it->second) out.emplace_back(id);
    return out;
  }
  bool known_category = false;
  for (const RuleDoc& doc : rule_docs()) {
    if (doc.domain != "proto" || !in_version(doc, version)) continue;
    if (doc.id == entry) return {doc.id};
    if (has_category(doc, entry, version)) {
      known_category = true;
      out.push_back(doc.id);
    }
  }
  if (!known_category)
    throw InputError("unknown protobuf rule or category '" + std::string(entry) + "' for config version " +
                     std::string(version) + " (see `driftcheck rules`)");
  return out;
}

}  // namespace

const std::vector<ProtoRule>& proto_rules() {
  static const std::vector<ProtoRule> rules = all_proto_rules();
  return rules;
}

std::vector<std::string> select_rules(const Selection& selection, std::vector<std::string>* warnings) {
  if (selection.version != "v1beta1" && selection.version != "v1" && selection.version != "v2")
    throw InputError("unknown config version '" + selection.version + "' (expected v1beta1, v1 or v2)");
  std::set<std::string> chosen;
  std::vector<std::string> use = selection.use;
  if (use.empty()) use.push_back("FILE");
  for (const std::string& entry : use)
    for (std::string& id : expand(entry, selection.version, warnings)) chosen.insert(std::move(id));
  for (const std::string& entry : selection.except)
    for (const std::string& id : expand(entry, selection.version, nullptr)) chosen.erase(id);
  if (chosen.empty()) throw InputError("the configuration selects no rules (check `use` and `except`)");
  return {chosen.begin(), chosen.end()};
}

std::vector<Finding> run_checks(const Image& old_image, const Image& new_image,
                                const std::vector<std::string>& rule_ids) {
  CheckContext ctx{old_image, new_image};
  std::vector<Finding> findings;
  for (const std::string& id : rule_ids) {
    const RuleDoc* doc = find_rule_doc(id);
    auto rule = std::find_if(proto_rules().begin(), proto_rules().end(),
                             [&](const ProtoRule& r) { return r.id == id; });
    if (!doc || rule == proto_rules().end()) continue;  // documented but not implemented: tests catch this
    Reporter reporter(*doc, findings);
    rule->check(ctx, reporter);
  }
  sort_and_dedupe(findings);
  return findings;
}

}  // namespace driftcheck::proto
