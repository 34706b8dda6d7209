// The driftcheck command: compare the old and new version of a contract and report breaking
// changes. Exit status: 0 compatible, 1 findings at or above --fail-on, 2 could not check.
#include "cli/cli.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <unistd.h>

#include "cli/git_sides.h"
#include "core/baseline.h"
#include "core/input_error.h"
#include "core/inputs.h"
#include "core/limits.h"
#include "core/rule_docs.h"
#include "cpp/api_json.h"
#include "cpp/run.h"
#include "openapi/run.h"
#include "proto/config.h"
#include "proto/load.h"
#include "proto/registry.h"
#include "report/report.h"

#ifndef DRIFTCHECK_VERSION
#define DRIFTCHECK_VERSION "0.1.0"
#endif

namespace {

using namespace driftcheck;
namespace fs = std::filesystem;

constexpr int kExitOk = 0, kExitBreaking = 1, kExitError = 2;

struct Options {
  std::vector<std::string> inputs;  // OLD NEW, or PATHS in git mode
  std::string against;
  bool staged = false;
  std::string old_input, new_input;
  std::string format = "text";
  std::string fail_on = "error";
  std::string min_level = "warning";
  std::vector<std::string> includes;
  std::vector<std::string> categories, rules, excepts;
  std::string config_version;
  std::string config_file;
  std::string color = "auto";
  std::string output;  // --output: the report goes there, the summary line to stdout
  std::string baseline, write_baseline;
  int deprecation_days_beta = -1, deprecation_days_stable = -1;  // -1: from the configuration
  // C++ headers: clang flags (after `--`), or taken from a compile_commands.json.
  std::vector<std::string> clang_flags;
  std::string compile_commands;
  bool allow_errors = false;
  bool exits_after = false;  // CliRun::exits_after
};

int list_rules(const std::string& domain) {
  for (const RuleDoc& d : rule_docs()) {
    if (!domain.empty() && d.domain != domain) continue;
    std::string cats;
    for (const auto& c : d.categories) cats += (cats.empty() ? "" : ",") + c;
    std::printf("%-48s %-6s %-8s %-30s %s\n", d.id.c_str(), d.domain.c_str(), std::string(to_string(d.severity)).c_str(),
                cats.c_str(), d.summary.c_str());
  }
  return kExitOk;
}

int explain(const std::string& id) {
  const RuleDoc* d = find_rule_doc(id);
  if (!d) {
    std::cerr << "driftcheck: no rule " << id << " (see `driftcheck rules`)\n";
    return kExitError;
  }
  std::string cats;
  for (const auto& c : d->categories) cats += (cats.empty() ? "" : ", ") + c;
  std::string breaks;
  for (const auto& b : breaks_names(d->breaks)) breaks += (breaks.empty() ? "" : ", ") + b;
  std::cout << d->body << "\n\n"
            << "domain: " << d->domain << "    severity: " << to_string(d->severity)
            << "    categories: " << (cats.empty() ? "-" : cats) << "    breaks: " << (breaks.empty() ? "-" : breaks)
            << (d->is_default ? "    (on by default)" : "") << '\n';
  return kExitOk;
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
}

// What one comparison produced, before filtering and reporting.
struct Compared {
  std::vector<Finding> findings;
  std::vector<std::string> files;  // the contract files checked, as findings show them
  std::string old_label, new_label;
  // Kept until the report is written; big protobuf arenas are not freed (see the end of compare).
  std::unique_ptr<proto::Image> old_image, new_image;
  GitSides git;
};

proto::BreakingConfig proto_config(const Options& opt) {
  // Configuration: --config, else driftcheck.yaml or buf.yaml here or at the git root.
  proto::BreakingConfig config;
  if (!opt.config_file.empty()) config = proto::load_breaking_config(opt.config_file);
  else if (auto found = proto::find_config(".")) config = proto::load_breaking_config(*found);
  if (!opt.config_version.empty()) config.version = opt.config_version;
  // Command-line selection overrides the file's.
  if (!opt.categories.empty() || !opt.rules.empty()) {
    config.use = opt.categories;
    config.use.insert(config.use.end(), opt.rules.begin(), opt.rules.end());
    config.except.clear();
    config.policies.clear();
    config.disable_builtin = false;
  }
  if (!opt.excepts.empty()) config.except = opt.excepts;
  return config;
}

void check_proto_selection(const proto::BreakingConfig& config) {
  std::vector<std::string> warnings;
  proto::select_rules(config.selection(), &warnings);  // reject unknown ids before loading anything
  for (const auto& w : warnings) std::cerr << "driftcheck: warning: " << w << '\n';
}

// --config, else driftcheck.yaml or buf.yaml here or at the git root; "" when there is none.
std::string config_file_in_use(const Options& opt) {
  if (!opt.config_file.empty()) return opt.config_file;
  if (auto found = proto::find_config(".")) return found->string();
  return "";
}

// --rule/--category replace a configuration's use and except (exactly these, as for protobuf);
// --except replaces its except. Then every name must be a rule or category of `domain`.
void apply_command_line_selection(const Options& opt, RuleSelection& rules, std::string_view domain) {
  if (!opt.categories.empty() || !opt.rules.empty()) {
    rules.use = opt.categories;
    rules.use.insert(rules.use.end(), opt.rules.begin(), opt.rules.end());
    rules.except.clear();
  }
  if (!opt.excepts.empty()) rules.except = opt.excepts;
  rules.validate(domain);
}

openapi::OpenApiConfig openapi_config(const Options& opt, const std::string& config_file) {
  openapi::OpenApiConfig config = openapi::load_openapi_config(config_file);
  apply_command_line_selection(opt, config, "openapi");
  if (opt.deprecation_days_beta >= 0) config.checks.deprecation_days_beta = opt.deprecation_days_beta;
  if (opt.deprecation_days_stable >= 0) config.checks.deprecation_days_stable = opt.deprecation_days_stable;
  return config;
}

// OLD and NEW are OpenAPI documents when they read as one (a folder is a protobuf import root).
bool is_openapi_input(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".yaml" || ext == ".yml" || ext == ".json") return true;
  if (ext == ".proto") return false;
  std::ifstream in(path, std::ios::binary);
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return openapi::looks_like_openapi(head);
}

