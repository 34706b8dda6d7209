// The report formats (SARIF, JUnit, GitHub, GitLab, Markdown), each parsed back: in-process on
// hand-made findings (escaping, locations, no-file findings), and end to end on a fixture pair.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <tinyxml2.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/rule_docs.h"
#include "report/report.h"
#include "support.h"

using driftcheck::Finding;
using driftcheck::Location;
using driftcheck::Report;
using driftcheck::Severity;
using nlohmann::json;

namespace {

// Everything a writer must escape, in one message.
const std::string kNasty = "a <b> & \"c\" 'd' 100% done, key: value\nsecond line";

Finding make(std::string rule, Severity severity, std::string path, Location loc, std::string message,
             std::string hint = "") {
  Finding f;
  f.rule = std::move(rule);
  f.severity = severity;
  f.domain = "proto";
  f.path = std::move(path);
  f.location = std::move(loc);
  f.message = std::move(message);
  f.hint = std::move(hint);
  f.breaks = driftcheck::breaks_wire | driftcheck::breaks_json;
  return f;
}

// Sorted as the CLI sorts: the no-file finding first.
Report sample_report() {
  Report r;
  r.old_input = "old.pb";
  r.new_input = "new.pb";
  r.files = {"api.proto", "dir/a b,c:d.proto", "untouched.proto"};
  r.findings = {
      make("FILE_NO_DELETE", Severity::error, "gone.proto", {}, "file `gone.proto` was deleted", "keep the file"),
      make("FIELD_SAME_NAME", Severity::error, "acme.v1.Req.max_tokens", {"api.proto", 4, 9, 4, 23},
           "field 3 `max_tokens` of message `acme.v1.Req` was renamed to `max_new_tokens`", "keep the old name"),
      make("FIELD_SAME_TYPE", Severity::warning, "acme.v1.Req.temperature", {"api.proto", 6, 3, 6, 8}, kNasty,
           "hint with " + kNasty),
      make("MESSAGE_NO_DELETE", Severity::info, "acme.v1.Old", {"dir/a b,c:d.proto", 10, 1, 12, 2}, kNasty),
  };
  r.hidden = 2;
  return r;
}

template <typename Writer>
std::string render(Writer write, const Report& r) {
  std::ostringstream out;
  write(out, r);
  return out.str();
}

const char* const kFixture = "fixtures/proto/inference-api/old.pb fixtures/proto/inference-api/new.pb";

// The reference for the end-to-end checks: the JSON report of the same run.
json fixture_findings() {
  auto r = test::run_driftcheck(std::string(kFixture) + " --format json");
  REQUIRE(r.exit_code == 1);
  json findings = json::parse(r.out)["findings"];
  REQUIRE(findings.size() == 6);
  return findings;
}

// ---- GitHub workflow commands ------------------------------------------------------------------

struct Annotation {
  std::string command;
  std::map<std::string, std::string> props;
  std::string message;
};

std::string github_unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      std::string code = s.substr(i, 3);
      if (code == "%25") out += '%';
      else if (code == "%0D") out += '\r';
      else if (code == "%0A") out += '\n';
      else if (code == "%3A") out += ':';
      else if (code == "%2C") out += ',';
      else FAIL("unknown escape " << code);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Splits GitHub output into annotations and the plain lines after them; every line must be one
// or the other, and no raw newline may hide inside an annotation.
std::vector<Annotation> parse_github(const std::string& text, std::vector<std::string>* plain) {
  static const std::regex command(R"(^::(error|warning|notice) ([^:]*)::(.*)$)");
  static const std::regex prop(R"(^([A-Za-z]+)=([^,:\r\n]*)$)");
  std::vector<Annotation> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, command)) {
      CHECK_FALSE(line.starts_with("::"));
      plain->push_back(line);
      continue;
    }
    CHECK(plain->empty());  // the summary comes last
    Annotation a{m[1], {}, github_unescape(m[3])};
    CHECK(m[3].str().find('\r') == std::string::npos);
    std::string props = m[2];
    size_t start = 0;
    while (start <= props.size()) {
      size_t comma = props.find(',', start);
      std::string kv = props.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      std::smatch pm;
      REQUIRE(std::regex_match(kv, pm, prop));
      CHECK(a.props.emplace(pm[1], github_unescape(pm[2])).second);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    out.push_back(std::move(a));
  }
  return out;
}

