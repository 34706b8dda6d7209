// Class-level changes users feel through inheritance: final, pure virtuals, the virtual table,
// and the list of bases.
#include <algorithm>
#include <set>
#include <vector>

#include "cpp/checks/checks.h"

namespace driftcheck::cpp {

namespace {

// The method behind a virtual table slot (slots are unqualified signatures; "~()" is the destructor).
const Function* slot_method(const Api& api, const Record& rec, const std::string& slot) {
  if (slot == "~()") {
    for (auto it = api.functions.lower_bound(rec.name + "::~"); it != api.functions.end(); ++it)
      if (it->second.parent == rec.name && it->second.name.rfind(rec.name + "::~", 0) == 0) return &it->second;
    return nullptr;
  }
  auto it = api.functions.find(rec.name + "::" + slot);
  return it == api.functions.end() ? nullptr : &it->second;
}

// The method that fills a slot: declared in the record, else in the nearest base that declares it.
const Function* declaring_method(const Api& api, const Record& rec, const std::string& slot) {
  // Bases breadth first, each once: an api.json may name a class as its own base, many times.
  std::vector<const Record*> queue{&rec};
  std::set<std::string> seen{rec.name};
  for (size_t i = 0; i < queue.size(); ++i) {
    if (const Function* f = slot_method(api, *queue[i], slot)) return f;
    for (const Base& b : queue[i]->bases)
      if (auto base = api.records.find(b.name); base != api.records.end() && seen.insert(b.name).second)
        queue.push_back(&base->second);
  }
  return nullptr;
}

// How a slot reads in messages: the declaring method's signature as written.
std::string slot_name(const Api& api, const Record& rec, const std::string& slot) {
  if (const Function* f = declaring_method(api, rec, slot)) return f->signature();
  return slot == "~()" ? "the destructor of " + rec.name : rec.name + "::" + slot;
}

void became_final(const CheckContext& ctx, Reporter& r) {
  for_each_record_pair(ctx, [&](const Record& o, const Record& n) {
    if (!o.is_final && n.is_final)
      r.changed("class-became-final", o.location, n.location, n.name,
                q(n.name) + " became final: classes that derive from it no longer compile");
  });
}

void pure_virtual_added(const CheckContext& ctx, Reporter& r) {
  for (auto [o, n] : ctx.functions.pairs)
    if (!o->is_pure && n->is_pure)
      r.changed("pure-virtual-added", o->location, n->location, n->signature(),
                q(n->signature()) + " became pure virtual: every class that derives from " + q(n->parent) +
                    " must now implement it");
  for (const Function* n : ctx.functions.added)
    if (n->is_pure && ctx.old_api.records.count(n->parent))
      r.changed("pure-virtual-added", n->location, n->location, n->signature(),
                "pure virtual " + q(n->signature()) + " was added: every class that derives from " + q(n->parent) +
                    " must now implement it, and the virtual table changes")
          .old_location.reset();
}

// Does slot i hold, under a new name, the method that the old table had there?
bool renamed_in_place(const CheckContext& ctx, const Record& o, size_t i, const Function* method) {
  if (!method || i >= o.vtable.size()) return false;
  const Function* before = slot_method(ctx.old_api, o, o.vtable[i]);
  auto renamed = before ? ctx.renames.find(before->key()) : ctx.renames.end();
  return renamed != ctx.renames.end() && renamed->second.new_name == method->signature();
}

struct SlotMove {
  std::string method;
  size_t from, to;
  Location where;
};

// One finding per class for its moved slots: an insertion shifts every slot after it, and a list
// of twenty findings that say the same thing hides the one that caused them.
void report_moves(const Record& o, const Record& n, const std::vector<SlotMove>& moves, Reporter& r) {
  if (moves.empty()) return;
  const SlotMove& first = moves.front();
  if (moves.size() == 1) {
    r.changed("virtual-method-position-changed", o.location, first.where, first.method,
              "virtual method " + q(first.method) + " moved from slot " + std::to_string(first.from) + " to slot " +
                  std::to_string(first.to) + " of the virtual table of " + q(n.name) +
                  ": binaries built against the old table call another function");
    return;
  }
  constexpr size_t kListed = 3;
  std::string listed;
  for (size_t k = 0; k < moves.size() && k < kListed; ++k) {
    bool last = k + 1 == moves.size();
    listed += std::string(k == 0 ? "" : last ? " and " : ", ") + q(moves[k].method) + " (slot " +
              std::to_string(moves[k].from) + " -> " + std::to_string(moves[k].to) + ")";
  }
  if (moves.size() > kListed) listed += " and " + std::to_string(moves.size() - kListed) + " more";
  r.changed("virtual-method-position-changed", o.location, first.where, n.name,
            std::to_string(moves.size()) + " virtual methods moved in the virtual table of " + q(n.name) + ": " + listed +
                ": binaries built against the old table call other functions");
}

void virtual_table(const CheckContext& ctx, Reporter& r) {
  for_each_record_pair(ctx, [&](const Record& o, const Record& n) {
    std::vector<SlotMove> moves;
    for (size_t i = 0; i < n.vtable.size(); ++i) {
      const std::string& slot = n.vtable[i];
      auto old_at = std::find(o.vtable.begin(), o.vtable.end(), slot);
      const Function* method = slot_method(ctx.new_api, n, slot);
      Location where = method ? method->location : n.location;
      if (old_at == o.vtable.end()) {
        if (method && method->is_pure && !ctx.old_api.functions.count(method->key())) continue;  // pure-virtual-added
        if (renamed_in_place(ctx, o, i, method)) continue;  // the slot keeps its place: see virtual-method-removed
        Finding& f = r.changed("virtual-method-added", o.location, where, slot_name(ctx.new_api, n, slot),
                               "virtual method " + q(slot_name(ctx.new_api, n, slot)) + " was added at slot " + std::to_string(i) +
                                   " of the virtual table of " + q(n.name) +
                                   ": binaries built against the old table call the wrong function or read past it");
        if (!method || !ctx.old_api.functions.count(method->key())) f.old_location.reset();
      } else if (size_t old_index = static_cast<size_t>(old_at - o.vtable.begin()); old_index != i) {
        moves.push_back({slot_name(ctx.new_api, n, slot), old_index, i, where});
      }
    }
    report_moves(o, n, moves, r);
    // Slots whose method survives but is no longer virtual (removed methods: see removals.cpp).
    for (const std::string& slot : o.vtable) {
      if (std::find(n.vtable.begin(), n.vtable.end(), slot) != n.vtable.end()) continue;
      const Function* now = slot_method(ctx.new_api, n, slot);
      const Function* before = slot_method(ctx.old_api, o, slot);
      if (!now || !before) continue;
      r.changed("virtual-method-removed", before->location, now->location, slot_name(ctx.new_api, n, slot),
                q(now->signature()) + " is no longer virtual: overrides stop overriding and the virtual table of " +
                    q(n.name) + " shrinks");
    }
  });
}

void bases(const CheckContext& ctx, Reporter& r) {
  for_each_record_pair(ctx, [&](const Record& o, const Record& n) {
    auto find = [](const std::vector<Base>& list, const std::string& name) {
      return std::find_if(list.begin(), list.end(), [&](const Base& b) { return b.name == name; });
    };
    std::vector<std::string> old_common, new_common;
    for (const Base& b : o.bases) {
      auto it = find(n.bases, b.name);
      if (it == n.bases.end()) {
        r.changed("base-class-removed", o.location, n.location, n.name,
                  q(n.name) + " no longer derives from " + q(b.name) +
                      ": conversions to it and its inherited members are gone, and the layout changes");
        continue;
      }
      old_common.push_back(b.name);
      if (it->is_virtual != b.is_virtual)
        r.changed("base-class-virtuality-changed", o.location, n.location, n.name,
                  "base " + q(b.name) + " of " + q(n.name) + (it->is_virtual ? " became virtual" : " is no longer virtual") +
                      ": the object layout and how the base is reached change");
    }
    for (const Base& b : n.bases) {
      if (find(o.bases, b.name) == o.bases.end())
        r.changed("base-class-added", o.location, n.location, n.name,
                  q(n.name) + " now also derives from " + q(b.name) + ": the object layout changes");
      else
        new_common.push_back(b.name);
    }
    if (old_common != new_common)
      r.changed("base-class-reordered", o.location, n.location, n.name,
                "the bases of " + q(n.name) + " were reordered: base sub-objects move within the object");
  });
}

}  // namespace

std::vector<CppCheck> class_checks() {
  return {
      {"classes", {"class-became-final"}, became_final},
      {"classes", {"pure-virtual-added"}, pure_virtual_added},
      {"classes", {"virtual-method-added", "virtual-method-position-changed", "virtual-method-removed"}, virtual_table},
      {"classes", {"base-class-added", "base-class-removed", "base-class-reordered", "base-class-virtuality-changed"}, bases},
  };
}

}  // namespace driftcheck::cpp