Compared compare_openapi_files(const Options& opt) {
  std::string config_file = config_file_in_use(opt);
  openapi::OpenApiConfig config = openapi_config(opt, config_file);
  // Both sides load in parallel: parsing dominates on big specs.
  auto old_future = std::async(std::launch::async, [&] { return openapi::load_spec(opt.old_input, opt.old_input); });
  std::unique_ptr<openapi::Spec> new_spec;
  try {
    new_spec = openapi::load_spec(opt.new_input, opt.new_input);
  } catch (...) {
    try { old_future.get(); } catch (...) {}
    throw;
  }
  std::unique_ptr<openapi::Spec> old_spec = old_future.get();
  Compared c;
  c.findings = openapi::run_configured(*old_spec, *new_spec, config);
  c.files.push_back(opt.new_input);
  c.old_label = opt.old_input;
  c.new_label = opt.new_input;
  return c;
}

Compared compare_proto_files(const Options& opt) {
  proto::BreakingConfig config = proto_config(opt);
  check_proto_selection(config);
  proto::LoadOptions load;
  load.include_dirs = opt.includes;
  // Two versions of one .proto file under different names (`<(git show HEAD~1:api.proto)`
  // against api.proto) are one file: the old one is imported under the new one's name. Whether
  // a pipe holds .proto text shows only once it is read, so then the new side loads first.
  proto::LoadOptions old_load = load;
  std::error_code ec;
  Compared c;
  if (fs::is_fifo(opt.new_input, ec)) {
    c.new_image = proto::load_image(opt.new_input, load);
    old_load.import_as = c.new_image->source_file;
    c.old_image = proto::load_image(opt.old_input, old_load);
  } else {
    if (fs::path(opt.new_input).extension() == ".proto") old_load.import_as = fs::path(opt.new_input).filename().string();
    // Both sides load in parallel: parsing dominates on big descriptor sets.
    auto old_future = std::async(std::launch::async, [&] { return proto::load_image(opt.old_input, old_load); });
    try {
      c.new_image = proto::load_image(opt.new_input, load);
    } catch (...) {
      try { old_future.get(); } catch (...) {}
      throw;
    }
    c.old_image = old_future.get();
  }
  c.findings = proto::run_configured(*c.old_image, *c.new_image, config);
  for (const proto::File& f : c.new_image->files)
    if (!f.is_import) c.files.push_back(f.display_name);
  c.old_label = opt.old_input;
  c.new_label = opt.new_input;
  return c;
}

