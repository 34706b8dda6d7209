#include "core/limits.h"

#include <charconv>

#include "core/input_error.h"

namespace driftcheck {
namespace {

Limits current;

struct Known {
  const char* name;
  size_t Limits::*field;
  const char* meaning;
};

constexpr Known kKnown[] = {
    {"file-size", &Limits::file_size, "bytes of one input file (on disk, from a pipe, in git)"},
    {"files", &Limits::files, "contract files in one input folder or revision"},
    {"nesting", &Limits::nesting, "depth of mappings and sequences in a YAML or JSON document"},
    {"nodes", &Limits::nodes, "values in one YAML or JSON document, aliases expanded"},
    {"alias-nodes", &Limits::alias_nodes, "values copied by YAML aliases in one document"},
    {"schema-depth", &Limits::schema_depth, "OpenAPI schemas nested below one request or response body"},
    {"schema-nodes", &Limits::schema_nodes, "OpenAPI schemas compared below one body"},
};

const Known* find(std::string_view name) {
  for (const Known& k : kKnown)
    if (name == k.name) return &k;
  return nullptr;
}

std::string names() {
  std::string out;
  for (const Known& k : kKnown) out += std::string(out.empty() ? "" : ", ") + k.name;
  return out;
}

std::string shown(size_t n) {
  for (auto [unit, suffix] : {std::pair{size_t{1} << 30, "G"}, {size_t{1} << 20, "M"}, {size_t{1} << 10, "K"}})
    if (n >= unit && n % unit == 0) return std::to_string(n / unit) + suffix;
  return std::to_string(n);
}

}  // namespace

const Limits& limits() { return current; }

void reset_limits() { current = Limits(); }

void set_limit(const std::string& assignment) {
  size_t eq = assignment.find('=');
  const Known* known = find(std::string_view(assignment).substr(0, eq));
  if (eq == std::string::npos || !known)
    throw InputError("--limit " + assignment + ": expected NAME=N with NAME one of " + names());
  std::string_view value = std::string_view(assignment).substr(eq + 1);
  size_t n = 0, scale = 1;
  if (!value.empty()) {
    char unit = value.back();
    scale = unit == 'K' || unit == 'k' ? size_t{1} << 10 : unit == 'M' || unit == 'm' ? size_t{1} << 20
            : unit == 'G' || unit == 'g' ? size_t{1} << 30 : 1;
    if (scale != 1) value.remove_suffix(1);
  }
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size() || n == 0 || n > SIZE_MAX / scale)
    throw InputError("--limit " + assignment + ": N must be a positive whole number, optionally followed by K, M or G");
  current.*known->field = n * scale;
}

std::string limit_reached(const char* name) {
  const Known* known = find(name);
  size_t value = known ? current.*known->field : 0;
  return std::string("the ") + name + " limit (" + shown(value) + "; raise it with --limit " + name + "=N)";
}

void check_files_limit(size_t count, const std::string& where) {
  if (count > current.files)
    throw InputError(where + ": " + std::to_string(count) + " contract files, more than " + limit_reached("files"));
}

std::string limits_help() {
  Limits defaults;
  std::string out;
  for (const Known& k : kKnown) {
    std::string head = std::string("  ") + k.name + "=" + shown(defaults.*k.field);
    out += head + std::string(head.size() < 24 ? 24 - head.size() : 1, ' ') + k.meaning + "\n";
  }
  return out;
}

}  // namespace driftcheck
