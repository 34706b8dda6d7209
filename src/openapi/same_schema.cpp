#include "openapi/same_schema.h"

#include <algorithm>

#include "core/input_error.h"

namespace driftcheck::openapi {

namespace {

constexpr uint32_t kMaxDepth = 1000;  // deeper than that: not known to be the same

}  // namespace

bool SameSchema::operator()(const Json& old_node, const Document& old_doc, const Json& new_node,
                            const Document& new_doc) {
  uint32_t low = kSame;
  bool result = same(old_node, old_doc, new_node, new_doc, low);
  for (const auto& key : provisional_)  // left only when the outermost pair was not an object
    if (result) memo_[key] = kSame;
    else memo_.erase(key);
  provisional_.clear();
  return result;
}

// `low` receives the smallest depth of a pair still being compared that the answer assumed the
// same (a cycle). A pair whose answer assumed only itself or deeper pairs is settled at once;
// the others are settled with the pair at that depth.
bool SameSchema::same(const Json& o, const Document& od, const Json& n, const Document& nd, uint32_t& low) {
  if (o.type() != n.type()) return false;
  if (o.is_array()) {
    if (o.size() != n.size()) return false;
    for (size_t i = 0; i < o.size(); ++i)
      if (!same(o[i], od, n[i], nd, low)) return false;
    return true;
  }
  if (!o.is_object()) return o == n;
  auto key = std::make_pair(&o, &n);
  auto [it, fresh] = memo_.try_emplace(key, depth_);
  if (!fresh) {
    if (it->second == kSame) return true;
    if (it->second == kDifferent) return false;
    low = std::min(low, it->second);  // in a cycle being compared: the same unless it differs
    return true;
  }
  if (depth_ >= kMaxDepth) {
    it->second = kDifferent;  // not known to be the same
    return false;
  }
  uint32_t mine = depth_++;
  size_t mark = provisional_.size();
  uint32_t my_low = kSame;
  bool result = same_members(o, od, n, nd, my_low);
  --depth_;
  // A difference is certain whatever was assumed, and makes every pair being compared differ.
  if (!result) {
    memo_[key] = kDifferent;
    for (const auto& p : provisional_) memo_.erase(p);
    provisional_.clear();
  } else if (my_low >= mine) {
    memo_[key] = kSame;
    for (size_t i = mark; i < provisional_.size(); ++i) memo_[provisional_[i]] = kSame;
    provisional_.resize(mark);
  } else {
    memo_[key] = my_low;
    provisional_.push_back(key);
    low = std::min(low, my_low);
  }
  return result;
}

bool SameSchema::same_members(const Json& o, const Document& od, const Json& n, const Document& nd, uint32_t& low) {
  if (o.size() != n.size()) return false;
  for (auto a = o.begin(), b = n.begin(); a != o.end(); ++a, ++b) {  // both sorted by key
    if (a.key() != b.key() || !same(a.value(), od, b.value(), nd, low)) return false;
  }
  auto ref = o.find("$ref");
  if (ref == o.end() || !ref->is_string()) return true;
  // The same spelling (compared above); now where it leads on each side.
  Resolver::Target to, tn;
  try {
    to = old_.resolver->resolve(o, od);
    tn = new_.resolver->resolve(n, nd);
  } catch (const InputError&) {
    return false;
  }
  return same(*to.node, *to.doc, *tn.node, *tn.doc, low);
}

}  // namespace driftcheck::openapi
