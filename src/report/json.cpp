// The stable JSON report; its schema is documented in README.md ("JSON report").
#include <nlohmann/json.hpp>

#include <ostream>

#include "report/report.h"

namespace driftcheck {

namespace {

nlohmann::json location_json(const Location& l) {
  return {{"file", l.has_file() ? nlohmann::json(l.file) : nlohmann::json(nullptr)},
          {"line", l.line},
          {"column", l.column},
          {"end_line", l.end_line},
          {"end_column", l.end_column}};
}

}  // namespace

void write_json(std::ostream& out, const Report& report) {
  SeverityCounts c = count_severities(report.findings);
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& f : report.findings) {
    nlohmann::json j = {{"rule", f.rule},
                        {"severity", to_string(f.severity)},
                        {"domain", f.domain},
                        {"message", f.message},
                        {"path", f.path}};
    j.update(location_json(f.location));
    j["old"] = f.old_location ? location_json(*f.old_location) : nlohmann::json(nullptr);
    j["breaks"] = breaks_names(f.breaks);
    if (!f.hint.empty()) j["hint"] = f.hint;
    if (!f.operation.empty()) j["operation"] = f.operation;
    if (!f.operations.empty()) j["operations"] = f.operations;
    findings.push_back(std::move(j));
  }
  nlohmann::json doc = {
      {"schema_version", 1},
      {"old", report.old_input},
      {"new", report.new_input},
      {"summary",
       {{"total", report.findings.size()},
        {"error", c.error},
        {"warning", c.warning},
        {"info", c.info},
        {"hidden", report.hidden},
        {"in_baseline", report.in_baseline}}},
      {"findings", std::move(findings)},
  };
  // Invalid UTF-8 (a proto string default, say) is replaced rather than aborting the report.
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace driftcheck
