// Runs driftcheck's C++ checks on two peers' own cases (shared/conformance/cpp) and reports how
// often they agree. Exits 1 when either figure falls below its floor.
//
//   cpp_conformance SHARED_DIR HEADER_CHECKER_FLOOR ACC_FLOOR [--verbose]
//
// header-checker (Android's header-abi-diff): 35 old/new header pairs with a verdict. Ours is
// INCOMPATIBLE when any error finding is reported, else compatible (COMPATIBLE and EXTENSION
// are one verdict for us: we do not report additions). A case agrees when the two verdicts do.
// Cases whose change only shows in the ELF symbol table must give no finding at all.
//
// acc-selftest (abi-compliance-checker's self-test library): every reported problem that is not
// "Safe", from the default run (headers + built library), restricted to what its headers-only
// run also reports: those are the problems headers can show; the rest need the binary
// (cpp-differences.md lists them). A problem agrees when driftcheck reports a finding on the
// same entity: the same type or function, a member of that type, or the type a removed member
// belonged to.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "core/input_error.h"
#include "cpp/check.h"
#include "cpp/extract.h"

namespace fs = std::filesystem;
using namespace driftcheck;
using nlohmann::json;

namespace {

json read_json(const fs::path& p) {
  std::ifstream in(p);
  return json::parse(in);
}

cpp::Api parse(const fs::path& header, const json& cflags) {
  cpp::ParseOptions options;
  options.flags = {"-x", "c++", "-std=c++17"};
  for (const auto& f : cflags) options.flags.push_back(f.get<std::string>());
  return cpp::extract_api({header}, {}, options);
}

// header-checker verdicts. Returns {agreed, total}.
std::pair<int, int> header_checker(const fs::path& dir, bool verbose) {
  json index = read_json(dir / "index.json");
  int agreed = 0, total = 0;
  for (const auto& c : index["cases"]) {
    std::string name = c["case"];
    json expected = read_json(dir / name / "expected.json");
    bool observable = c.value("header_only_observable", true);
    bool incompatible = false;
    for (const auto& s : c["status"]) incompatible = incompatible || s == "INCOMPATIBLE";
    std::vector<Finding> found;
    try {
      cpp::Api old_api = parse(dir / name / "old.h", expected["old"]["cflags"]);
      cpp::Api new_api = parse(dir / name / "new.h", expected["new"]["cflags"]);
      found = cpp::run_cpp_checks(old_api, new_api);
    } catch (const InputError& e) {
      std::printf("  %-48s error: %s\n", name.c_str(), e.what());
      ++total;
      continue;
    }
    bool ours = false;
    for (const Finding& f : found) ours = ours || f.severity == Severity::error;
    bool ok = observable ? ours == incompatible : found.empty();
    ++total;
    if (ok) ++agreed;
    if (verbose || !ok) {
      std::printf("  %-48s expected %-12s ours %-12s %s\n", name.c_str(),
                  observable ? (incompatible ? "INCOMPATIBLE" : "compatible") : "nothing",
                  ours ? "INCOMPATIBLE" : "compatible", ok ? "agree" : "DIFFER");
      if (!ok || verbose)
        for (const Finding& f : found) std::printf("      [%s] %s\n", f.rule.c_str(), f.message.c_str());
    }
  }
  return {agreed, total};
}

// "struct TestNS::A" -> "TestNS::A"; "TestNS::f(int)" -> "TestNS::f"; "X<7u, char>::f" -> "X::f".
std::string entity(std::string s) {
  for (const char* prefix : {"struct ", "class ", "union ", "enum ", "typedef "})
    if (s.rfind(prefix, 0) == 0) s = s.substr(std::string(prefix).size());
  if (size_t paren = s.find('('); paren != std::string::npos) {
    s = s.substr(0, paren);
    // A function template specialisation: "int ns::f<char>" -> "ns::f".
    if (size_t space = s.find(' '); space != std::string::npos && space < s.find("::")) s = s.substr(space + 1);
    if (!s.empty() && s.back() == '>') s = s.substr(0, s.rfind('<'));
  }
  // Template arguments go: an instance (Base<int>) is the template's entity.
  std::string plain;
  int depth = 0;
  for (char ch : s) {
    if (ch == '<') ++depth;
    else if (ch == '>') --depth;
    else if (depth == 0) plain += ch;
  }
  s = plain;
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

bool same_entity(const std::string& ours, const std::string& theirs) {
  return ours == theirs || ours.rfind(theirs + "::", 0) == 0 || theirs.rfind(ours + "::", 0) == 0;
}

// acc-selftest agreement. Returns {agreed, total}.
std::pair<int, int> acc_selftest(const fs::path& dir, bool verbose) {
  json full = read_json(dir / "expected.json");
  json headers_only = read_json(dir / "expected.headers-only.json");
  std::map<std::pair<std::string, std::string>, int> visible;  // (kind, symbol) -> count in headers-only
  for (const auto& f : headers_only["findings"]) ++visible[{f["kind"], f["symbol"]}];

  cpp::ParseOptions options;
  cpp::Api old_api = cpp::extract_api({dir / "old" / "libsample.h"}, {}, options);
  cpp::Api new_api = cpp::extract_api({dir / "new" / "libsample.h"}, {}, options);
  std::vector<Finding> found = cpp::run_cpp_checks(old_api, new_api);
  std::vector<std::string> ours;
  for (const Finding& f : found) ours.push_back(entity(f.path));

  int agreed = 0, total = 0, need_binary = 0;
  std::map<std::string, std::pair<int, int>> by_kind;  // kind -> agreed, total
  for (const auto& f : full["findings"]) {
    if (f["severity"] == "Safe") continue;
    auto key = std::make_pair(f["kind"].get<std::string>(), f["symbol"].get<std::string>());
    if (visible[key] == 0) {
      ++need_binary;
      if (verbose) std::printf("  needs the binary: %s %s\n", key.first.c_str(), key.second.c_str());
      continue;
    }
    --visible[key];
    std::string theirs = entity(key.second);
    bool ok = false;
    for (const std::string& o : ours) ok = ok || same_entity(o, theirs);
    ++total;
    ++by_kind[key.first].second;
    if (ok) {
      ++agreed;
      ++by_kind[key.first].first;
    } else if (verbose) {
      std::printf("  missed: %-40s %s\n", key.first.c_str(), key.second.c_str());
    }
  }
  std::printf("  %d problems need the built library (symbol presence), not counted\n", need_binary);
  if (verbose)
    for (const auto& [kind, n] : by_kind) std::printf("  %-52s %d/%d\n", kind.c_str(), n.first, n.second);
  return {agreed, total};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: cpp_conformance SHARED_DIR HEADER_CHECKER_FLOOR ACC_FLOOR [--verbose]\n");
    return 2;
  }
  fs::path root = fs::path(argv[1]) / "conformance" / "cpp";
  double hc_floor = std::stod(argv[2]), acc_floor = std::stod(argv[3]);
  bool verbose = argc > 4 && std::string(argv[4]) == "--verbose";
  if (!fs::exists(root / "header-checker" / "index.json") || !fs::exists(root / "acc-selftest" / "expected.json")) {
    std::printf("cpp_conformance: %s not found, skipped\n", root.c_str());
    return 77;
  }
  std::printf("header-checker (Android header-abi-diff) verdicts:\n");
  auto [hc_agreed, hc_total] = header_checker(root / "header-checker", verbose);
  std::printf("acc-selftest (abi-compliance-checker) problems headers can show:\n");
  auto [acc_agreed, acc_total] = acc_selftest(root / "acc-selftest", verbose);
  double hc = 100.0 * hc_agreed / hc_total, acc = 100.0 * acc_agreed / acc_total;
  std::printf("header-checker: %d/%d verdicts agree (%.1f%%, floor %.1f%%)\n", hc_agreed, hc_total, hc, hc_floor);
  std::printf("acc-selftest: %d/%d problems found on the same entity (%.1f%%, floor %.1f%%)\n", acc_agreed, acc_total,
              acc, acc_floor);
  return hc + 1e-9 >= hc_floor && acc + 1e-9 >= acc_floor ? 0 : 1;
}
