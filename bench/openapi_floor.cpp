// The OpenAPI pipeline without the CLI: load both documents, match operations, run every check,
// print the finding count and the count per rule. bench/openapi.sh measures driftcheck with it
// until the CLI reads OpenAPI; with --timings it also prints where the time goes (load of each
// side, operation matching, each check function, sort and dedupe) to stderr.
//
//   openapi_floor OLD NEW [--timings]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "openapi/check.h"
#include "openapi/spec.h"

using namespace driftcheck;
using namespace driftcheck::openapi;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// As run_openapi_checks does, where the context has the member: the schema walk copies the
// findings below a shared schema to each further operation instead of walking it again.
template <class Context>
void attach_findings(Context& ctx, std::vector<Finding>& findings) {
  if constexpr (requires { ctx.findings = &findings; }) ctx.findings = &findings;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || (argc == 4 && std::strcmp(argv[3], "--timings") != 0) || argc > 4) {
    std::fprintf(stderr, "usage: openapi_floor OLD NEW [--timings]\n");
    return 2;
  }
  bool timings = argc == 4;
  try {
    auto t = Clock::now();
    auto old_spec = load_spec(argv[1], argv[1]);
    double load_old = ms_since(t);
    t = Clock::now();
    auto new_spec = load_spec(argv[2], argv[2]);
    double load_new = ms_since(t);

    std::vector<Finding> findings;
    if (!timings) {
      findings = run_openapi_checks(*old_spec, *new_spec);
    } else {
      // run_openapi_checks, one step at a time, so each check function is timed.
      std::fprintf(stderr, "%9.1f ms  load old (%zu operations)\n", load_old, old_spec->operations.size());
      std::fprintf(stderr, "%9.1f ms  load new (%zu operations)\n", load_new, new_spec->operations.size());
      t = Clock::now();
      OperationMatch match = match_operations(*old_spec, *new_spec);
      std::fprintf(stderr, "%9.1f ms  match (%zu pairs)\n", ms_since(t), match.pairs.size());
      CheckContext ctx{*old_spec, *new_spec, match, {}};
      attach_findings(ctx, findings);
      Reporter reporter(findings);
      std::vector<std::pair<double, std::string>> per_check;
      double checks_total = 0;
      for (const OpenApiCheck& c : openapi_checks()) {
        size_t before = findings.size();
        t = Clock::now();
        c.fn(ctx, reporter);
        double ms = ms_since(t);
        checks_total += ms;
        per_check.emplace_back(ms, std::string(c.name) + " (" + std::to_string(findings.size() - before) + ")");
      }
      std::fprintf(stderr, "%9.1f ms  checks, %zu functions; the slowest:\n", checks_total, per_check.size());
      std::sort(per_check.rbegin(), per_check.rend());
      for (size_t i = 0; i < per_check.size() && i < 12; ++i)
        std::fprintf(stderr, "%9.1f ms    %s\n", per_check[i].first, per_check[i].second.c_str());
      t = Clock::now();
      sort_and_dedupe(findings);
      std::fprintf(stderr, "%9.1f ms  sort and dedupe\n", ms_since(t));
    }

    std::map<std::string, size_t> by_rule;
    for (const Finding& f : findings) ++by_rule[f.rule];
    std::printf("%zu findings\n", findings.size());
    for (const auto& [rule, n] : by_rule) std::printf("%7zu %s\n", n, rule.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "openapi_floor: %s\n", e.what());
    return 2;
  }
  return 0;
}
