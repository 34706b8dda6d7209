#include "cpp/run.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "core/config_file.h"
#include "core/input_error.h"
#include "core/progress.h"
#include "core/read_file.h"
#include "cpp/check.h"

namespace fs = std::filesystem;

namespace driftcheck::cpp {

std::pair<Api, Api> load_both(const std::function<Api()>& load_old, const std::function<Api()>& load_new) {
  // Parsing dominates: the two sides parse at once, each with its own libclang index.
  Progress progress("parsing C++ headers");
  Api old_api, new_api;
  std::exception_ptr old_error;
  std::thread old_side([&] {
    try {
      old_api = load_old();
    } catch (...) {
      old_error = std::current_exception();
    }
  });
  std::exception_ptr new_error;
  try {
    new_api = load_new();
  } catch (...) {
    new_error = std::current_exception();
  }
  old_side.join();
  if (old_error) std::rethrow_exception(old_error);
  if (new_error) std::rethrow_exception(new_error);
  return {std::move(old_api), std::move(new_api)};
}

RuleSelection load_cpp_rules(const fs::path& config_file) {
  if (config_file.empty() || config_file.filename() == "buf.yaml") return {};
  return config_rule_selection(load_config_yaml(config_file), "cpp", "cpp", config_file);
}

std::vector<Finding> run_configured(const Api& old_api, const Api& new_api, const RuleSelection& rules,
                                    const FileReader& read) {
  std::vector<Finding> findings = run_cpp_checks(old_api, new_api);
  std::erase_if(findings, [&](const Finding& f) {
    const RuleDoc* doc = find_rule_doc(f.rule);
    return doc && !rules.selects(*doc);
  });
  apply_inline_ignores(findings, read);
  return findings;
}

Compared compare_headers(const std::string& old_input, const std::string& new_input, const ParseOptions& options,
                         const RuleSelection& rules) {
  auto [old_api, new_api] = load_both([&] { return load_api(old_input, options); },
                                      [&] { return load_api(new_input, options); });
  Compared c;
  c.findings = run_configured(old_api, new_api, rules, [](const std::string& file) -> std::optional<std::string> {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return std::nullopt;
    return read_file(file);
  });
  c.files = new_api.headers;
  return c;
}

namespace {

bool line_ignores(const std::string& line, const std::string& rule) {
  size_t at = line.find("driftcheck:ignore");
  if (at == std::string::npos) return false;
  std::istringstream rest(line.substr(at + sizeof("driftcheck:ignore") - 1));
  std::string ids;
  rest >> ids;
  std::istringstream list(ids);
  for (std::string id; std::getline(list, id, ',');)
    if (id == rule) return true;
  return false;
}

}  // namespace

void apply_inline_ignores(std::vector<Finding>& findings, const FileReader& read) {
  std::map<std::string, std::vector<std::string>> lines;  // file -> its lines, read once
  auto line_of = [&](const std::string& file, int n) -> const std::string* {
    auto it = lines.find(file);
    if (it == lines.end()) {
      std::vector<std::string> text;
      std::istringstream in(read(file).value_or(""));
      for (std::string l; std::getline(in, l);) text.push_back(l);
      it = lines.emplace(file, std::move(text)).first;
    }
    if (n < 1 || static_cast<size_t>(n) > it->second.size()) return nullptr;
    return &it->second[static_cast<size_t>(n - 1)];
  };
  std::erase_if(findings, [&](const Finding& f) {
    if (!f.location.has_file()) return false;
    for (int n : {f.location.line, f.location.line - 1})
      if (const std::string* l = line_of(f.location.file, n); l && line_ignores(*l, f.rule)) return true;
    return false;
  });
}

namespace {

// Flags whose argument is a path, as `-I dir` or (all but -include) `-Idir`.
constexpr std::string_view kPathFlags[] = {"-I", "-isystem", "-iquote", "-idirafter", "-include"};

// How many arguments a flag that matters for parsing headers spans (0: not such a flag).
int kept_flag_span(const std::string& a) {
  for (std::string_view p : kPathFlags) {
    if (a == p) return 2;
    if (p != "-include" && a.size() > p.size() && a.compare(0, p.size(), p) == 0) return 1;
  }
  if (a == "-D" || a == "-U" || a == "-x") return 2;
  if (a.rfind("-x", 0) == 0 && a.size() > 2) return 1;
  if (a.rfind("-D", 0) == 0 || a.rfind("-U", 0) == 0 || a.rfind("-std=", 0) == 0 || a.rfind("--target=", 0) == 0)
    return 1;
  return 0;
}

}  // namespace

std::vector<std::string> header_parse_flags(const std::vector<std::string>& args, std::vector<std::string>* dropped) {
  std::vector<std::string> kept;
  for (size_t i = 0; i < args.size(); ++i) {
    int span = kept_flag_span(args[i]);
    if (span == 0 || i + span > args.size()) {
      if (dropped) dropped->push_back(args[i]);
      continue;
    }
    kept.insert(kept.end(), args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i + span));
    i += span - 1;
  }
  return kept;
}

