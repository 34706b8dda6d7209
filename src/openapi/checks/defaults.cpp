// `default` values of request and response bodies and properties (docs/dev/oasdiff-check-semantics.md
// §2.5, §2.6). All informational: a default documents behaviour, it does not change what is valid.
#include "openapi/checks/checks.h"
#include "openapi/checks/schema_walk.h"

namespace driftcheck::openapi {

namespace {

// A value as messages show it: strings without their quotes.
std::string shown(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

void default_value_check(const CheckContext& ctx, Reporter& r, Direction dir) {
  const char* side = dir == Direction::request ? "request" : "response";
  walk_schemas(ctx, dir, [&](const SchemaNode& n) {
    auto o = n.old_schema.node->find("default");
    auto nw = n.new_schema.node->find("default");
    bool had = o != n.old_schema.node->end(), has = nw != n.new_schema.node->end();
    if (!had && !has) return;
    if (had && has && *o == *nw) return;
    std::string id = std::string(side) + (n.root() ? "-body-" : "-property-") + "default-value-" +
                     (!had ? "added" : !has ? "removed" : "changed");
    std::string subject = n.root() ? std::string("the ") + side + " body" : std::string(side) + " property `" + n.path + "`";
    subject += " (" + n.media_type + (n.status.empty() ? "" : ", `" + n.status + "` response") + ")";
    std::string msg = !had   ? "default value `" + shown(*nw) + "` was added to " + subject
                      : !has ? "default value `" + shown(*o) + "` was removed from " + subject
                             : "the default value of " + subject + " changed from `" + shown(*o) + "` to `" + shown(*nw) + "`";
    r.report(id, n.location(ctx), n.operation, msg);
  });
}

}  // namespace

void request_property_default_value_changed_check(const CheckContext& ctx, Reporter& r) {
  default_value_check(ctx, r, Direction::request);
}
void response_property_default_value_changed_check(const CheckContext& ctx, Reporter& r) {
  default_value_check(ctx, r, Direction::response);
}

}  // namespace driftcheck::openapi
