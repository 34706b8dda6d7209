// Rule documentation lives in rules/<domain>/<ID>.md and is embedded into the binary at build
// time. The front matter is the rule's metadata; the body is what `driftcheck explain` prints.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace driftcheck {

struct RuleDoc {
  std::string id;
  std::string domain;                   // proto, openapi, cpp
  std::vector<std::string> categories;  // buf categories for proto rules
  Severity severity = Severity::error;
  uint8_t breaks = breaks_none;
  bool is_default = false;              // in the default set (buf's FILE category)
  std::string since;                    // config version that introduced it ("v1" or "v2")
  std::string summary;                  // the first line under the title
  std::string fix;                      // the first paragraph under "## Fix", one line
  std::string body;                     // the markdown after the front matter
};

// Every embedded rule doc, sorted by domain then id.
const std::vector<RuleDoc>& rule_docs();
const RuleDoc* find_rule_doc(std::string_view id);

// Parses one document; throws std::runtime_error on a malformed front matter.
RuleDoc parse_rule_doc(std::string_view text);

// A `use:` / `except:` choice of rules, by id or category, for the OpenAPI and C++ domains.
struct RuleSelection {
  std::vector<std::string> use;     // empty: every rule of the domain
  std::vector<std::string> except;

  bool selects(const RuleDoc& doc) const;
  // Throws InputError on a name that is neither a rule id nor a category of `domain`.
  void validate(std::string_view domain) const;
};

}  // namespace driftcheck