std::vector<std::string> map_flag_paths(const std::vector<std::string>& flags,
                                        const std::function<std::string(const std::string&)>& map) {
  std::vector<std::string> out;
  for (size_t i = 0; i < flags.size(); ++i) {
    const std::string& a = flags[i];
    out.push_back(a);
    for (std::string_view p : kPathFlags) {
      if (a == p && i + 1 < flags.size()) {
        out.push_back(map(flags[++i]));
        break;
      }
      if (p != "-include" && a.size() > p.size() && a.compare(0, p.size(), p) == 0) {
        out.back() = std::string(p) + map(a.substr(p.size()));
        break;
      }
    }
  }
  return out;
}

std::vector<std::string> rebase_flags(const std::vector<std::string>& flags, const fs::path& from,
                                      const fs::path& to) {
  return map_flag_paths(flags, [&](const std::string& path) {
    fs::path abs = (from / path).lexically_normal();  // an absolute `path` stays itself
    fs::path rel = abs.lexically_relative(from);
    if (rel.empty() || *rel.begin() == "..") return abs.string();
    return (to / rel).lexically_normal().string();
  });
}

// A string member of a compile command, or "" (an entry may be anything in a hostile file).
std::string command_field(const nlohmann::json& entry, const char* key) {
  if (!entry.is_object()) return "";
  auto it = entry.find(key);
  return it != entry.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<std::string> flags_from_compile_commands(const std::string& path, const std::string& near) {
  nlohmann::json db = nlohmann::json::parse(read_file(path), nullptr, false);
  if (db.is_discarded() || !db.is_array() || db.empty() ||
      !std::all_of(db.begin(), db.end(), [](const nlohmann::json& e) { return e.is_object(); }))
    throw InputError(path + ": not a compile_commands.json (a non-empty JSON array of compile commands)");
  std::error_code ec;
  std::string near_abs = near.empty() ? "" : fs::weakly_canonical(near, ec).string();
  const nlohmann::json* entry = &db.front();
  for (const auto& e : db) {
    fs::path file = fs::path(command_field(e, "directory")) / command_field(e, "file");
    if (!near_abs.empty() && fs::weakly_canonical(file, ec).string().rfind(near_abs, 0) == 0) {
      entry = &e;
      break;
    }
  }
  std::vector<std::string> args;
  if (entry->is_object() && entry->contains("arguments") && (*entry)["arguments"].is_array()) {
    for (const auto& a : (*entry)["arguments"])
      if (a.is_string()) args.push_back(a.get<std::string>());
  } else {
    std::istringstream words(command_field(*entry, "command"));  // no shell quoting: flags rarely need it
    for (std::string w; words >> w;) args.push_back(w);
  }
  if (!args.empty()) args.erase(args.begin());  // the compiler
  std::vector<std::string> kept = header_parse_flags(args, nullptr);
  fs::path dir = command_field(*entry, "directory");
  return map_flag_paths(kept, [&](const std::string& p) { return (dir / p).lexically_normal().string(); });
}

}  // namespace driftcheck::cpp
