// A finding is what a rule reports: one breaking (or noteworthy) change, located and explained.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace driftcheck {

enum class Severity { info = 0, warning = 1, error = 2 };

std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view s);

// Which kind of compatibility a change breaks. A rule may break several.
enum Breaks : uint8_t {
  breaks_none = 0,
  breaks_wire = 1,
  breaks_json = 2,
  breaks_source = 4,
  breaks_abi = 8,
};
std::vector<std::string> breaks_names(uint8_t breaks);
uint8_t parse_breaks(std::string_view comma_or_space_separated);

// A span in a file: 1-based line and column, end column exclusive (protobuf spans plus one).
// An empty file means "no file" (a deleted file or package).
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
  int end_line = 0;
  int end_column = 0;

  bool has_file() const { return !file.empty(); }
};

struct Finding {
  std::string rule;        // e.g. FIELD_NO_DELETE
  Severity severity = Severity::error;
  std::string domain;      // proto, openapi, cpp
  std::string message;     // one sentence, plain words
  std::string path;        // the element's full name, e.g. pkg.Msg.field
  Location location;       // primary location, in the NEW contract
  std::optional<Location> old_location;  // the element in the OLD contract
  uint8_t breaks = breaks_none;
  std::string hint;        // how to evolve safely; may be empty
  std::string operation;   // OpenAPI: the operation concerned, "POST /v1/inference"; else empty
  // OpenAPI: every operation a change to a shared definition affects (operation is the first);
  // empty when only `operation` is concerned.
  std::vector<std::string> operations;
};

// The message as people read it: prefixed with the operation it concerns, if any
// ("POST /pets: ..." or "GET /a and 3 other operations: ...").
std::string headline(const Finding& f);

// buf's order: findings without a file first, then file, line, column, rule, message, end.
bool finding_less(const Finding& a, const Finding& b);
void sort_and_dedupe(std::vector<Finding>& findings);

// A stable identity for a finding across runs, for tools that track findings over time (SARIF
// partialFingerprints, GitLab Code Quality): 16 lowercase hex digits, the 64-bit FNV-1a hash of
// rule, domain, element path and message. Locations are left out, so a finding keeps its
// fingerprint when unrelated edits move it to another line.
std::string fingerprint(const Finding& f);

}  // namespace driftcheck