// ---- Markdown -----------------------------------------------------------------------------------

struct MarkdownReport {
  std::map<std::string, int> table;  // severity -> count
  std::vector<std::string> headings;
  std::vector<std::pair<std::string, std::string>> bullets;  // rule, rest of the line
  int details = 0;
  bool no_breaking_changes = false;
};

MarkdownReport parse_markdown(const std::string& text) {
  static const std::regex row(R"(^\| (error|warning|info) \| (\d+) \|$)");
  static const std::regex heading(R"(^### `(.*)`$)");
  static const std::regex bullet(R"(^- \*\*([A-Z0-9_]+)\*\*(.*)$)");
  MarkdownReport md;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, row)) md.table[m[1]] = std::stoi(m[2]);
    else if (std::regex_match(line, m, heading)) md.headings.push_back(m[1]);
    else if (std::regex_match(line, m, bullet)) md.bullets.emplace_back(m[1], m[2]);
    else if (line == "  <details><summary>hint</summary>") ++md.details;
    else if (line == "No breaking changes.") md.no_breaking_changes = true;
  }
  return md;
}

// Undoes the writer's inline escaping outside code spans: backslash escapes and <br>.
std::string markdown_unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 4, "<br>") == 0) {
      out += '\n';
      i += 3;
    } else if (s[i] == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
      out += s[++i];
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

TEST_CASE("fingerprints ignore locations and tell findings apart", "[report]") {
  Report r = sample_report();
  const Finding& f = r.findings[1];
  std::string fp = driftcheck::fingerprint(f);
  CHECK(std::regex_match(fp, std::regex("[0-9a-f]{16}")));
  Finding moved = f;
  moved.location = {"api.proto", 40, 1, 40, 20};
  moved.old_location = Location{"api.proto", 3, 1, 3, 2};
  CHECK(driftcheck::fingerprint(moved) == fp);
  for (auto change : {+[](Finding& g) { g.rule = "FIELD_SAME_JSON_NAME"; }, +[](Finding& g) { g.path += "x"; },
                      +[](Finding& g) { g.message += "."; }, +[](Finding& g) { g.domain = "cpp"; }}) {
    Finding other = f;
    change(other);
    CHECK(driftcheck::fingerprint(other) != fp);
  }
  // Field boundaries count: moving a character from one field to the next changes the hash.
  Finding a = f, b = f;
  a.rule = "AB", a.domain = "C";
  b.rule = "A", b.domain = "BC";
  CHECK(driftcheck::fingerprint(a) != driftcheck::fingerprint(b));
  // The same finding twice in one report (e.g. at two locations) still gets two fingerprints.
  std::vector<Finding> twice = {f, moved};
  auto fps = driftcheck::unique_fingerprints(twice);
  CHECK(fps[0] == fp);
  CHECK(fps[1] != fp);
  CHECK(fps[1].size() == 16);
}

TEST_CASE("SARIF: required fields, rules, locations and escaping", "[report][sarif]") {
  Report r = sample_report();
  json doc = json::parse(render(driftcheck::write_sarif, r));
  CHECK(doc["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(doc["version"] == "2.1.0");
  REQUIRE(doc["runs"].size() == 1);
  const json& run = doc["runs"][0];
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "driftcheck");
  CHECK(driver["version"].is_string());

  // Rules: exactly the ones with results, each documented from its rule doc.
  std::set<std::string> expected_rules;
  for (const Finding& f : r.findings) expected_rules.insert(f.rule);
  std::set<std::string> rule_ids;
  for (const json& rule : driver["rules"]) {
    rule_ids.insert(rule["id"].get<std::string>());
    const driftcheck::RuleDoc* d = driftcheck::find_rule_doc(rule["id"].get<std::string>());
    REQUIRE(d != nullptr);
    CHECK(rule["shortDescription"]["text"] == d->summary);
    CHECK_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
    CHECK_THAT(d->body, Catch::Contains(rule["help"]["markdown"].get<std::string>()));
    CHECK(rule["defaultConfiguration"]["level"] == "error");
  }
  CHECK(rule_ids == expected_rules);

  const json& results = run["results"];
  REQUIRE(results.size() == r.findings.size());
  std::set<std::string> fingerprints;
  for (size_t i = 0; i < results.size(); ++i) {
    const json& res = results[i];
    const Finding& f = r.findings[i];
    INFO("result " << i << ": " << f.rule);
    CHECK(res["ruleId"] == f.rule);
    CHECK(driver["rules"][res["ruleIndex"].get<size_t>()]["id"] == f.rule);
    std::string text = f.message + (f.hint.empty() ? "" : "\nhint: " + f.hint);
    CHECK(res["message"]["text"] == text);
    const char* level = f.severity == Severity::error ? "error" : f.severity == Severity::warning ? "warning" : "note";
    CHECK(res["level"] == level);
    CHECK(res["partialFingerprints"]["driftcheck/v1"] == driftcheck::fingerprint(f));
    fingerprints.insert(res["partialFingerprints"]["driftcheck/v1"].get<std::string>());
    REQUIRE(res["locations"].size() == 1);
    const json& loc = res["locations"][0];
    CHECK(loc["logicalLocations"][0]["fullyQualifiedName"] == f.path);
    if (!f.location.has_file()) {
      CHECK_FALSE(loc.contains("physicalLocation"));
      continue;
    }
    const json& region = loc["physicalLocation"]["region"];
    CHECK(region["startLine"] == f.location.line);
    CHECK(region["startColumn"] == f.location.column);
    CHECK(region["endLine"] == f.location.end_line);
    CHECK(region["endColumn"] == f.location.end_column);
  }
  CHECK(fingerprints.size() == results.size());
  // Relative paths are URI references: the space, comma and colon are percent-encoded.
  CHECK(results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "api.proto");
  CHECK(results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dir/a%20b%2Cc%3Ad.proto");
}

TEST_CASE("SARIF: an empty report is still a valid log", "[report][sarif]") {
  Report r;
  r.old_input = "old.pb";
  r.new_input = "new.pb";
  json doc = json::parse(render(driftcheck::write_sarif, r));
  CHECK(doc["version"] == "2.1.0");
  CHECK(doc["runs"][0]["results"].empty());
  CHECK(doc["runs"][0]["tool"]["driver"]["rules"].empty());
}

TEST_CASE("SARIF: invalid UTF-8 in a message is replaced, not fatal", "[report][sarif]") {
  Report r = sample_report();
  r.findings[1].message = "default changed from \"\xff\xfe\" to \"ok\"";
  json doc = json::parse(render(driftcheck::write_sarif, r));
  CHECK(doc["runs"][0]["results"][1]["message"]["text"].get<std::string>().starts_with("default changed from \"\xEF\xBF\xBD"));
}

TEST_CASE("JUnit: a testcase per file, a failure per finding, XML escaping", "[report][junit]") {
  Report r = sample_report();
  r.findings[3].message += std::string("\x01 and \r end");  // a control character and a CR
  std::string xml = render(driftcheck::write_junit, r);
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(xml.c_str(), xml.size()) == tinyxml2::XML_SUCCESS);
  tinyxml2::XMLElement* suites = doc.FirstChildElement("testsuites");
  REQUIRE(suites);
  tinyxml2::XMLElement* suite = suites->FirstChildElement("testsuite");
  REQUIRE(suite);
  CHECK(suite->NextSiblingElement("testsuite") == nullptr);
  CHECK(std::string(suite->Attribute("name")) == "driftcheck");

  std::map<std::string, std::vector<tinyxml2::XMLElement*>> failures;  // testcase name -> failures
  std::vector<std::string> order;
  for (auto* tc = suite->FirstChildElement("testcase"); tc; tc = tc->NextSiblingElement("testcase")) {
    CHECK(std::string(tc->Attribute("classname")) == "driftcheck");
    std::string name = tc->Attribute("name");
    order.push_back(name);
    auto& list = failures[name];
    for (auto* f = tc->FirstChildElement("failure"); f; f = f->NextSiblingElement("failure")) list.push_back(f);
  }
  // The files checked, in order, then the deleted file named by its path.
  CHECK(order == std::vector<std::string>{"api.proto", "dir/a b,c:d.proto", "untouched.proto", "gone.proto"});
  CHECK(suite->IntAttribute("tests") == 4);
  CHECK(suite->IntAttribute("failures") == 3);  // testcases with at least one failure
  CHECK(suites->IntAttribute("tests") == 4);
  CHECK(suites->IntAttribute("failures") == 3);
  CHECK(failures["api.proto"].size() == 2);
  CHECK(failures["dir/a b,c:d.proto"].size() == 1);
  CHECK(failures["untouched.proto"].empty());
  CHECK(failures["gone.proto"].size() == 1);

  auto* renamed = failures["api.proto"][0];
  CHECK(std::string(renamed->Attribute("type")) == "FIELD_SAME_NAME");
  CHECK(std::string(renamed->Attribute("message")) == r.findings[1].message);
  CHECK(std::string(renamed->GetText()) == "api.proto:4:9: " + r.findings[1].message + "\nhint: keep the old name");

  // Every special character survives the round trip, in attributes and in text.
  auto* nasty = failures["api.proto"][1];
  CHECK(std::string(nasty->Attribute("message")) == kNasty);
  CHECK(std::string(nasty->GetText()) == "api.proto:6:3: " + kNasty + "\nhint: hint with " + kNasty);
  // Control characters XML cannot carry become U+FFFD; the carriage return survives as a reference.
  auto* control = failures["dir/a b,c:d.proto"][0];
  CHECK(std::string(control->Attribute("message")) == kNasty + "\xEF\xBF\xBD and \r end");
  CHECK(std::string(control->GetText()) == "dir/a b,c:d.proto:10:1: " + kNasty + "\xEF\xBF\xBD and \r end");

  auto* deleted = failures["gone.proto"][0];
  CHECK(std::string(deleted->Attribute("type")) == "FILE_NO_DELETE");
  CHECK(std::string(deleted->GetText()) == "gone.proto: file `gone.proto` was deleted\nhint: keep the file");
}

TEST_CASE("JUnit: invalid UTF-8 does not make the document ill-formed", "[report][junit]") {
  Report r = sample_report();
  r.findings[1].message = "bad \xC3\x28 and \xED\xA0\x80 and fine \xC3\xA9";
  std::string xml = render(driftcheck::write_junit, r);
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(xml.c_str(), xml.size()) == tinyxml2::XML_SUCCESS);
  auto* failure = doc.FirstChildElement("testsuites")->FirstChildElement("testsuite")->FirstChildElement("testcase")
                      ->FirstChildElement("failure");
  REQUIRE(failure);
  CHECK(std::string(failure->Attribute("message")) ==
        "bad \xEF\xBF\xBD( and \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD and fine \xC3\xA9");
}

TEST_CASE("GitHub: one annotation per finding, escaped, then the summary", "[report][github]") {
  Report r = sample_report();
  std::vector<std::string> plain;
  auto annotations = parse_github(render(driftcheck::write_github, r), &plain);
  REQUIRE(annotations.size() == r.findings.size());
  CHECK(plain == std::vector<std::string>{driftcheck::summary_line(r)});

  // No file: no location properties.
  CHECK(annotations[0].command == "error");
  CHECK(annotations[0].props == std::map<std::string, std::string>{{"title", "FILE_NO_DELETE"}});
  CHECK(annotations[0].message == "file `gone.proto` was deleted\nhint: keep the file");

  // A one-line span: columns, GitHub's end column inclusive.
  CHECK(annotations[1].props == std::map<std::string, std::string>{{"file", "api.proto"},
                                                                   {"line", "4"},
                                                                   {"col", "9"},
                                                                   {"endLine", "4"},
                                                                   {"endColumn", "22"},
                                                                   {"title", "FIELD_SAME_NAME"}});
  CHECK(annotations[2].command == "warning");
  CHECK(annotations[2].message == kNasty + "\nhint: hint with " + kNasty);

  // A multi-line span: lines only (GitHub drops columns across lines); the path's `,` and `:` escaped.
  CHECK(annotations[3].command == "notice");
  CHECK(annotations[3].props == std::map<std::string, std::string>{{"file", "dir/a b,c:d.proto"},
                                                                   {"line", "10"},
                                                                   {"endLine", "12"},
                                                                   {"title", "MESSAGE_NO_DELETE"}});
  CHECK(annotations[3].message == kNasty);
}

TEST_CASE("GitLab: Code Quality issues with stable, unique fingerprints", "[report][gitlab]") {
  Report r = sample_report();
  r.findings.push_back(r.findings[1]);  // the same finding again, elsewhere
  r.findings.back().location = {"api.proto", 30, 1, 30, 5};
  json issues = json::parse(render(driftcheck::write_gitlab, r));
  REQUIRE(issues.is_array());
  REQUIRE(issues.size() == r.findings.size());
  std::set<std::string> fingerprints;
  for (size_t i = 0; i < issues.size(); ++i) {
    const json& issue = issues[i];
    const Finding& f = r.findings[i];
    INFO("issue " << i);
    CHECK(issue["description"] == f.message);
    CHECK(issue["check_name"] == f.rule);
    const char* severity = f.severity == Severity::error ? "critical" : f.severity == Severity::warning ? "major" : "info";
    CHECK(issue["severity"] == severity);
    std::string fp = issue["fingerprint"];
    CHECK(std::regex_match(fp, std::regex("[0-9a-f]{16}")));
    fingerprints.insert(fp);
    CHECK(issue["location"]["path"] == (f.location.has_file() ? f.location.file : f.path));
    CHECK(issue["location"]["lines"]["begin"] == (f.location.has_file() ? f.location.line : 1));
    CHECK(issue["location"]["lines"]["end"] == (f.location.has_file() ? f.location.end_line : 1));
  }
  CHECK(fingerprints.size() == issues.size());
  CHECK(issues[1]["fingerprint"] == driftcheck::fingerprint(r.findings[1]));
  CHECK(issues[2]["content"]["body"] == "hint: hint with " + kNasty);
  CHECK_FALSE(issues[3].contains("content"));
  CHECK(json::parse(render(driftcheck::write_gitlab, Report{})) == json::array());
}

TEST_CASE("Markdown: title, counts table, findings grouped by file", "[report][markdown]") {
  Report r = sample_report();
  std::string text = render(driftcheck::write_markdown, r);
  CHECK(text.starts_with("## driftcheck\n"));
  MarkdownReport md = parse_markdown(text);
  CHECK(md.table == std::map<std::string, int>{{"error", 2}, {"warning", 1}, {"info", 1}});
  CHECK(md.headings == std::vector<std::string>{"gone.proto", "api.proto", "dir/a b,c:d.proto"});
  REQUIRE(md.bullets.size() == 4);
  CHECK(md.details == 3);
  CHECK_FALSE(md.no_breaking_changes);
  CHECK(md.bullets[0] == std::pair<std::string, std::string>{"FILE_NO_DELETE", ": file `gone.proto` was deleted"});
  CHECK(md.bullets[1].second == " (line 4): " + r.findings[1].message);
  // Markdown-active characters are escaped and the line break is a <br>: one bullet, one line,
  // and unescaping gives the message back.
  CHECK(md.bullets[2].first == "FIELD_SAME_TYPE");
  const std::string prefix = " (line 6, warning): ";
  REQUIRE(md.bullets[2].second.starts_with(prefix));
  std::string escaped = md.bullets[2].second.substr(prefix.size());
  for (size_t i = escaped.find('<'); i != std::string::npos; i = escaped.find('<', i + 1))
    CHECK((escaped.compare(i, 4, "<br>") == 0 || (i > 0 && escaped[i - 1] == '\\')));  // no raw HTML
  CHECK(markdown_unescape(escaped) == kNasty);
  CHECK(md.bullets[3].second.starts_with(" (line 10, info): "));
  CHECK_THAT(text, Catch::Contains("_2 findings below --min-level not shown._"));
}

TEST_CASE("Markdown: no findings says so", "[report][markdown]") {
  Report r;
  r.old_input = "old.pb";
  r.new_input = "new.pb";
  r.files = {"api.proto"};
  MarkdownReport md = parse_markdown(render(driftcheck::write_markdown, r));
  CHECK(md.no_breaking_changes);
  CHECK(md.bullets.empty());
  CHECK(md.table.empty());
}

TEST_CASE("Markdown: code spans in messages are kept, stray backticks escaped", "[report][markdown]") {
  Report r = sample_report();
  r.findings.resize(2);
  r.findings[1].message = "type `map<string, int32>` changed; a `stray one";
  MarkdownReport md = parse_markdown(render(driftcheck::write_markdown, r));
  REQUIRE(md.bullets.size() == 2);
  CHECK(md.bullets[1].second == " (line 4): type `map<string, int32>` changed; a \\`stray one");
}

TEST_CASE("every format, end to end on the inference-api fixture", "[report][cli]") {
  json expected = fixture_findings();
  auto run = [](const std::string& format) {
    auto r = test::run_driftcheck(std::string(kFixture) + " --format " + format);
    CHECK(r.exit_code == 1);
    CHECK(r.err.empty());
    return r.out;
  };

  SECTION("sarif") {
    json doc = json::parse(run("sarif"));
    CHECK(doc["version"] == "2.1.0");
    const json& run0 = doc["runs"][0];
    CHECK(run0["tool"]["driver"]["name"] == "driftcheck");
    std::set<std::string> rules;
    for (const json& rule : run0["tool"]["driver"]["rules"]) rules.insert(rule["id"].get<std::string>());
    const json& results = run0["results"];
    REQUIRE(results.size() == expected.size());
    for (size_t i = 0; i < results.size(); ++i) {
      const json& res = results[i];
      const json& want = expected[i];
      CHECK(rules.count(res["ruleId"].get<std::string>()) == 1);
      CHECK(res["ruleId"] == want["rule"]);
      CHECK(res["message"]["text"] == want["message"].get<std::string>() + "\nhint: " + want["hint"].get<std::string>());
      const json& phys = res["locations"][0]["physicalLocation"];
      CHECK(phys["artifactLocation"]["uri"] == want["file"]);
      CHECK(phys["region"]["startLine"] == want["line"]);
      CHECK(phys["region"]["startColumn"] == want["column"]);
      CHECK(phys["region"]["endLine"] == want["end_line"]);
      CHECK(phys["region"]["endColumn"] == want["end_column"]);
    }
  }
  SECTION("junit") {
    std::string xml = run("junit");
    tinyxml2::XMLDocument doc;
    REQUIRE(doc.Parse(xml.c_str(), xml.size()) == tinyxml2::XML_SUCCESS);
    auto* suite = doc.FirstChildElement("testsuites")->FirstChildElement("testsuite");
    REQUIRE(suite);
    auto* tc = suite->FirstChildElement("testcase");
    REQUIRE(tc);
    CHECK(std::string(tc->Attribute("name")) == "inference.proto");
    CHECK(tc->NextSiblingElement("testcase") == nullptr);
    size_t i = 0;
    for (auto* f = tc->FirstChildElement("failure"); f; f = f->NextSiblingElement("failure"), ++i) {
      REQUIRE(i < expected.size());
      CHECK(f->Attribute("type") == expected[i]["rule"].get<std::string>());
      CHECK(f->Attribute("message") == expected[i]["message"].get<std::string>());
    }
    CHECK(i == expected.size());
    CHECK(suite->IntAttribute("tests") == 1);
    CHECK(suite->IntAttribute("failures") == 1);
  }
  SECTION("github") {
    std::vector<std::string> plain;
    auto annotations = parse_github(run("github"), &plain);
    REQUIRE(annotations.size() == expected.size());
    CHECK(plain == std::vector<std::string>{"driftcheck: 6 errors, 0 warnings, 0 info"});
    for (size_t i = 0; i < annotations.size(); ++i) {
      CHECK(annotations[i].command == "error");
      CHECK(annotations[i].props["title"] == expected[i]["rule"]);
      CHECK(annotations[i].props["file"] == expected[i]["file"]);
      CHECK(annotations[i].props["line"] == std::to_string(expected[i]["line"].get<int>()));
    }
  }
  SECTION("gitlab") {
    json issues = json::parse(run("gitlab"));
    REQUIRE(issues.size() == expected.size());
    std::set<std::string> fingerprints;
    for (size_t i = 0; i < issues.size(); ++i) {
      CHECK(issues[i]["check_name"] == expected[i]["rule"]);
      CHECK(issues[i]["severity"] == "critical");
      CHECK(issues[i]["location"]["path"] == expected[i]["file"]);
      CHECK(issues[i]["location"]["lines"]["begin"] == expected[i]["line"]);
      fingerprints.insert(issues[i]["fingerprint"].get<std::string>());
    }
    CHECK(fingerprints.size() == issues.size());
  }
  SECTION("markdown") {
    MarkdownReport md = parse_markdown(run("markdown"));
    CHECK(md.table == std::map<std::string, int>{{"error", 6}, {"warning", 0}, {"info", 0}});
    CHECK(md.headings == std::vector<std::string>{"inference.proto"});
    REQUIRE(md.bullets.size() == expected.size());
    for (size_t i = 0; i < md.bullets.size(); ++i) {
      CHECK(md.bullets[i].first == expected[i]["rule"]);
      CHECK(md.bullets[i].second.starts_with(" (line " + std::to_string(expected[i]["line"].get<int>()) + "): "));
    }
    CHECK(md.details == 6);
  }
}

TEST_CASE("output option writes the report to a file and the summary to stdout", "[report][cli]") {
  test::TempDir dir;
  auto path = dir.path / "driftcheck.sarif";
  auto r = test::run_driftcheck(std::string(kFixture) + " --format sarif --output '" + path.string() + "'");
  CHECK(r.exit_code == 1);
  CHECK(r.out == "driftcheck: 6 errors, 0 warnings, 0 info\n");
  json doc = json::parse(test::slurp(path));
  CHECK(doc["runs"][0]["results"].size() == 6);

  // Text into a file: the same as on stdout, never coloured by default.
  auto text_path = dir.path / "report.txt";
  r = test::run_driftcheck(std::string(kFixture) + " --output '" + text_path.string() + "'");
  CHECK(r.exit_code == 1);
  CHECK(test::slurp(text_path) == test::slurp(test::source_dir / "fixtures/proto/inference-api/expected.txt"));
}

TEST_CASE("output option to an unwritable place is an error, exit 2", "[report][cli]") {
  test::TempDir dir;
  auto r = test::run_driftcheck(std::string(kFixture) + " --format junit --output '" +
                                (dir.path / "no/such/folder/report.xml").string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::StartsWith("driftcheck: error: cannot write "));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("an unknown format is a usage error", "[report][cli]") {
  auto r = test::run_driftcheck(std::string(kFixture) + " --format yaml");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--format"));
}
