// JUnit XML, as CI servers (GitLab, Jenkins, Azure, CircleCI) read test results: one testsuite,
// one testcase per contract file, one <failure> per finding in that file.
#include <map>
#include <ostream>

#include "report/report.h"

namespace driftcheck {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at s[i] that encodes an XML 1.0 Char, or 0.
size_t valid_utf8_char(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = at(i);
  size_t len;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
  else return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((at(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (at(i + k) & 0x3F);
  }
  bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  if (overlong || surrogate || cp > 0x10FFFF || cp == 0xFFFE || cp == 0xFFFF) return 0;
  return len;
}

// Escapes text for XML 1.0 content or a double-quoted attribute value. XML 1.0 cannot carry most
// control characters even as references, nor invalid UTF-8: those become U+FFFD. In attributes,
// tab, newline and carriage return are written as references so attribute normalisation keeps
// them; in content only the carriage return is.
std::string xml_escape(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t len = valid_utf8_char(s, i);
      if (len == 0) {
        out += kReplacement;
        ++i;
      } else {
        out.append(s, i, len);
        i += len;
      }
      continue;
    }
    ++i;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\r': out += "&#13;"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default:
        if (c < 0x20) out += kReplacement;
        else out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

struct TestCase {
  std::string name;
  std::vector<const Finding*> findings;
};

}  // namespace

void write_junit(std::ostream& out, const Report& report) {
  // A testcase per contract file checked, then one per file (or, for a finding with no location
  // in the new contract, per element path: a deleted file or package) seen only in findings.
  std::vector<TestCase> cases;
  std::map<std::string, size_t> by_name;
  auto testcase = [&](const std::string& name) -> TestCase& {
    auto [it, added] = by_name.emplace(name, cases.size());
    if (added) cases.push_back({name, {}});
    return cases[it->second];
  };
  for (const std::string& file : report.files) testcase(file);
  for (const Finding& f : report.findings)
    testcase(f.location.has_file() ? f.location.file : f.path).findings.push_back(&f);

  size_t failing = 0;
  for (const TestCase& c : cases) failing += !c.findings.empty();
  const std::string counts = "tests=\"" + std::to_string(cases.size()) + "\" failures=\"" +
                             std::to_string(failing) + "\" errors=\"0\"";

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"driftcheck\" " << counts << ">\n";
  out << "  <testsuite name=\"driftcheck\" " << counts << " skipped=\"0\">\n";
  out << "    <properties>\n"
      << "      <property name=\"old\" value=\"" << xml_escape(report.old_input, true) << "\"/>\n"
      << "      <property name=\"new\" value=\"" << xml_escape(report.new_input, true) << "\"/>\n"
      << "    </properties>\n";
  for (const TestCase& c : cases) {
    out << "    <testcase classname=\"driftcheck\" name=\"" << xml_escape(c.name, true) << '"';
    if (c.findings.empty()) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    for (const Finding* f : c.findings) {
      std::string body = c.name;
      if (f->location.has_file())
        body += ':' + std::to_string(f->location.line) + ':' + std::to_string(f->location.column);
      body += ": " + headline(*f);
      if (!f->hint.empty()) body += "\nhint: " + f->hint;
      out << "      <failure message=\"" << xml_escape(headline(*f), true) << "\" type=\""
          << xml_escape(f->rule, true) << "\">" << xml_escape(body, false) << "</failure>\n";
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace driftcheck
