#include "openapi/group.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace driftcheck::openapi {

void group_by_definition(std::vector<Finding>& findings) {
  using Key = std::tuple<std::string, std::string, int, int, std::string, int>;  // rule, file, line, col, message, severity
  std::map<Key, size_t> first;  // key -> index of the finding that collects the operations
  std::vector<Finding> out;
  out.reserve(findings.size());
  for (Finding& f : findings) {
    if (f.operation.empty()) {
      out.push_back(std::move(f));
      continue;
    }
    Key key{f.rule, f.location.file, f.location.line, f.location.column, f.message, static_cast<int>(f.severity)};
    auto [it, added] = first.emplace(key, out.size());
    if (added) {
      out.push_back(std::move(f));
      continue;
    }
    Finding& group = out[it->second];
    if (group.operations.empty()) group.operations.push_back(group.operation);
    if (f.operations.empty()) group.operations.push_back(std::move(f.operation));
    else group.operations.insert(group.operations.end(), f.operations.begin(), f.operations.end());
  }
  for (Finding& f : out) {
    if (f.operations.empty()) continue;
    std::sort(f.operations.begin(), f.operations.end());
    f.operations.erase(std::unique(f.operations.begin(), f.operations.end()), f.operations.end());
    if (f.operations.size() == 1) f.operations.clear();
    else f.operation = f.path = f.operations.front();
  }
  findings = std::move(out);
  sort_and_dedupe(findings);
}

}  // namespace driftcheck::openapi
