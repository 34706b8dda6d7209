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

class Collector {
 public:
  explicit Collector(std::vector<Suppression>& all) : all_(all) {}

  // Records, for every node of `doc` under an x-driftcheck-ignore, which suppressions cover it.
  // Iterative: documents may nest deeply.
  void walk(const Spec& spec, const Document& doc) {
    struct Frame {
      const Json* node;
      size_t active;  // how many entries of `active` were in force when this node was pushed
    };
    std::vector<size_t> active;
    std::vector<Frame> stack{{&doc.root, 0}};
    while (!stack.empty()) {
      Frame fr = stack.back();
      stack.pop_back();
      active.resize(fr.active);
      const Json& node = *fr.node;
      if (node.is_object())
        if (auto it = node.find(kKey); it != node.end())
          for (const std::string& id : rule_ids(*it)) {
            active.push_back(all_.size());
            all_.push_back({id, spec.location(*it, doc)});
          }
      if (!active.empty()) {
        Location l = spec.location(node, doc);
        auto& list = by_pos_[{l.file, l.line, l.column}];
        list.insert(list.end(), active.begin(), active.end());
      }
      if (!node.is_structured()) continue;
      const Json* own = nullptr;  // the extension itself is not an element
      if (node.is_object())
        if (auto it = node.find(kKey); it != node.end()) own = &*it;
      for (const Json& child : node)
        if (&child != own) stack.push_back({&child, active.size()});
    }
  }

  const std::vector<size_t>* at(const Location& l) const {
    auto it = by_pos_.find({l.file, l.line, l.column});
    return it == by_pos_.end() ? nullptr : &it->second;
  }

 private:
  std::vector<Suppression>& all_;
  std::map<PosKey, std::vector<size_t>> by_pos_;
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
    auto& list = by_operation[operation_label(op.method, op.path)];
    for (const Json* holder : {op.node, op.path_item})
      if (holder)
        if (const auto* covered = collector.at(new_spec.location(*holder, *op.doc)))
          list.insert(list.end(), covered->begin(), covered->end());
  }

  auto silences = [&](const std::vector<size_t>* candidates, const Finding& f) {
    bool hit = false;
    if (candidates)
      for (size_t i : *candidates)
        if (all[i].rule == f.rule) hit = all[i].used = true;
    return hit;
  };
  std::erase_if(findings, [&](const Finding& f) {
    bool silenced = silences(collector.at(f.location), f);
    for (const std::string& op : f.operations.empty() ? std::vector<std::string>{f.operation} : f.operations)
      if (auto it = by_operation.find(op); it != by_operation.end()) silenced |= silences(&it->second, f);
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
