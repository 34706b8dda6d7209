// Responses: status codes added/removed, media types added/removed/renamed, response headers
// removed or made optional.
#include <cctype>
#include <map>
#include <set>

#include "openapi/checks/checks.h"

namespace driftcheck::openapi {

namespace {

struct Resolved {
  const Json* node = nullptr;
  const Document* doc = nullptr;
};

Resolved resolve(const Spec& spec, const Json& node, const Document& doc) {
  auto t = spec.resolver->resolve(node, doc);
  return {t.node, t.doc};
}

// The members of `object[key]` (resolved), by name; empty when absent.
std::map<std::string, Resolved> members(const Spec& spec, const Resolved& object, const char* key) {
  std::map<std::string, Resolved> out;
  if (!object.node || !object.node->is_object()) return out;
  auto it = object.node->find(key);
  if (it == object.node->end()) return out;
  Resolved container = resolve(spec, *it, *object.doc);
  if (!container.node->is_object()) return out;
  for (auto m = container.node->begin(); m != container.node->end(); ++m)
    out[m.key()] = resolve(spec, m.value(), *container.doc);
  return out;
}

// A status key that is a plain integer, or -1.
int status_code(const std::string& key) {
  if (key.empty() || key.size() > 9) return -1;
  for (char c : key)
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
  return std::stoi(key);
}

struct Mime {
  std::string type, subtype;              // subtype without suffixes
  std::vector<std::string> suffixes;      // after `+`
  std::map<std::string, std::string> params;
};

std::string lower_trim(std::string s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Mime parse_mime(const std::string& name) {
  Mime m;
  size_t semi = name.find(';');
  std::string essence = lower_trim(name.substr(0, semi));
  size_t slash = essence.find('/');
  m.type = essence.substr(0, slash);
  std::string sub = slash == std::string::npos ? "" : essence.substr(slash + 1);
  size_t plus = sub.find('+');
  m.subtype = sub.substr(0, plus);
  while (plus != std::string::npos) {
    size_t next = sub.find('+', plus + 1);
    m.suffixes.push_back(sub.substr(plus + 1, next == std::string::npos ? std::string::npos : next - plus - 1));
    plus = next;
  }
  while (semi != std::string::npos) {
    size_t next = name.find(';', semi + 1);
    std::string p = name.substr(semi + 1, next == std::string::npos ? std::string::npos : next - semi - 1);
    size_t eq = p.find('=');
    std::string value = eq == std::string::npos ? "" : p.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    m.params[lower_trim(p.substr(0, eq))] = value;
    semi = next;
  }
  return m;
}

// `a` is at least as general as `b`: application/json contains application/problem+json.
bool contains(const Mime& a, const Mime& b) {
  if (a.type != b.type) return false;
  if (a.suffixes.empty() && !b.suffixes.empty() && b.suffixes.back() == a.subtype) return true;
  if (a.subtype != b.subtype || a.suffixes.size() > b.suffixes.size()) return false;
  for (size_t i = 0; i < a.suffixes.size(); ++i)
    if (a.suffixes[i] != b.suffixes[i]) return false;
  return true;
}

struct ContentDiff {
  std::vector<std::string> added, deleted;
  std::vector<std::pair<std::string, std::string>> renamed;  // old name, new name
};

ContentDiff diff_content(const std::map<std::string, Resolved>& before, const std::map<std::string, Resolved>& after) {
  ContentDiff d;
  std::vector<std::string> old_left, new_left;
  for (const auto& [name, _] : before)
    if (!after.count(name)) old_left.push_back(name);
  for (const auto& [name, _] : after)
    if (!before.count(name)) new_left.push_back(name);
  for (const std::string& o : old_left) {
    Mime om = parse_mime(o);
    bool paired = false;
    for (auto it = new_left.begin(); it != new_left.end(); ++it) {
      Mime nm = parse_mime(*it);
      if (contains(om, nm) || contains(nm, om)) {
        d.renamed.emplace_back(o, *it);
        new_left.erase(it);
        paired = true;
        break;
      }
    }
    if (!paired) d.deleted.push_back(o);
  }
  d.added = new_left;
  return d;
}

// Every status code present on both sides of a matched operation, with both response objects.
template <typename Fn>
void for_each_common_response(const CheckContext& ctx, Fn fn) {
  for (const auto& [o, n] : ctx.match.pairs) {
    if (hidden_by_stability(*o, *n)) continue;
    auto before = members(ctx.old_spec, {o->node, o->doc}, "responses");
    auto after = members(ctx.new_spec, {n->node, n->doc}, "responses");
    for (const auto& [status, old_response] : before) {
      auto it = after.find(status);
      if (it != after.end()) fn(*o, *n, status, old_response, it->second);
    }
  }
}

bool required(const Resolved& header) {
  return header.node && flag_member(*header.node, "required");
}

void status_updated(const CheckContext& ctx, Reporter& r, bool success) {
  for (const auto& [o, n] : ctx.match.pairs) {
    if (hidden_by_stability(*o, *n)) continue;
    auto before = members(ctx.old_spec, {o->node, o->doc}, "responses");
    auto after = members(ctx.new_spec, {n->node, n->doc}, "responses");
    std::string label = operation_label(o->method, o->path);
    for (const auto& [status, response] : before) {
      int code = status_code(status);
      if (code < 0 || after.count(status) || (code >= 200 && code <= 299) != success) continue;
      Location where = ctx.old_spec.location(*response.node, *response.doc);
      Location now = ctx.new_spec.location(*n->node, *n->doc);
      if (success) {
        Finding& f = r.report_removed("response-success-status-removed", where, now, label,
                              "the success response status `" + status + "` of `" + label +
                                  "` was removed: clients that handle it no longer get what they expect");
        f.hint = "keep returning the documented success status; add new statuses alongside it";
      } else {
        r.report_removed("response-non-success-status-removed", where, now, label,
                 "the response status `" + status + "` of `" + label + "` was removed");
      }
    }
    for (const auto& [status, response] : after) {
      int code = status_code(status);
      if (code < 0 || before.count(status) || (code >= 200 && code <= 299) != success) continue;
      r.report(success ? "response-success-status-added" : "response-non-success-status-added",
               ctx.new_spec.location(*response.node, *response.doc), label,
               "the response status `" + status + "` was added to `" + label + "`");
    }
  }
}

}  // namespace

void response_success_status_updated_check(const CheckContext& ctx, Reporter& r) { status_updated(ctx, r, true); }
void response_non_success_status_updated_check(const CheckContext& ctx, Reporter& r) { status_updated(ctx, r, false); }

void response_media_type_updated_check(const CheckContext& ctx, Reporter& r) {
  for_each_common_response(ctx, [&](const Operation& o, const Operation&, const std::string& status,
                                    const Resolved& before, const Resolved& after) {
    auto old_content = members(ctx.old_spec, before, "content");
    auto new_content = members(ctx.new_spec, after, "content");
    ContentDiff d = diff_content(old_content, new_content);
    std::string label = operation_label(o.method, o.path);
    for (const std::string& name : d.deleted) {
      const Resolved& m = old_content.at(name);
      Finding& f = r.report_removed("response-media-type-removed", ctx.old_spec.location(*m.node, *m.doc),
                                    ctx.new_spec.location(*after.node, *after.doc), label,
                            "the media type `" + name + "` of response `" + status + "` of `" + label +
                                "` was removed: clients that ask for it get another format or an error");
      f.hint = "keep serving the old media type next to the new one";
    }
    for (const std::string& name : d.added) {
      const Resolved& m = new_content.at(name);
      r.report("response-media-type-added", ctx.new_spec.location(*m.node, *m.doc), label,
               "the media type `" + name + "` was added to response `" + status + "` of `" + label + "`");
    }
  });
}

void response_media_type_name_updated_check(const CheckContext& ctx, Reporter& r) {
  for_each_common_response(ctx, [&](const Operation& o, const Operation&, const std::string& status,
                                    const Resolved& before, const Resolved& after) {
    auto new_content = members(ctx.new_spec, after, "content");
    ContentDiff d = diff_content(members(ctx.old_spec, before, "content"), new_content);
    std::string label = operation_label(o.method, o.path);
    for (const auto& [from, to] : d.renamed) {
      const Resolved& m = new_content.at(to);
      Location where = ctx.new_spec.location(*m.node, *m.doc);
      Mime a = parse_mime(from), b = parse_mime(to);
      std::string what = "the media type of response `" + status + "` of `" + label + "` changed from `" + from +
                         "` to `" + to + "`";
      if (a.params != b.params) {
        r.report("response-media-type-name-changed", where, label, what);
      } else if (contains(a, b)) {
        r.report("response-media-type-name-specialized", where, label, what + " (more specific)");
      } else {
        Finding& f = r.report("response-media-type-name-generalized", where, label,
                              what + ": a more general type than clients were promised");
        f.hint = "keep returning the specific media type";
      }
    }
  });
}

void response_header_removed_check(const CheckContext& ctx, Reporter& r) {
  for_each_common_response(ctx, [&](const Operation& o, const Operation&, const std::string& status,
                                    const Resolved& before, const Resolved& after) {
    auto old_headers = members(ctx.old_spec, before, "headers");
    auto new_headers = members(ctx.new_spec, after, "headers");
    std::string label = operation_label(o.method, o.path);
    for (const auto& [name, header] : old_headers) {
      if (new_headers.count(name)) continue;
      Location where = ctx.old_spec.location(*header.node, *header.doc);
      Location now = ctx.new_spec.location(*after.node, *after.doc);
      if (required(header)) {
        Finding& f = r.report_removed("required-response-header-removed", where, now, label,
                              "the required response header `" + name + "` of response `" + status + "` of `" + label +
                                  "` was removed: clients that read it break");
        f.hint = "keep sending the header; deprecate it first";
      } else {
        Finding& f = r.report_removed("optional-response-header-removed", where, now, label,
                              "the optional response header `" + name + "` of response `" + status + "` of `" + label +
                                  "` was removed: clients that use it lose the information");
        f.hint = "keep sending the header until clients stop relying on it";
      }
    }
  });
}

void response_header_became_optional_check(const CheckContext& ctx, Reporter& r) {
  for_each_common_response(ctx, [&](const Operation& o, const Operation&, const std::string& status,
                                    const Resolved& before, const Resolved& after) {
    auto old_headers = members(ctx.old_spec, before, "headers");
    auto new_headers = members(ctx.new_spec, after, "headers");
    std::string label = operation_label(o.method, o.path);
    for (const auto& [name, header] : old_headers) {
      auto it = new_headers.find(name);
      if (it == new_headers.end() || !required(header) || required(it->second)) continue;
      Finding& f = r.report("response-header-became-optional", ctx.new_spec.location(*it->second.node, *it->second.doc),
                            label,
                            "the response header `" + name + "` of response `" + status + "` of `" + label +
                                "` became optional: clients that expect it may not get it");
      f.hint = "keep the header required in responses";
    }
  });
}

}  // namespace driftcheck::openapi
