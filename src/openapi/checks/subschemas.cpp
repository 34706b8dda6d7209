#include "openapi/checks/subschemas.h"

#include <set>

#include "core/input_error.h"
#include "openapi/checks/checks.h"

namespace driftcheck::openapi {

namespace {

constexpr size_t kMaxCompareDepth = 256;
constexpr size_t kMaxCompareNodes = 200'000;  // per comparison; beyond it the schemas count as different

std::string ref_of(const Json& member) {
  if (!member.is_object()) return "";
  auto it = member.find("$ref");
  return it != member.end() && it->is_string() ? it->get<std::string>() : "";
}

const Json& list_of(const Json& schema, const char* key) {
  static const Json empty = Json::array();
  if (!schema.is_object()) return empty;
  auto it = schema.find(key);
  return it != schema.end() && it->is_array() ? *it : empty;
}

// Structural equality with $refs followed on each side through that side's resolver. A pair of
// objects met again while being compared is assumed equal (recursive schemas).
struct Comparer {
  const CheckContext& ctx;
  std::set<std::pair<const Json*, const Json*>> assumed;
  size_t nodes = 0;

  bool equal(const Json& a, const Document& ad, const Json& b, const Document& bd, size_t depth) {
    if (depth > kMaxCompareDepth || ++nodes > kMaxCompareNodes) return false;
    const Json* x = &a;
    const Json* y = &b;
    const Document* xd = &ad;
    const Document* yd = &bd;
    try {
      if (!ref_of(a).empty()) {
        auto t = ctx.old_spec.resolver->resolve(a, ad);
        x = t.node, xd = t.doc;
      }
      if (!ref_of(b).empty()) {
        auto t = ctx.new_spec.resolver->resolve(b, bd);
        y = t.node, yd = t.doc;
      }
    } catch (const InputError&) {
      return false;
    }
    if (!x || !y) return false;
    if (x->is_object() && y->is_object()) {
      if (!assumed.insert({x, y}).second) return true;
      if (x->size() != y->size()) return false;
      for (auto it = x->begin(); it != x->end(); ++it) {
        auto other = y->find(it.key());
        if (other == y->end() || !equal(it.value(), *xd, *other, *yd, depth + 1)) return false;
      }
      return true;
    }
    if (x->is_array() && y->is_array()) {
      if (x->size() != y->size()) return false;
      for (size_t i = 0; i < x->size(); ++i)
        if (!equal((*x)[i], *xd, (*y)[i], *yd, depth + 1)) return false;
      return true;
    }
    return *x == *y;  // numbers compare by value (10 == 10.0)
  }
};

// The inline members of `from` with no identical member (inline or $ref) in `to`, each member of
// `to` standing for at most one.
std::vector<size_t> not_contained(const CheckContext& ctx, const Json& from, const Document& from_doc, bool from_old,
                                  const Json& to, const Document& to_doc) {
  std::vector<size_t> out;
  std::vector<bool> used(to.size());
  for (size_t i = 0; i < from.size(); ++i) {
    if (!ref_of(from[i]).empty()) continue;
    bool found = false;
    for (size_t j = 0; j < to.size() && !found; ++j) {
      if (used[j]) continue;
      Comparer c{ctx, {}, 0};
      bool same = from_old ? c.equal(from[i], from_doc, to[j], to_doc, 0) : c.equal(to[j], to_doc, from[i], from_doc, 0);
      if (same) used[j] = found = true;
    }
    if (!found) out.push_back(i);
  }
  return out;
}

}  // namespace

bool same_schema(const CheckContext& ctx, const SchemaSide& o, const SchemaSide& n) {
  if (!o || !n) return !o && !n;
  Comparer c{ctx, {}, 0};
  return c.equal(*o.node, *o.doc, *n.node, *n.doc, 0);
}

std::string render_member(const Json& member, size_t index) {
  std::string ref = ref_of(member);
  if (!ref.empty()) return "#/components/schemas/" + ref.substr(ref.rfind('/') + 1);
  std::string title = string_member(member, "title");
  return "subschema #" + std::to_string(index + 1) + (title.empty() ? "" : ": " + title);
}

std::string render_members(const Json& list, const std::vector<size_t>& indexes) {
  std::string out;
  for (size_t i : indexes) out += (out.empty() ? "" : ", ") + render_member(list[i], i);
  return out;
}

MemberPairing pair_members(const CheckContext& ctx, const SchemaNode& at, const char* key) {
  const Json& o = list_of(*at.old_schema.node, key);
  const Json& n = list_of(*at.new_schema.node, key);
  const Document& od = *at.old_schema.doc;
  const Document& nd = *at.new_schema.doc;
  MemberPairing out;

  // $ref members pair by the reference as written.
  std::vector<bool> used_n(n.size()), used_o(o.size());
  for (size_t i = 0; i < o.size(); ++i) {
    std::string ref = ref_of(o[i]);
    if (ref.empty()) continue;
    size_t j = 0;
    while (j < n.size() && (used_n[j] || ref_of(n[j]) != ref)) ++j;
    if (j < n.size()) {
      used_n[j] = true;
      out.modified.emplace_back(i, j);
    } else {
      out.deleted.push_back(i);
    }
  }
  for (size_t j = 0; j < n.size(); ++j) {
    std::string ref = ref_of(n[j]);
    if (ref.empty()) continue;
    size_t i = 0;
    while (i < o.size() && (used_o[i] || ref_of(o[i]) != ref)) ++i;
    if (i < o.size()) used_o[i] = true;
    else out.added.push_back(j);
  }

  // Inline members: identical ones are unchanged; the rest pair by title, or as a lone untitled pair.
  std::vector<size_t> added = not_contained(ctx, n, nd, false, o, od);
  std::vector<size_t> deleted = not_contained(ctx, o, od, true, n, nd);
  std::set<std::string> titles_matched{""};
  std::vector<bool> added_matched(added.size()), deleted_matched(deleted.size());
  for (size_t a = 0; a < added.size(); ++a) {
    std::string title = string_member(n[added[a]], "title");
    if (titles_matched.count(title)) continue;
    for (size_t d = 0; d < deleted.size(); ++d)
      if (!deleted_matched[d] && string_member(o[deleted[d]], "title") == title) {
        added_matched[a] = deleted_matched[d] = true;
        titles_matched.insert(title);
        out.modified.emplace_back(deleted[d], added[a]);
        break;
      }
  }
  std::vector<size_t> left_added, left_deleted;
  for (size_t a = 0; a < added.size(); ++a)
    if (!added_matched[a]) left_added.push_back(added[a]);
  for (size_t d = 0; d < deleted.size(); ++d)
    if (!deleted_matched[d]) left_deleted.push_back(deleted[d]);
  if (left_added.size() == 1 && left_deleted.size() == 1 && string_member(n[left_added[0]], "title").empty() &&
      string_member(o[left_deleted[0]], "title").empty()) {
    out.modified.emplace_back(left_deleted[0], left_added[0]);
    left_added.clear();
    left_deleted.clear();
  }
  out.added.insert(out.added.end(), left_added.begin(), left_added.end());
  out.deleted.insert(out.deleted.end(), left_deleted.begin(), left_deleted.end());
  return out;
}

}  // namespace driftcheck::openapi
