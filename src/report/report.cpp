// What every format shares: the list of formats, dispatch by name, writing to a file, and the
// per-report fingerprints.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <stdexcept>

#include "core/input_error.h"
#include "report/report.h"

namespace driftcheck {

std::vector<std::string> unique_fingerprints(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  out.reserve(findings.size());
  std::map<std::string, int> seen;
  for (const Finding& f : findings) {
    std::string fp = fingerprint(f);
    int repeat = seen[fp]++;
    if (repeat > 0) {
      Finding again = f;
      again.message += "\n#" + std::to_string(repeat);
      fp = fingerprint(again);
    }
    out.push_back(std::move(fp));
  }
  return out;
}

const std::vector<std::string>& report_formats() {
  static const std::vector<std::string> formats = {"text", "json", "sarif", "junit", "github", "gitlab", "markdown"};
  return formats;
}

void write_report(std::ostream& out, std::string_view format, const Report& report, bool color) {
  if (format == "text") write_text(out, report, color);
  else if (format == "json") write_json(out, report);
  else if (format == "sarif") write_sarif(out, report);
  else if (format == "junit") write_junit(out, report);
  else if (format == "github") write_github(out, report);
  else if (format == "gitlab") write_gitlab(out, report);
  else if (format == "markdown") write_markdown(out, report);
  else throw std::invalid_argument("unknown report format " + std::string(format));
}

void write_report_file(const std::string& path, std::string_view format, const Report& report, bool color) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw InputError("cannot write " + path + ": " + std::strerror(errno));
  errno = 0;
  write_report(out, format, report, color);
  out.close();  // flushes: a full disk shows here
  if (!out) throw InputError("cannot write " + path + ": " + std::strerror(errno ? errno : EIO));
}

}  // namespace driftcheck