cpp::ParseOptions cpp_parse_options(const Options& opt, const std::string& near) {
  cpp::ParseOptions parse;
  if (!opt.compile_commands.empty()) parse.flags = cpp::flags_from_compile_commands(opt.compile_commands, near);
  parse.flags.insert(parse.flags.end(), opt.clang_flags.begin(), opt.clang_flags.end());
  parse.allow_errors = opt.allow_errors;
  return parse;
}

// The `cpp:` rule selection of the configuration, as the command line changes it.
RuleSelection cpp_rules(const Options& opt, const std::string& config_file) {
  RuleSelection rules = cpp::load_cpp_rules(config_file);
  apply_command_line_selection(opt, rules, "cpp");
  return rules;
}

Compared compare_cpp_files(const Options& opt) {
  std::string config_file = config_file_in_use(opt);
  RuleSelection rules = cpp_rules(opt, config_file);
  cpp::ParseOptions parse = cpp_parse_options(opt, opt.new_input);
  parse.exclude = load_inputs(config_file, ".").cpp.exclude;
  cpp::Compared found = cpp::compare_headers(opt.old_input, opt.new_input, parse, rules);
  Compared c;
  c.findings = std::move(found.findings);
  c.files = std::move(found.files);
  c.old_label = opt.old_input;
  c.new_label = opt.new_input;
  return c;
}

// `driftcheck dump HEADERS... -o api.json`: the extracted API, to stand in for the old side later.
int dump_api(const Options& opt, const std::vector<std::string>& inputs, const std::string& output) {
  std::vector<std::filesystem::path> headers;
  std::filesystem::path include_root;
  cpp::ParseOptions parse = cpp_parse_options(opt, inputs.front());
  // The same headers a check of these folders reads: inputs.cpp.exclude applies.
  parse.exclude = load_inputs(config_file_in_use(opt), ".").cpp.exclude;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (!std::filesystem::exists(in, ec)) throw InputError(in + ": no such file or folder");
    if (std::filesystem::is_directory(in, ec) && include_root.empty()) include_root = in;
    for (auto& h : cpp::headers_of(in, parse.exclude)) headers.push_back(h);
  }
  cpp::Api api = cpp::extract_api(headers, include_root, parse);
  if (output.empty() || output == "-") {
    cpp::write_api_json(std::cout, api);
    return kExitOk;
  }
  std::ofstream out(output, std::ios::binary);
  cpp::write_api_json(out, api);
  out.close();
  if (!out) throw InputError(output + ": cannot write");
  return kExitOk;
}

