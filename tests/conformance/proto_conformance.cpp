// Runs driftcheck on every case of buf's conformance suite (shared/conformance/proto) and
// reports how many cases agree exactly with buf: the same multiset of (rule, file, line, column).
// Exits 1 when agreement falls below the floor given on the command line, so regressions fail
// CI; prints each disagreement so the next engineer sees what differs.
//
//   proto_conformance SHARED_DIR FLOOR_PERCENT [--verbose] [--case NAME]
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "core/input_error.h"
#include "proto/config.h"
#include "proto/load.h"
#include "proto/registry.h"

namespace fs = std::filesystem;
using namespace driftcheck;

namespace {

using Key = std::string;  // "RULE file:line:col"

std::string key(const std::string& rule, const std::string& file, int line, int column) {
  std::ostringstream out;
  out << rule << ' ' << (file.empty() ? "<input>" : file) << ':' << line << ':' << column;
  return out.str();
}

std::multiset<Key> expected_keys(const nlohmann::json& expected) {
  std::multiset<Key> out;
  for (const auto& f : expected["findings"])
    out.insert(key(f["rule"], f["file"], f["line"], f["column"]));
  return out;
}

struct Outcome {
  bool ran = false;
  bool agrees = false;
  std::string error;
  std::vector<std::string> missing, extra;
};

// The folder a side's .proto files are rooted at: buf v1beta1 `build.roots` moves it.
fs::path source_root(const fs::path& side) {
  std::ifstream in(side / "buf.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  return text.find("roots:") != std::string::npos && fs::is_directory(side / "root") ? side / "root" : side;
}

std::unique_ptr<proto::Image> load_side(const fs::path& dir, const std::string& side, bool sources) {
  if (!sources) return proto::load_image((dir / (side + ".binpb")).string(), {});
  auto image = proto::load_image(source_root(dir / side).string(), {});
  for (proto::File& f : image->files) f.display_name = f.name;  // report module paths, as the images do
  return image;
}

Outcome run_case(const fs::path& dir, const nlohmann::json& expected, bool sources) {
  Outcome out;
  std::multiset<Key> want = expected_keys(expected);
  std::multiset<Key> got;
  try {
    auto old_image = load_side(dir, "old", sources);
    auto new_image = load_side(dir, "new", sources);
    // The new side's buf.yaml governs, as in buf; no buf.yaml means buf's v1 defaults.
    proto::BreakingConfig config;
    config.version = "v1";
    if (fs::exists(dir / "new" / "buf.yaml")) config = proto::load_breaking_config(dir / "new" / "buf.yaml");
    for (const Finding& f : proto::run_configured(*old_image, *new_image, config))
      got.insert(key(f.rule, f.location.file, f.location.line, f.location.column));
  } catch (const std::exception& e) {
    out.error = e.what();
    return out;
  }
  out.ran = true;
  std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(out.missing));
  std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(out.extra));
  out.agrees = out.missing.empty() && out.extra.empty();
  return out;
}

struct Args {
  double floor = 0;
  bool verbose = false;
  std::string only;
};

// Runs every case in one mode (images or sources); prints disagreements and the figure.
bool run_mode(const std::vector<fs::path>& cases, bool sources, const Args& args) {
  int runnable = 0, agree = 0, findings_expected = 0, findings_matched = 0;
  const char* mode = sources ? "sources" : "images";
  for (const fs::path& dir : cases) {
    std::string name = dir.filename().string();
    if (!args.only.empty() && name != args.only) continue;
    nlohmann::json expected = nlohmann::json::parse(std::ifstream(dir / "expected.json"));
    if (expected.contains("skip")) continue;
    // Debian's protobuf 3.21 cannot parse editions sources; those cases run from images only.
    auto tags = expected["tags"];
    if (sources && std::find(tags.begin(), tags.end(), "editions") != tags.end()) continue;
    ++runnable;
    Outcome o = run_case(dir, expected, sources);
    int want = static_cast<int>(expected["findings"].size());
    findings_expected += want;
    findings_matched += want - static_cast<int>(o.missing.size());
    if (o.agrees) {
      ++agree;
      if (args.verbose) std::cout << "  agree     " << mode << ' ' << name << '\n';
      continue;
    }
    std::cout << "  DIFFER    " << mode << ' ' << name;
    if (!o.error.empty()) std::cout << "  (error: " << o.error << ")";
    std::cout << "  missing " << o.missing.size() << ", extra " << o.extra.size() << '\n';
    for (const auto& k : o.missing) std::cout << "      - " << k << '\n';
    for (const auto& k : o.extra) std::cout << "      + " << k << '\n';
  }
  double pct = runnable ? 100.0 * agree / runnable : 0;
  std::printf("proto conformance (%s): %d of %d runnable cases agree exactly with buf (%.1f%%); "
              "%d of %d expected findings found; floor %.1f%%\n",
              sources ? ".proto sources parsed in-process, editions cases excluded" : "descriptor-set images",
              agree, runnable, pct, findings_matched, findings_expected, args.floor);
  return pct + 1e-9 >= args.floor;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: proto_conformance SHARED_DIR FLOOR_PERCENT [--verbose] [--case NAME]\n";
    return 2;
  }
  fs::path root = fs::path(argv[1]) / "conformance" / "proto";
  Args args;
  args.floor = std::stod(argv[2]);
  for (int i = 3; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--verbose") args.verbose = true;
    else if (a == "--case" && i + 1 < argc) args.only = argv[++i];
  }
  if (!fs::is_directory(root)) {
    std::cerr << "proto conformance: " << root << " not found; cannot measure agreement\n";
    return 77;  // ctest SKIP_RETURN_CODE: reported as skipped, never as passed
  }
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(root))
    if (fs::exists(e.path() / "expected.json")) cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  bool images_ok = run_mode(cases, false, args);
  bool sources_ok = run_mode(cases, true, args);
  return images_ok && sources_ok ? 0 : 1;
}
