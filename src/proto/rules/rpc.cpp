// RPC rules: an RPC is identified by its service and name; its signature must not change.
#include "proto/rules/rules.h"

namespace driftcheck::proto {

namespace {

std::string_view strip_dot(std::string_view s) { return !s.empty() && s[0] == '.' ? s.substr(1) : s; }

std::string rpc_label(const Method& m) { return "rpc " + quote(m.full_name); }

}  // namespace

void check_rpc_same_request_type(const CheckContext& ctx, Reporter& r) {
  for_each_method_pair(ctx, [&](const Method& o, const Method& n) {
    if (strip_dot(o.d->input_type()) == strip_dot(n.d->input_type())) return;
    Finding& f = r.report(location_of(n, {2}), &o,
                          rpc_label(n) + " changed its request type from " + quote(strip_dot(o.d->input_type())) +
                              " to " + quote(strip_dot(n.d->input_type())));
    f.hint = "keep the request type; add a new rpc for the new request";
  });
}

void check_rpc_same_response_type(const CheckContext& ctx, Reporter& r) {
  for_each_method_pair(ctx, [&](const Method& o, const Method& n) {
    if (strip_dot(o.d->output_type()) == strip_dot(n.d->output_type())) return;
    Finding& f = r.report(location_of(n, {3}), &o,
                          rpc_label(n) + " changed its response type from " + quote(strip_dot(o.d->output_type())) +
                              " to " + quote(strip_dot(n.d->output_type())));
    f.hint = "keep the response type; add a new rpc for the new response";
  });
}

void check_rpc_same_client_streaming(const CheckContext& ctx, Reporter& r) {
  for_each_method_pair(ctx, [&](const Method& o, const Method& n) {
    if (o.d->client_streaming() == n.d->client_streaming()) return;
    Finding& f = r.report(location_of(n, {5}), &o,
                          rpc_label(n) + (n.d->client_streaming() ? " became client-streaming"
                                                                  : " is no longer client-streaming"));
    f.hint = "keep the streaming mode; add a new rpc with the other mode";
  });
}

void check_rpc_same_server_streaming(const CheckContext& ctx, Reporter& r) {
  for_each_method_pair(ctx, [&](const Method& o, const Method& n) {
    if (o.d->server_streaming() == n.d->server_streaming()) return;
    Finding& f = r.report(location_of(n, {6}), &o,
                          rpc_label(n) + (n.d->server_streaming() ? " became server-streaming"
                                                                  : " is no longer server-streaming"));
    f.hint = "keep the streaming mode; add a new rpc with the other mode";
  });
}

}  // namespace driftcheck::proto
