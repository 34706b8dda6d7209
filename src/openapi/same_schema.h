// Whether an old and a new schema are the same once every $ref on both sides is followed. The
// schema walk goes no further below a pair that is: no check can find a change there, and real
// specs reach large unchanged component trees from every operation.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "openapi/spec.h"

namespace driftcheck::openapi {

class SameSchema {
 public:
  SameSchema(const Spec& old_spec, const Spec& new_spec) : old_(old_spec), new_(new_spec) {}

  // Same JSON, with every $ref spelled the same on both sides and leading to the same value (a
  // `$ref` inside example data too: when it cannot be followed the answer is no, which only costs
  // the walk a descent). Two cycles are the same when nothing differs along them.
  bool operator()(const Json& old_node, const Document& old_doc, const Json& new_node, const Document& new_doc);

 private:
  struct PairHash {
    size_t operator()(const std::pair<const Json*, const Json*>& p) const {
      return std::hash<const void*>()(p.first) * 31 + std::hash<const void*>()(p.second);
    }
  };
  // An entry is kDifferent, kSame, or the depth at which the pair is being compared.
  static constexpr uint32_t kDifferent = UINT32_MAX, kSame = UINT32_MAX - 1;

  bool same(const Json& o, const Document& od, const Json& n, const Document& nd, uint32_t& low);
  bool same_members(const Json& o, const Document& od, const Json& n, const Document& nd, uint32_t& low);

  const Spec& old_;
  const Spec& new_;
  std::unordered_map<std::pair<const Json*, const Json*>, uint32_t, PairHash> memo_;
  std::vector<std::pair<const Json*, const Json*>> provisional_;  // same only if their cycle is
  uint32_t depth_ = 0;
};

}  // namespace driftcheck::openapi
