// readOnly / writeOnly changes of properties that stay in their schema (docs/dev/oasdiff-check-
// semantics.md §2.5, §2.6). A property that appears or disappears is the property checks' business.
#include "openapi/checks/checks.h"
#include "openapi/checks/schema_walk.h"

namespace driftcheck::openapi {

namespace {

bool still_a_property(const SchemaNode& n) {
  if (n.name.empty() || !n.new_parent) return false;
  auto props = n.new_parent.node->find("properties");
  return props != n.new_parent.node->end() && props->is_object() && props->contains(n.name);
}

// Which properties a pass looks at: all, or those required / optional in the old parent.
enum class Presence { any, required, optional };

// Reports each readOnly and writeOnly flip of a walked property as
// `<side>-<required|optional>-property-became-[not-]<read|write>-only`.
void access_flags(const CheckContext& ctx, Reporter& r, Direction dir, Presence presence) {
  const char* side = dir == Direction::request ? "request" : "response";
  walk_schemas(ctx, dir, [&](const SchemaNode& n) {
    if (!still_a_property(n)) return;
    bool required = n.old_parent && in_required(*n.old_parent.node, n.name);
    if ((presence == Presence::required && !required) || (presence == Presence::optional && required)) return;
    std::string kind = required ? "required" : "optional";
    for (const char* flag : {"writeOnly", "readOnly"}) {
      bool was = schema_flag(*n.old_schema.node, flag), is = schema_flag(*n.new_schema.node, flag);
      if (was == is) continue;
      std::string what = std::string(flag) == "writeOnly" ? "write-only" : "read-only";
      std::string id = std::string(side) + "-" + kind + "-property-became-" + (is ? "" : "not-") + what;
      std::string msg = "the " + kind + " " + side + " property `" + n.path + "` " + (is ? "became " : "is no longer ") +
                        what + " (" + n.media_type + (n.status.empty() ? "" : ", `" + n.status + "` response") + ")";
      // A required response property that stops being write-only now has to be returned: a value
      // only clients used to send (a secret, say) starts to travel back.
      if (dir == Direction::response && required && !is && what == "write-only") {
        Finding& f = r.report(id, n.location(ctx), n.operation,
                              msg + ": responses must now return a value that only clients used to send");
        f.hint = "make sure the value is safe to return, or keep the property write-only";
      } else {
        r.report(id, n.location(ctx), n.operation, msg);
      }
    }
  });
}

}  // namespace

void request_property_write_only_read_only_check(const CheckContext& ctx, Reporter& r) {
  access_flags(ctx, r, Direction::request, Presence::any);
}
void response_required_property_write_only_read_only_check(const CheckContext& ctx, Reporter& r) {
  access_flags(ctx, r, Direction::response, Presence::required);
}
void response_optional_property_write_only_read_only_check(const CheckContext& ctx, Reporter& r) {
  access_flags(ctx, r, Direction::response, Presence::optional);
}

}  // namespace driftcheck::openapi
