// Inline suppression in OpenAPI documents: an `x-driftcheck-ignore` extension on an object of the
// new document silences the named rules for findings located at that object or anywhere inside
// it, and, on an operation or path item, for every finding about that operation. The value is
// "RULE_ID reason", a list of such strings, or a mapping {RULE_ID: reason}; several ids may be
// comma-separated. A suppression that silenced nothing is reported (info), as for protobuf.
#include "openapi/suppress.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/rule_docs.h"

namespace driftcheck::openapi {

namespace {

constexpr const char* kKey = "x-driftcheck-ignore";

struct Suppression {
  std::string rule;
  Location where;  // the extension's own position, for the unused-suppression finding
  bool used = false;
};

// The rule ids named by one x-driftcheck-ignore value.
std::vector<std::string> rule_ids(const Json& value) {
  std::vector<std::string> ids;
  auto add_text = [&](const std::string& text) {
    std::string head = text.substr(0, text.find_first_of(" \t"));
    size_t start = 0;
    while (start <= head.size()) {
      size_t comma = head.find(',', start);
      std::string id = head.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!id.empty()) ids.push_back(id);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  };
  if (value.is_string()) add_text(value.get<std::string>());
  else if (value.is_array())
    for (const Json& v : value)
      if (v.is_string()) add_text(v.get<std::string>());
  if (value.is_object())
    for (auto it = value.begin(); it != value.end(); ++it) add_text(it.key());
  return ids;
}

using PosKey = std::tuple<std::string, int, int>;  // file, line, column

// An object carrying x-driftcheck-ignore: its suppressions by rule id, and the scope around it.
// A node records only its innermost scope, so memory stays linear however many ids are active.
struct Scope {
  size_t parent;
  std::multimap<std::string, size_t> rules;  // rule id -> index into the suppressions
};
constexpr size_t kNoScope = static_cast<size_t>(-1);

class Collector {
 public:
  explicit Collector(std::vector<Suppression>& all) : all_(all) {}

  // Records, for every node of `doc` under an x-driftcheck-ignore, the innermost scope covering
  // it. Iterative: documents may nest deeply.
  void walk(const Spec& spec, const Document& doc) {
    struct Frame {
      const Json* node;
      size_t scope;
    };
    std::vector<Frame> stack{{&doc.root, kNoScope}};
    while (!stack.empty()) {
      auto [node, scope] = stack.back();
      stack.pop_back();
      const Json* own = nullptr;  // the extension itself is not an element
      if (node->is_object())
        if (auto it = node->find(kKey); it != node->end()) {
          own = &*it;
          Scope inner{scope, {}};
          for (const std::string& id : rule_ids(*it)) {
            inner.rules.emplace(id, all_.size());
            all_.push_back({id, spec.location(*it, doc)});
          }
          scope = scopes_.size();
          scopes_.push_back(std::move(inner));
        }
      if (scope != kNoScope) {
        Location l = spec.location(*node, doc);
        by_pos_[{l.file, l.line, l.column}] = scope;
      }
      if (!node->is_structured()) continue;
      for (const Json& child : *node)
        if (&child != own) stack.push_back({&child, scope});
    }
  }

  // The innermost scope covering the node at `l`, or kNoScope.
  size_t at(const Location& l) const {
    auto it = by_pos_.find({l.file, l.line, l.column});
    return it == by_pos_.end() ? kNoScope : it->second;
  }

  // Marks every suppression of `rule` in `scope` and the scopes around it as used; true if any.
  bool silences(size_t scope, const std::string& rule) {
    bool hit = false;
    for (; scope != kNoScope; scope = scopes_[scope].parent) {
      auto [begin, end] = scopes_[scope].rules.equal_range(rule);
      for (auto it = begin; it != end; ++it) hit = all_[it->second].used = true;
    }
    return hit;
  }

 private:
  std::vector<Suppression>& all_;
  std::vector<Scope> scopes_;
  std::map<PosKey, size_t> by_pos_;
};

}  // namespace

void apply_inline_suppressions(const Spec& new_spec, std::vector<Finding>& findings) {
  std::vector<Suppression> all;
  Collector collector(all);
  for (const Document* doc : new_spec.resolver->documents()) collector.walk(new_spec, *doc);
  if (all.empty()) return;

  // Operation-wide suppressions: on the operation object or its path item.
  std::map<std::string, std::vector<size_t>> by_operation;
  for (const Operation& op : new_spec.operations) {
    auto& scopes = by_operation[operation_label(op.method, op.path)];
    for (auto [holder, doc] : {std::pair{op.node, op.doc}, std::pair{op.path_item, op.path_item_doc}})
      if (holder)
        if (size_t scope = collector.at(new_spec.location(*holder, *doc)); scope != kNoScope) scopes.push_back(scope);
  }

  std::erase_if(findings, [&](const Finding& f) {
    bool silenced = collector.silences(collector.at(f.location), f.rule);
    for (const std::string& op : f.operations.empty() ? std::vector<std::string>{f.operation} : f.operations)
      if (auto it = by_operation.find(op); it != by_operation.end())
        for (size_t scope : it->second) silenced |= collector.silences(scope, f.rule);
    return silenced;
  });

  const RuleDoc* doc = find_rule_doc("unused-suppression");
  if (!doc) return;
  std::set<std::pair<std::string, PosKey>> reported;
  for (const Suppression& s : all) {
    if (s.used || !reported.insert({s.rule, {s.where.file, s.where.line, s.where.column}}).second) continue;
    Finding& f = findings.emplace_back();
    f.rule = doc->id;
    f.severity = doc->severity;
    f.domain = "openapi";
    f.location = s.where;
    f.path = s.rule;
    f.message = "`" + std::string(kKey) + ": " + s.rule + "` silences nothing here" +
                (find_rule_doc(s.rule) ? "" : std::string(" (no rule has this id)"));
    f.hint = "remove the entry, or fix the rule id";
  }
}

}  // namespace driftcheck::openapi
