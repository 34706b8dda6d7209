// Runs driftcheck's OpenAPI checks on oasdiff's own test cases (shared/conformance/openapi) and
// reports how many agree: same check id, level and operation, under each case's scope (a single
// check function or all), threshold (report_level) and match mode (exact or contains). Exits 1
// when agreement falls below the floor given on the command line. Rename detection is off, as
// oasdiff has none; the summary says how many cases it would change.
//
//   openapi_conformance SHARED_DIR FLOOR_PERCENT [--verbose] [--case NAME]
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "core/input_error.h"
#include "openapi/check.h"

namespace fs = std::filesystem;
using namespace driftcheck;

namespace {

int level_rank(const std::string& level) { return level == "error" ? 2 : level == "warning" ? 1 : 0; }

struct Outcome {
  bool agrees = false;
  bool renames_change = false;  // rename detection on would report something else
  std::string error;
  std::vector<std::string> missing, extra;
};

Outcome run_case(const fs::path& dir, const nlohmann::json& expected) {
  Outcome out;
  const auto& config = expected["config"];
  std::set<std::string> scope;
  bool single = config.value("checks", "all") == "single";
  if (single)
    for (const auto& id : config["check_ids"]) scope.insert(id.get<std::string>());
  int threshold = level_rank(config.value("report_level", "info"));
  openapi::CheckOptions options;
  if (config.contains("deprecation_days")) {
    options.deprecation_days_beta = config["deprecation_days"].value("beta", 0);
    options.deprecation_days_stable = config["deprecation_days"].value("stable", 0);
  }
  std::multiset<std::pair<std::string, std::string>> got;  // (id@level, operation)
  try {
    auto old_spec = openapi::load_spec((dir / "old.yaml").string(), "old.yaml");
    auto new_spec = openapi::load_spec((dir / "new.yaml").string(), "new.yaml");
    auto run = [&](bool renames) {
      std::multiset<std::pair<std::string, std::string>> out;
      options.detect_renames = renames;
      for (const Finding& f : openapi::run_openapi_checks(*old_spec, *new_spec, options)) {
        if (single && !scope.count(f.rule)) continue;
        if (level_rank(std::string(to_string(f.severity))) < threshold) continue;
        // A finding below a shared component names every operation that reaches it.
        for (const std::string& op : f.operations.empty() ? std::vector<std::string>{f.operation} : f.operations)
          out.emplace(f.rule + "@" + std::string(to_string(f.severity)), op);
      }
      return out;
    };
    got = run(false);
    out.renames_change = run(true) != got;
  } catch (const std::exception& e) {
    out.error = e.what();
    return out;
  }
  // Expected findings with an operation must match exactly; those without match any operation.
  std::multiset<std::pair<std::string, std::string>> unmatched = got;
  for (const auto& f : expected["findings"]) {
    std::string key = f["id"].get<std::string>() + "@" + f.value("level", "error");
    bool any_op = !f.contains("operation") || f["operation"].is_null();
    auto it = any_op ? std::find_if(unmatched.begin(), unmatched.end(), [&](const auto& g) { return g.first == key; })
                     : unmatched.find({key, f["operation"].get<std::string>()});
    if (it == unmatched.end()) out.missing.push_back(key + " " + (any_op ? "*" : f["operation"].get<std::string>()));
    else unmatched.erase(it);
  }
  bool exact = expected.value("match", "exact") == "exact";
  if (exact)
    for (const auto& [id, op] : unmatched) out.extra.push_back(id + " " + op);
  bool count_ok = !expected.contains("expected_count") || expected["expected_count"].get<size_t>() == got.size();
  out.agrees = out.missing.empty() && out.extra.empty() && count_ok;
  if (!count_ok) out.extra.push_back("count " + std::to_string(got.size()));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: openapi_conformance SHARED_DIR FLOOR_PERCENT [--verbose] [--case NAME]\n";
    return 2;
  }
  fs::path root = fs::path(argv[1]) / "conformance" / "openapi";
  double floor = std::stod(argv[2]);
  bool verbose = false;
  std::string only;
  for (int i = 3; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--verbose") verbose = true;
    else if (a == "--case" && i + 1 < argc) only = argv[++i];
  }
  if (!fs::is_directory(root)) {
    std::cerr << "openapi conformance: " << root << " not found; cannot measure agreement\n";
    return 77;
  }
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(root))
    if (fs::exists(e.path() / "expected.json")) cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  int total = 0, agree = 0, renamed = 0;
  std::map<std::string, std::pair<int, int>> by_group;  // group -> (agree, total)
  for (const fs::path& dir : cases) {
    std::string name = dir.filename().string();
    if (!only.empty() && name != only) continue;
    nlohmann::json expected = nlohmann::json::parse(std::ifstream(dir / "expected.json"));
    ++total;
    Outcome o = run_case(dir, expected);
    renamed += o.renames_change;
    if (verbose && o.renames_change) std::cout << "  RENAMES " << name << " (rename detection on would change it)\n";
    auto& g = by_group[expected.value("group", "?")];
    ++g.second;
    if (o.agrees) {
      ++agree;
      ++g.first;
      continue;
    }
    if (!verbose) continue;
    std::cout << "  DIFFER " << name;
    if (!o.error.empty()) std::cout << "  (error: " << o.error << ")";
    std::cout << '\n';
    for (const auto& k : o.missing) std::cout << "      - " << k << '\n';
    for (const auto& k : o.extra) std::cout << "      + " << k << '\n';
  }
  for (const auto& [group, counts] : by_group)
    std::printf("  %-32s %3d of %3d\n", group.c_str(), counts.first, counts.second);
  double pct = total ? 100.0 * agree / total : 0;
  std::printf("openapi conformance: %d of %d oasdiff cases agree (%.1f%%); floor %.1f%%\n", agree, total, pct, floor);
  std::printf("  with rename detection on (oasdiff has none), %d case%s would report differently\n", renamed,
              renamed == 1 ? "" : "s");
  return pct + 1e-9 >= floor ? 0 : 1;
}
