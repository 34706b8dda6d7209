#include "cpp/run.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "core/input_error.h"
#include "core/read_file.h"
#include "cpp/check.h"

namespace fs = std::filesystem;

namespace driftcheck::cpp {

Compared compare_headers(const std::string& old_input, const std::string& new_input, const ParseOptions& options) {
  // Parsing dominates: the two sides parse at once, each with its own libclang index.
  Api old_api, new_api;
  std::exception_ptr old_error;
  std::thread old_side([&] {
    try {
      old_api = load_api(old_input, options);
    } catch (...) {
      old_error = std::current_exception();
    }
  });
  std::exception_ptr new_error;
  try {
    new_api = load_api(new_input, options);
  } catch (...) {
    new_error = std::current_exception();
  }
  old_side.join();
  if (old_error) std::rethrow_exception(old_error);
  if (new_error) std::rethrow_exception(new_error);
  Compared c;
  c.findings = run_cpp_checks(old_api, new_api);
  apply_inline_ignores(c.findings);
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

void apply_inline_ignores(std::vector<Finding>& findings) {
  std::map<std::string, std::vector<std::string>> lines;  // file -> its lines, read once
  auto line_of = [&](const std::string& file, int n) -> const std::string* {
    auto it = lines.find(file);
    if (it == lines.end()) {
      std::vector<std::string> text;
      std::ifstream in(file, std::ios::binary);
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

std::vector<std::string> flags_from_compile_commands(const std::string& path, const std::string& near) {
  nlohmann::json db = nlohmann::json::parse(read_file(path), nullptr, false);
  if (db.is_discarded() || !db.is_array() || db.empty())
    throw InputError(path + ": not a compile_commands.json (a non-empty JSON array of compile commands)");
  std::error_code ec;
  std::string near_abs = near.empty() ? "" : fs::weakly_canonical(near, ec).string();
  const nlohmann::json* entry = &db.front();
  for (const auto& e : db) {
    fs::path file = fs::path(e.value("directory", std::string())) / e.value("file", std::string());
    if (!near_abs.empty() && fs::weakly_canonical(file, ec).string().rfind(near_abs, 0) == 0) {
      entry = &e;
      break;
    }
  }
  std::vector<std::string> args;
  if (entry->contains("arguments") && (*entry)["arguments"].is_array()) {
    for (const auto& a : (*entry)["arguments"])
      if (a.is_string()) args.push_back(a.get<std::string>());
  } else {
    std::istringstream words(entry->value("command", std::string()));  // no shell quoting: flags rarely need it
    for (std::string w; words >> w;) args.push_back(w);
  }
  fs::path dir = entry->value("directory", std::string());
  auto absolute = [&](const std::string& p) { return fs::path(p).is_absolute() ? p : (dir / p).lexically_normal().string(); };
  std::vector<std::string> out;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    for (const char* prefix : {"-I", "-isystem", "-iquote", "-include"}) {
      std::string p = prefix;
      if (a == p && i + 1 < args.size()) {
        out.push_back(p);
        out.push_back(absolute(args[++i]));
        goto next;
      }
      if (a.rfind(p, 0) == 0 && a.size() > p.size() && (p == "-I" || p == "-iquote")) {
        out.push_back(p + absolute(a.substr(p.size())));
        goto next;
      }
    }
    if (a.rfind("-D", 0) == 0 || a.rfind("-U", 0) == 0 || a.rfind("-std=", 0) == 0 || a.rfind("--target=", 0) == 0) {
      out.push_back(a);
      if ((a == "-D" || a == "-U") && i + 1 < args.size()) out.push_back(args[++i]);
    }
  next:;
  }
  return out;
}

}  // namespace driftcheck::cpp
