// Compares driftcheck's JSON report with buf's `--error-format json` lines, by (rule, file,
// line, column) as multisets, and prints the differences. Used by bench/proto.sh.
//
//   compare_findings DRIFTCHECK.json BUF.jsonl
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <set>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: compare_findings DRIFTCHECK.json BUF.jsonl\n";
    return 2;
  }
  auto key = [](const std::string& rule, const std::string& file, int line, int col) {
    return rule + " " + (file.empty() ? "<input>" : file) + ":" + std::to_string(line) + ":" + std::to_string(col);
  };
  std::multiset<std::string> ours, theirs;
  nlohmann::json report = nlohmann::json::parse(std::ifstream(argv[1]));
  for (const auto& f : report["findings"])
    ours.insert(key(f["rule"], f["file"].is_null() ? "" : f["file"].get<std::string>(), f["line"], f["column"]));
  std::ifstream lines(argv[2]);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    auto f = nlohmann::json::parse(line);
    theirs.insert(key(f["type"], f.value("path", ""), f.value("start_line", 1), f.value("start_column", 1)));
  }
  std::vector<std::string> only_ours, only_theirs;
  std::set_difference(ours.begin(), ours.end(), theirs.begin(), theirs.end(), std::back_inserter(only_ours));
  std::set_difference(theirs.begin(), theirs.end(), ours.begin(), ours.end(), std::back_inserter(only_theirs));
  for (const auto& k : only_theirs) std::cout << "  only buf:        " << k << '\n';
  for (const auto& k : only_ours) std::cout << "  only driftcheck: " << k << '\n';
  std::cout << "  same findings: " << (ours.size() - only_ours.size()) << " of driftcheck " << ours.size()
            << " / buf " << theirs.size() << '\n';
  return only_ours.empty() && only_theirs.empty() ? 0 : 1;
}
