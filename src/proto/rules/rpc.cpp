// RPC rules: an RPC is identified by its service's full name and its own name; its signature
// (request and response types, streaming on either side) and idempotency level must not change.
#include "proto/descriptor_fields.h"
#include "proto/rules/rules.h"

namespace driftcheck::proto {

namespace {

using namespace fields;

// MethodDescriptorProto fields and MethodOptions.idempotency_level.

std::string_view strip_dot(std::string_view s) { return !s.empty() && s[0] == '.' ? s.substr(1) : s; }

std::string rpc_label(const Method& m) { return "rpc " + quote(m.full_name); }

// REQUEST/RESPONSE type and client/server streaming share their shape; `request` picks the side.
void check_type(const CheckContext& ctx, Reporter& r, bool request) {
  for_each_method_pair(ctx, [&](const Method& o, const Method& n) {
    std::string_view before = strip_dot(request ? o.d->input_type() : o.d->output_type());
    std::string_view after = strip_dot(request ? n.d->input_type() : n.d->output_type());
    if (before == after) return;
    const char* side = request ? "request" : "response";
    Finding& f = r.report(exact_location(n, {request ? kMethodInputType : kMethodOutputType}), &o,
                          rpc_label(n) + " changed its " + side + " type from " + quote(before) + " to " +
                              quote(after) + (request ? ": clients built against the old signature send a message "
                                                        "the server now reads as another type"
                                                      : ": clients built against the old signature read the reply "
                                                        "as the old type"));
    f.hint = std::string("keep the ") + side + " type; add a new rpc for the new " + side;
  });
}

void check_streaming(const CheckContext& ctx, Reporter& r, bool client) {
  for_each_method_pair(ctx, [&](const Method& o, const Method& n) {
    bool before = client ? o.d->client_streaming() : o.d->server_streaming();
    bool after = client ? n.d->client_streaming() : n.d->server_streaming();
    if (before == after) return;
    const char* what = client ? "requests" : "responses";
    Finding& f = r.report(location_of(n), &o,
                          rpc_label(n) + " changed from " + (before ? "streaming" : "unary") + " " + what + " to " +
                              (after ? "streaming" : "unary") + " " + what +
                              ": the call shape differs, so generated stubs no longer match and calls between old "
                              "and new peers fail");
    f.hint = std::string("keep the rpc ") + (before ? "streaming" : "unary") + " on the " +
             (client ? "client" : "server") + " side; add a new rpc with the other shape";
  });
}

}  // namespace

void check_rpc_same_request_type(const CheckContext& ctx, Reporter& r) { check_type(ctx, r, true); }

void check_rpc_same_response_type(const CheckContext& ctx, Reporter& r) { check_type(ctx, r, false); }

void check_rpc_same_client_streaming(const CheckContext& ctx, Reporter& r) { check_streaming(ctx, r, true); }

void check_rpc_same_server_streaming(const CheckContext& ctx, Reporter& r) { check_streaming(ctx, r, false); }

void check_rpc_same_idempotency_level(const CheckContext& ctx, Reporter& r) {
  for_each_method_pair(ctx, [&](const Method& o, const Method& n) {
    auto before = o.d->options().idempotency_level();  // unset reads as IDEMPOTENCY_UNKNOWN
    auto after = n.d->options().idempotency_level();
    if (before == after) return;
    Finding& f = r.report(exact_location(n, {kMethodOptions, kIdempotencyLevel}), &o,
                          rpc_label(n) + " changed its idempotency level from " +
                              gp::MethodOptions::IdempotencyLevel_Name(before) + " to " +
                              gp::MethodOptions::IdempotencyLevel_Name(after) +
                              ": clients and proxies use it to decide whether a call may be retried or sent as an "
                              "HTTP GET, so calls now retry or cache where they must not, or fail where they did not");
    f.hint = before == gp::MethodOptions::IDEMPOTENCY_UNKNOWN
                 ? std::string("remove `option idempotency_level`; the rpc did not set it before")
                 : "keep `option idempotency_level = " + gp::MethodOptions::IdempotencyLevel_Name(before) + ";`";
  });
}

}  // namespace driftcheck::proto
