// Every protobuf rule, registered by buf's id, and the selection of rules a run uses
// (buf's `use` / `except` with ids or categories, per config version).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "proto/check.h"

namespace driftcheck::proto {

using RuleFn = void (*)(const CheckContext&, Reporter&);

struct ProtoRule {
  std::string_view id;
  RuleFn check;
};

const std::vector<ProtoRule>& proto_rules();

struct Selection {
  std::vector<std::string> use;     // ids or categories; empty means the default (FILE)
  std::vector<std::string> except;  // ids or categories
  std::string version = "v2";       // buf config version: v1beta1, v1 or v2
};

// Rule ids a selection enables, sorted. Throws InputError on an unknown id or category.
// Deprecated ids expand to their replacements, as buf does.
std::vector<std::string> select_rules(const Selection& selection, std::vector<std::string>* warnings = nullptr);

// Runs the given rules over a pair of images; findings come back sorted, without duplicates.
std::vector<Finding> run_checks(const Image& old_image, const Image& new_image,
                                const std::vector<std::string>& rule_ids);

}  // namespace driftcheck::proto
