#include "cpp/api_json.h"

#include <nlohmann/json.hpp>

#include <fstream>

#include "core/input_error.h"
#include "core/read_file.h"

namespace driftcheck::cpp {

using nlohmann::json;

namespace {

// Defaults are left out, so a dump shows what is there and diffs stay small.
void put(json& j, const char* key, bool v) {
  if (v) j[key] = true;
}
void put(json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}
void put(json& j, const char* key, const std::vector<std::string>& v) {
  if (!v.empty()) j[key] = v;
}

std::string where(const Location& l) {
  return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
}

Location parse_where(const std::string& s) {
  Location l;
  size_t col = s.rfind(':');
  size_t line = col == std::string::npos || col == 0 ? std::string::npos : s.rfind(':', col - 1);
  if (line == std::string::npos) {
    l.file = s;
    return l;
  }
  l.file = s.substr(0, line);
  l.line = std::stoi(s.substr(line + 1, col - line - 1));
  l.column = std::stoi(s.substr(col + 1));
  return l;
}

json type_json(const Type& t) {
  if (t.spelled == t.canonical) return t.spelled;
  return json{{"spelled", t.spelled}, {"canonical", t.canonical}};
}

Type read_type(const json& j) {
  if (j.is_string()) return {j.get<std::string>(), j.get<std::string>()};
  return {j.at("spelled").get<std::string>(), j.at("canonical").get<std::string>()};
}

std::string str(const json& j, const char* key) { return j.value(key, std::string()); }
bool flag(const json& j, const char* key) { return j.value(key, false); }
std::vector<std::string> strs(const json& j, const char* key) {
  return j.contains(key) ? j.at(key).get<std::vector<std::string>>() : std::vector<std::string>{};
}

json function_json(const Function& f) {
  json j;
  j["name"] = f.name;
  put(j, "parent", f.parent);
  j["return"] = type_json(f.return_type);
  json params = json::array();
  for (const Param& p : f.params) {
    json pj{{"name", p.name}, {"type", type_json(p.type)}};
    put(pj, "default", p.has_default);
    put(pj, "default_value", p.default_value);
    params.push_back(pj);
  }
  j["params"] = params;
  put(j, "template_params", f.template_params);
  put(j, "const", f.is_const);
  put(j, "volatile", f.is_volatile);
  put(j, "ref", f.ref_qualifier);
  put(j, "static", f.is_static);
  put(j, "virtual", f.is_virtual);
  put(j, "pure", f.is_pure);
  put(j, "override", f.is_override);
  put(j, "final", f.is_final);
  put(j, "deleted", f.is_deleted);
  put(j, "noexcept", f.is_noexcept);
  put(j, "variadic", f.is_variadic);
  put(j, "extern_c", f.is_extern_c);
  put(j, "inline", f.is_inline);
  put(j, "access", f.access);
  j["at"] = where(f.location);
  return j;
}

Function read_function(const json& j) {
  Function f;
  f.name = j.at("name").get<std::string>();
  f.parent = str(j, "parent");
  f.return_type = read_type(j.at("return"));
  for (const json& pj : j.at("params"))
    f.params.push_back({str(pj, "name"), read_type(pj.at("type")), flag(pj, "default"), str(pj, "default_value")});
  f.template_params = strs(j, "template_params");
  f.is_const = flag(j, "const");
  f.is_volatile = flag(j, "volatile");
  f.ref_qualifier = str(j, "ref");
  f.is_static = flag(j, "static");
  f.is_virtual = flag(j, "virtual");
  f.is_pure = flag(j, "pure");
  f.is_override = flag(j, "override");
  f.is_final = flag(j, "final");
  f.is_deleted = flag(j, "deleted");
  f.is_noexcept = flag(j, "noexcept");
  f.is_variadic = flag(j, "variadic");
  f.is_extern_c = flag(j, "extern_c");
  f.is_inline = flag(j, "inline");
  f.access = str(j, "access");
  f.location = parse_where(str(j, "at"));
  return f;
}

json record_json(const Record& r) {
  json j;
  j["kind"] = r.kind;
  put(j, "access", r.access);
  put(j, "complete", r.is_complete);
  put(j, "final", r.is_final);
  put(j, "polymorphic", r.is_polymorphic);
  put(j, "aggregate", r.is_aggregate);
  if (r.size_bytes >= 0) j["size"] = r.size_bytes;
  if (r.align_bytes >= 0) j["align"] = r.align_bytes;
  put(j, "template_params", r.template_params);
  if (!r.bases.empty()) {
    json bases = json::array();
    for (const Base& b : r.bases) {
      json bj{{"name", b.name}, {"access", b.access}};
      put(bj, "virtual", b.is_virtual);
      bases.push_back(bj);
    }
    j["bases"] = bases;
  }
  if (!r.fields.empty()) {
    json fields = json::array();
    for (const Field& f : r.fields) {
      json fj{{"name", f.name}, {"type", type_json(f.type)}, {"at", where(f.location)}};
      if (f.offset_bits >= 0) fj["offset_bits"] = f.offset_bits;
      if (f.bit_width >= 0) fj["bit_width"] = f.bit_width;
      if (f.type_size_bytes >= 0) fj["type_size"] = f.type_size_bytes;
      put(fj, "access", f.access);
      put(fj, "mutable", f.is_mutable);
      fields.push_back(fj);
    }
    j["fields"] = fields;
  }
  put(j, "vtable", r.vtable);
  j["at"] = where(r.location);
  return j;
}

Record read_record(const std::string& name, const json& j) {
  Record r;
  r.name = name;
  r.kind = str(j, "kind");
  r.access = str(j, "access");
  r.is_complete = flag(j, "complete");
  r.is_final = flag(j, "final");
  r.is_polymorphic = flag(j, "polymorphic");
  r.is_aggregate = flag(j, "aggregate");
  r.size_bytes = j.value("size", int64_t{-1});
  r.align_bytes = j.value("align", int64_t{-1});
  r.template_params = strs(j, "template_params");
  if (j.contains("bases"))
    for (const json& bj : j.at("bases")) r.bases.push_back({str(bj, "name"), str(bj, "access"), flag(bj, "virtual")});
  if (j.contains("fields"))
    for (const json& fj : j.at("fields")) {
      Field f;
      f.name = str(fj, "name");
      f.type = read_type(fj.at("type"));
      f.offset_bits = fj.value("offset_bits", int64_t{-1});
      f.bit_width = fj.value("bit_width", -1);
      f.type_size_bytes = fj.value("type_size", int64_t{-1});
      f.access = str(fj, "access");
      f.is_mutable = flag(fj, "mutable");
      f.location = parse_where(str(fj, "at"));
      r.fields.push_back(std::move(f));
    }
  r.vtable = strs(j, "vtable");
  r.location = parse_where(str(j, "at"));
  return r;
}

}  // namespace

void write_api_json(std::ostream& out, const Api& api) {
  json j;
  j["api_format"] = kApiFormat;
  j["headers"] = api.headers;
  json& ns = j["namespaces"] = json::object();
  std::vector<std::string> inline_namespaces;
  for (const auto& [name, n] : api.namespaces) {
    ns[name] = where(n.location);
    if (n.is_inline) inline_namespaces.push_back(name);
  }
  put(j, "inline_namespaces", inline_namespaces);
  json& records = j["records"] = json::object();
  for (const auto& [name, r] : api.records) records[name] = record_json(r);
  json& functions = j["functions"] = json::object();
  for (const auto& [key, f] : api.functions) functions[key] = function_json(f);
  json& enums = j["enums"] = json::object();
  for (const auto& [name, e] : api.enums) {
    json ej{{"underlying", type_json(e.underlying)}, {"at", where(e.location)}};
    put(ej, "scoped", e.is_scoped);
    put(ej, "access", e.access);
    json values = json::array();
    for (const Enumerator& en : e.enumerators)
      values.push_back(json{{"name", en.name}, {"value", en.value}, {"at", where(en.location)}});
    ej["enumerators"] = values;
    enums[name] = ej;
  }
  json& typedefs = j["typedefs"] = json::object();
  for (const auto& [name, t] : api.typedefs) {
    json tj{{"target", type_json(t.target)}, {"at", where(t.location)}};
    put(tj, "template_params", t.template_params);
    put(tj, "access", t.access);
    typedefs[name] = tj;
  }
  json& variables = j["variables"] = json::object();
  for (const auto& [name, v] : api.variables) {
    json vj{{"type", type_json(v.type)}, {"at", where(v.location)}};
    put(vj, "constexpr", v.is_constexpr);
    if (v.value) vj["value"] = *v.value;
    put(vj, "access", v.access);
    variables[name] = vj;
  }
  json& macros = j["macros"] = json::object();
  for (const auto& [name, m] : api.macros) {
    macros[name] = json{{"value", m.value}, {"at", where(m.location)}};
    if (m.params) macros[name]["params"] = *m.params;
  }
  // Headers in Latin-1 (a default argument, a macro value) hold bytes JSON cannot: U+FFFD stands in.
  out << j.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

Api read_api_json(const std::string& path) {
  std::string text = read_file(path);
  // nlohmann's messages start with "[json.exception.type_error.302] ": the rest is for people.
  auto plain = [](const std::exception& e) {
    std::string m = e.what();
    size_t end = m.rfind("] ", m.find(' '));
    return m.rfind("[json.exception", 0) == 0 && end != std::string::npos ? m.substr(end + 2) : m;
  };
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw InputError(path + ": not valid JSON (a truncated api.json?): " + plain(e));
  }
  std::string format = j.is_object() && j.contains("api_format") && j["api_format"].is_string() ? j["api_format"].get<std::string>() : std::string();
  if (format.empty())
    throw InputError(path + ": not a C++ header, folder of headers, or api.json written by `driftcheck dump`");
  if (format != kApiFormat)
    throw InputError(path + ": api.json format `" + format + "` is not one this driftcheck reads (`" + kApiFormat +
                     "`): write it again with this version's `driftcheck dump`");
  Api api;
  try {
    api.headers = strs(j, "headers");
    for (const auto& [name, at] : j.at("namespaces").items()) api.namespaces[name] = {name, parse_where(at)};
    for (const std::string& name : strs(j, "inline_namespaces")) api.namespaces[name].is_inline = true;
    for (const auto& [name, rj] : j.at("records").items()) api.records[name] = read_record(name, rj);
    for (const auto& [key, fj] : j.at("functions").items()) api.functions[key] = read_function(fj);
    for (const auto& [name, ej] : j.at("enums").items()) {
      Enum& e = api.enums[name];
      e.name = name;
      e.underlying = read_type(ej.at("underlying"));
      e.is_scoped = flag(ej, "scoped");
      e.access = str(ej, "access");
      e.location = parse_where(str(ej, "at"));
      for (const json& v : ej.at("enumerators"))
        e.enumerators.push_back({str(v, "name"), v.at("value").get<int64_t>(), parse_where(str(v, "at"))});
    }
    for (const auto& [name, tj] : j.at("typedefs").items())
      api.typedefs[name] = {name, read_type(tj.at("target")), strs(tj, "template_params"), str(tj, "access"),
                            parse_where(str(tj, "at"))};
    for (const auto& [name, vj] : j.at("variables").items()) {
      Variable& v = api.variables[name];
      v.name = name;
      v.type = read_type(vj.at("type"));
      v.is_constexpr = flag(vj, "constexpr");
      if (vj.contains("value")) v.value = vj.at("value").get<std::string>();
      v.access = str(vj, "access");
      v.location = parse_where(str(vj, "at"));
    }
    for (const auto& [name, mj] : j.at("macros").items())
      api.macros[name] = {name, str(mj, "value"), parse_where(str(mj, "at")),
                          mj.contains("params") ? std::optional<std::string>(str(mj, "params")) : std::nullopt};
  } catch (const std::exception& e) {
    throw InputError(path + ": malformed api.json: " + plain(e));
  }
  return api;
}

bool looks_like_api_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return head.find("\"driftcheck-cpp-api/") != std::string::npos;  // any version: an old one gets a clear error
}

}  // namespace driftcheck::cpp
