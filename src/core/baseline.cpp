#include "core/baseline.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <tuple>

#include "core/input_error.h"
#include "core/read_file.h"

namespace driftcheck {

namespace {

using Key = std::tuple<std::string, std::string, std::string, std::string>;  // rule, domain, path, message

Key key_of(const Finding& f) { return {f.rule, f.domain, f.path, f.message}; }

}  // namespace

void write_baseline(const std::string& file, const std::vector<Finding>& findings) {
  nlohmann::json list = nlohmann::json::array();
  for (const Finding& f : findings)
    list.push_back({{"rule", f.rule}, {"domain", f.domain}, {"path", f.path}, {"message", f.message}});
  nlohmann::json doc = {{"driftcheck_baseline", 1}, {"findings", std::move(list)}};
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';  // names in Latin-1 too
  out.close();
  if (!out) throw InputError(file + ": cannot write the baseline");
}

size_t apply_baseline(const std::string& file, std::vector<Finding>& findings) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(read_file(file));
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file + ": not a driftcheck baseline (invalid JSON: " + e.what() + ")");
  }
  if (!doc.is_object() || !doc.contains("driftcheck_baseline") || !doc["findings"].is_array())
    throw InputError(file + ": not a driftcheck baseline (write one with --write-baseline)");
  std::map<Key, size_t> recorded;
  size_t index = 0;
  for (const auto& r : doc["findings"]) {
    std::string entry = file + ": findings[" + std::to_string(index++) + "]";
    if (!r.is_object()) throw InputError(entry + ": expected an object with rule, domain, path and message");
    auto text = [&](const char* key) {
      auto it = r.find(key);
      if (it == r.end()) return std::string();
      if (!it->is_string()) throw InputError(entry + "." + key + ": expected a string");
      return it->get<std::string>();
    };
    ++recorded[{text("rule"), text("domain"), text("path"), text("message")}];
  }
  size_t before = findings.size();
  std::erase_if(findings, [&](const Finding& f) {
    auto it = recorded.find(key_of(f));
    if (it == recorded.end() || it->second == 0) return false;
    --it->second;
    return true;
  });
  return before - findings.size();
}

}  // namespace driftcheck
