#include "core/finding.h"

#include <algorithm>
#include <tuple>

namespace driftcheck {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "info") return Severity::info;
  if (s == "warning" || s == "warn") return Severity::warning;
  if (s == "error" || s == "err") return Severity::error;
  return std::nullopt;
}

std::vector<std::string> breaks_names(uint8_t breaks) {
  std::vector<std::string> out;
  if (breaks & breaks_wire) out.emplace_back("wire");
  if (breaks & breaks_json) out.emplace_back("json");
  if (breaks & breaks_source) out.emplace_back("source");
  if (breaks & breaks_abi) out.emplace_back("abi");
  return out;
}

uint8_t parse_breaks(std::string_view text) {
  uint8_t out = breaks_none;
  auto has = [&](std::string_view word) { return text.find(word) != std::string_view::npos; };
  if (has("wire")) out |= breaks_wire;
  if (has("json")) out |= breaks_json;
  if (has("source")) out |= breaks_source;
  if (has("abi")) out |= breaks_abi;
  return out;
}

static auto sort_key(const Finding& f) {
  const Location& l = f.location;
  return std::tie(l.file, l.line, l.column, f.rule, f.message, l.end_line, l.end_column);
}

bool finding_less(const Finding& a, const Finding& b) {
  if (a.location.has_file() != b.location.has_file()) return !a.location.has_file();
  return sort_key(a) < sort_key(b);
}

void sort_and_dedupe(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), finding_less);
  auto same = [](const Finding& a, const Finding& b) {
    return sort_key(a) == sort_key(b) && a.path == b.path;
  };
  findings.erase(std::unique(findings.begin(), findings.end(), same), findings.end());
}

std::string fingerprint(const Finding& f) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a 64 offset basis
  auto byte = [&h](unsigned char c) {
    h ^= c;
    h *= 0x100000001b3ULL;  // FNV-1a 64 prime
  };
  // Each field is length-prefixed, so ("ab", "c") and ("a", "bc") hash differently.
  for (std::string_view field : {std::string_view(f.rule), std::string_view(f.domain),
                                 std::string_view(f.path), std::string_view(f.message)}) {
    uint64_t n = field.size();
    for (int i = 0; i < 8; ++i) byte(static_cast<unsigned char>(n >> (8 * i)));
    for (char c : field) byte(static_cast<unsigned char>(c));
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[i] = kHex[h & 0xf];
  return out;
}

std::string headline(const Finding& f) {
  if (f.operation.empty()) return f.message;
  size_t others = f.operations.size() > 1 ? f.operations.size() - 1 : 0;
  if (!others && f.message.find(f.operation) != std::string::npos) return f.message;  // it says already
  std::string who = f.operation;
  if (others) who += " and " + std::to_string(others) + (others == 1 ? " other operation" : " other operations");
  return who + ": " + f.message;
}

}  // namespace driftcheck