// --against / --staged: every protobuf, OpenAPI and configured C++ contract of the repository.
Compared compare_git(const Options& opt) {
  proto::BreakingConfig config = proto_config(opt);
  GitRequest request{opt.against, opt.staged, opt.inputs, config.file, opt.includes, opt.clang_flags, opt.allow_errors};
  Compared c;
  c.git = load_git_sides(request);
  c.old_label = c.git.old_label;
  c.new_label = c.git.new_label;
  if (c.git.new_image) {
    check_proto_selection(config);
    c.findings = proto::run_configured(*c.git.old_image, *c.git.new_image, config);
    for (const proto::File& f : c.git.new_image->files)
      if (!f.is_import) c.files.push_back(f.display_name);
  }
  if (!c.git.openapi.empty()) {
    openapi::OpenApiConfig oas = openapi_config(opt, config.file);
    for (const OpenApiPair& pair : c.git.openapi) {
      std::vector<Finding> found = openapi::run_configured(*pair.old_spec, *pair.new_spec, oas);
      c.findings.insert(c.findings.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
      c.files.push_back(pair.path);
    }
  }
  if (c.git.cpp) {
    const SourceView& new_side = *c.git.new_view;
    std::vector<Finding> found = cpp::run_configured(c.git.cpp->old_api, c.git.cpp->new_api, cpp_rules(opt, config.file),
                                                     [&](const std::string& file) { return new_side.read(file); });
    c.findings.insert(c.findings.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    c.files.insert(c.files.end(), c.git.cpp->new_api.headers.begin(), c.git.cpp->new_api.headers.end());
  }
  if (!c.git.openapi.empty() || c.git.cpp) sort_and_dedupe(c.findings);
  return c;
}

int compare(const Options& opt) {
  Severity fail_on = Severity::error;
  bool never_fail = opt.fail_on == "never";
  if (!never_fail) fail_on = *parse_severity(opt.fail_on);
  Severity min_level = *parse_severity(opt.min_level);

  Compared c;
  if (!opt.against.empty() || opt.staged) {
    c = compare_git(opt);
    if (!c.git.found_contracts) {
      std::cerr << "driftcheck: no contracts (.proto files, OpenAPI documents or configured C++ headers) in "
                << c.new_label << " or " << c.old_label << ": nothing to check\n";
      return kExitOk;
    }
  } else {
    bool old_cpp = cpp::is_cpp_input(opt.old_input), new_cpp = cpp::is_cpp_input(opt.new_input);
    if (old_cpp != new_cpp)
      throw InputError((old_cpp ? opt.old_input : opt.new_input) + " is C++ headers but " +
                       (old_cpp ? opt.new_input : opt.old_input) + " is not: compare two of the same kind");
    bool old_oas = !old_cpp && is_openapi_input(opt.old_input), new_oas = !new_cpp && is_openapi_input(opt.new_input);
    if (old_oas != new_oas)
      throw InputError((old_oas ? opt.old_input : opt.new_input) + " is an OpenAPI document but " +
                       (old_oas ? opt.new_input : opt.old_input) + " is not: compare two of the same kind");
    c = old_cpp ? compare_cpp_files(opt) : old_oas ? compare_openapi_files(opt) : compare_proto_files(opt);
  }

  std::vector<Finding>& all = c.findings;
  if (!opt.write_baseline.empty()) {
    write_baseline(opt.write_baseline, all);
    std::cout << "driftcheck: recorded " << all.size() << " finding" << (all.size() == 1 ? "" : "s") << " in "
              << opt.write_baseline << "; check with --baseline " << opt.write_baseline << '\n';
    return kExitOk;
  }
  size_t in_baseline = opt.baseline.empty() ? 0 : apply_baseline(opt.baseline, all);
  Report report;
  report.in_baseline = in_baseline;
  report.old_input = c.old_label;
  report.new_input = c.new_label;
  report.files = c.files;
  bool failing = false;
  for (Finding& f : all) {
    if (!never_fail && f.severity >= fail_on) failing = true;
    if (f.severity >= min_level) report.findings.push_back(std::move(f));
    else ++report.hidden;
  }
  if (opt.output.empty()) {
    write_report(std::cout, opt.format, report, use_color(opt.color));
  } else {
    write_report_file(opt.output, opt.format, report, opt.color == "always");
    std::cout << summary_line(report) << '\n';
  }
  std::cout.flush();
  if (opt.exits_after) {
    // Freeing two big arenas takes longer than exiting, which follows.
    (void)c.old_image.release();
    (void)c.new_image.release();
    (void)c.git.old_image.release();
    (void)c.git.new_image.release();
  }
  return failing ? kExitBreaking : kExitOk;
}

}  // namespace

namespace driftcheck {

int run_cli(int argc, char** argv, CliRun& run) {
  CLI::App app{
      "driftcheck compares the old and new version of a contract and reports every breaking change.\n\n"
      "  driftcheck OLD NEW              compare two contracts (protobuf, OpenAPI or C++ headers)\n"
      "  driftcheck --against main       compare the working tree's contracts with a git revision\n"
      "  driftcheck --staged             compare what is staged with HEAD (pre-commit)\n"
      "  driftcheck rules                list every rule\n"
      "  driftcheck explain RULE_ID      what a rule catches, why it breaks, how to fix it\n"
      "  driftcheck dump HEADERS -o api.json   save a C++ API to check later changes against\n\n"
      "OLD and NEW are each a FileDescriptorSet (protoc --descriptor_set_out, buf build -o x.binpb),\n"
      "a .proto file, a folder of .proto files (the folder is the import root), or an OpenAPI 3.x /\n"
      "Swagger 2.0 document in YAML or JSON (recognised by its content), or C++ headers: a header\n"
      "(.h .hh .hpp .hxx .h++), a folder of them (the include root), or an api.json from `dump`;\n"
      "clang flags for the headers follow `--`.\n"
      "Exit status: 0 compatible, 1 breaking changes found, 2 could not check.",
      "driftcheck"};
  app.set_version_flag("--version", DRIFTCHECK_VERSION);
  app.footer(
      "Examples:\n"
      "  driftcheck old.binpb new.binpb                  descriptor sets (buf build -o, protoc -o)\n"
      "  driftcheck main/proto proto -I third_party      folders of .proto files\n"
      "  driftcheck old.pb new.pb --category WIRE_JSON   only what breaks binary or JSON clients\n"
      "  driftcheck old.pb new.pb --format json          the documented JSON report\n"
      "  driftcheck old.pb new.pb --format sarif --output driftcheck.sarif   for code scanning\n"
      "  driftcheck api/old.yaml api/openapi.yaml       two OpenAPI documents\n"
      "  driftcheck old.yaml new.yaml --format markdown --min-level info   a changelog by endpoint\n"
      "  driftcheck old/include new/include -- -std=c++17 -DFOO=1   C++ headers (libclang)\n"
      "  driftcheck dump include -o api.json -- -std=c++17         then: driftcheck api.json include\n"
      "  driftcheck explain FIELD_SAME_JSON_NAME\n\n"
      "Configuration: driftcheck.yaml (sections breaking:, openapi:, cpp:, inputs:) or buf.yaml,\n"
      "found in the current folder or at the git root. C++ headers join --against/--staged runs\n"
      "when driftcheck.yaml lists them under inputs: cpp: paths:.\n"
      "Silence one finding with a comment on the element:\n"
      "  // driftcheck:ignore RULE_ID reason                 (in .proto sources)\n"
      "  x-driftcheck-ignore: RULE_ID reason                 (in OpenAPI documents)\n"
      "  // driftcheck:ignore RULE_ID reason                 (in C++ headers)");
  app.require_subcommand(0, 1);
  Options opt;
  opt.exits_after = run.exits_after;

  auto* rules_cmd = app.add_subcommand("rules", "List every rule: id, domain, severity, categories, summary");
  std::string rules_domain;
  rules_cmd->add_option("--domain", rules_domain, "Only rules of this domain (proto, openapi, cpp, core)");
  auto* explain_cmd = app.add_subcommand("explain", "Print a rule's documentation");
  std::string explain_id;
  explain_cmd->add_option("RULE_ID", explain_id, "Rule id, e.g. FIELD_NO_DELETE")->required();
  auto* dump_cmd = app.add_subcommand("dump", "Write the API of C++ headers as JSON (usable as OLD or NEW later)");
  std::vector<std::string> dump_inputs;
  std::string dump_output;
  dump_cmd->add_option("HEADERS", dump_inputs, "Header files or folders of headers")->required();
  dump_cmd->add_option("-o,--output", dump_output, "Where to write the api.json (default: stdout)");
  dump_cmd->add_option("--compile-commands", opt.compile_commands, "Take clang flags from this compile_commands.json");
  dump_cmd->add_flag("--allow-errors", opt.allow_errors, "Dump what parses even when a header has errors");
  dump_cmd->add_option("--config", opt.config_file,
                       "driftcheck.yaml whose inputs.cpp.exclude leaves headers out (default: the one in the "
                       "current folder or at the git root)");

  app.add_option("INPUTS", opt.inputs,
                 "OLD NEW: the old (baseline) and new contract; with --against or --staged: files or "
                 "folders to limit the check to");
  app.add_option("--against", opt.against,
                 "Compare the working tree's contracts with their versions at this git revision "
                 "(branch, tag, commit, HEAD~1)");
  app.add_flag("--staged", opt.staged,
               "Compare what is staged (the git index) with HEAD, or with --against; for pre-commit hooks");
  app.add_option("--format", opt.format, "Report format")
      ->check(CLI::IsMember(report_formats()))
      ->capture_default_str();
  app.add_option("--output", opt.output,
                 "Write the report to this file; stdout then gets only the summary line");
  app.add_option("--fail-on", opt.fail_on, "Exit 1 when a finding has at least this severity")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}))
      ->capture_default_str();
  app.add_option("--min-level", opt.min_level, "Report findings of at least this severity")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
  app.add_option("-I,--include", opt.includes, "Extra import root for .proto inputs (repeatable)");
  app.add_option("--category", opt.categories,
                 "Category to check: for protobuf a buf category, FILE (default), PACKAGE, WIRE_JSON, WIRE, "
                 "CSR; for OpenAPI or C++ one of `driftcheck rules --domain openapi|cpp` (C++: removal, function, "
                 "class, layout, enum, value) (repeatable)")
      ->delimiter(',');
  app.add_option("--rule", opt.rules, "Rule id (or category) to check, instead of the default set (repeatable)")
      ->delimiter(',');
  app.add_option("--except", opt.excepts, "Rule id or category to leave out (repeatable)")->delimiter(',');
  app.add_option("--config", opt.config_file,
                 "driftcheck.yaml or buf.yaml to read (default: driftcheck.yaml, then buf.yaml, in the "
                 "current folder, then at the git root)");
  app.add_option("--config-version", opt.config_version,
                 "buf config version whose rule set and categories apply (default: the config file's, else v2)")
      ->check(CLI::IsMember({"v1beta1", "v1", "v2"}));
  app.add_option("--write-baseline", opt.write_baseline,
                 "Record today's findings in FILE (for adopting driftcheck on a project with known breaks) and exit 0");
  app.add_option("--baseline", opt.baseline,
                 "Report only findings not recorded in FILE (matched by rule, element and message, not by line)");
  app.add_option("--deprecation-days-beta", opt.deprecation_days_beta,
                 "OpenAPI: minimum days between deprecating a beta operation and its x-sunset date")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--deprecation-days-stable", opt.deprecation_days_stable,
                 "OpenAPI: minimum days between deprecating a stable operation and its x-sunset date")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--compile-commands", opt.compile_commands,
                 "C++: take clang flags (-I, -D, -std...) from this compile_commands.json");
  app.add_flag("--allow-errors", opt.allow_errors, "C++: check what parses even when a header has errors");
  std::vector<std::string> limit_args;
  app.add_option("--limit", limit_args,
                 "Raise a limit that bounds hostile input, e.g. --limit file-size=2G (repeatable). Limits and "
                 "defaults:\n" + limits_help())
      ->type_name("NAME=N");
  app.add_option("--color", opt.color, "Colour in text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();

  // Everything after `--` is for clang, not for us.
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]) == "--") {
      opt.clang_flags.assign(argv + i + 1, argv + argc);
      argc = i;
      break;
    }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "driftcheck: " << e.what() << " (see driftcheck --help)\n";
    return kExitError;
  }

  try {
    reset_limits();
    for (const std::string& a : limit_args) set_limit(a);
    if (rules_cmd->parsed()) return list_rules(rules_domain);
    if (explain_cmd->parsed()) return explain(explain_id);
    if (dump_cmd->parsed()) return dump_api(opt, dump_inputs, dump_output);
    bool git_mode = !opt.against.empty() || opt.staged;
    if (!git_mode) {
      if (opt.inputs.size() != 2) {
        std::cerr << "driftcheck: give OLD and NEW, or --against REF / --staged (see driftcheck --help)\n";
        return kExitError;
      }
      opt.old_input = opt.inputs[0];
      opt.new_input = opt.inputs[1];
    }
    return compare(opt);
  } catch (const InputError& e) {
    std::cerr << "driftcheck: error: " << e.what() << '\n';
    return kExitError;
  } catch (const std::exception& e) {
    std::cerr << "driftcheck: internal error: " << e.what() << '\n';
    run.internal_error = true;
    return kExitError;
  }
}

}  // namespace driftcheck
