// Reading driftcheck.yaml: the YAML document and the small shapes its sections share, with
// one-line errors that name the file (and the line, when the YAML parser knows it).
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/rule_docs.h"

namespace driftcheck {

// Throws InputError when the file cannot be read or is not YAML.
YAML::Node load_config_yaml(const std::filesystem::path& file);

// The file's text, read once per run (a pipe can be read only once); at most 16 MiB.
const std::string& config_text(const std::filesystem::path& file);

// A list of strings at `node` (none when absent); `what` names it in errors: "inputs.cpp.paths".
std::vector<std::string> config_strings(const YAML::Node& node, const std::string& what,
                                        const std::filesystem::path& file);

// `SECTION: {use: [...], except: [...]}` of a domain (openapi, cpp), validated against its rules.
RuleSelection config_rule_selection(const YAML::Node& doc, const std::string& section, std::string_view domain,
                                    const std::filesystem::path& file);

}  // namespace driftcheck
