#include "harness.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <fcntl.h>
#include <unistd.h>

#include "cli/cli.h"

namespace fs = std::filesystem;

namespace driftcheck::fuzz {
namespace {

// A folder of its own, removed when the process ends. Runs happen inside it, so that
// configuration files are found there and nowhere else.
const std::string& own_folder() {
  static const std::string folder = [] {
    std::string pattern = (fs::temp_directory_path() / "driftcheck-fuzz-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
      std::perror("driftcheck fuzz: cannot make a temporary folder");
      std::abort();
    }
    return pattern;
  }();
  static const bool cleanup = [] { return std::atexit([] { std::error_code ec; fs::remove_all(folder, ec); }) == 0; }();
  (void)cleanup;
  return folder;
}

// Enters a folder for its lifetime; libFuzzer reads its corpus by relative paths meanwhile.
class InFolder {
 public:
  explicit InFolder(const std::string& folder) : back_(::open(".", O_RDONLY | O_DIRECTORY)) {
    if (back_ < 0 || ::chdir(folder.c_str()) != 0) {
      std::perror("driftcheck fuzz: cannot enter the temporary folder");
      std::abort();
    }
  }
  ~InFolder() {
    if (::fchdir(back_) != 0) std::abort();
    ::close(back_);
  }
  InFolder(const InFolder&) = delete;
  InFolder& operator=(const InFolder&) = delete;

 private:
  int back_;
};

void write(const std::string& name, std::string_view content) {
  std::ofstream(name, std::ios::binary | std::ios::trunc).write(content.data(), static_cast<std::streamsize>(content.size()));
}

[[noreturn]] void broken(const Args& args, const std::string& why, const std::string& err) {
  std::string command = "driftcheck";
  for (const std::string& a : args) command += " " + a;
  std::fprintf(stderr, "driftcheck fuzz: contract broken by `%s`: %s\n--- stderr ---\n%s--- end ---\n", command.c_str(),
               why.c_str(), err.c_str());
  std::abort();
}

// Runs the command with its output captured; aborts unless it kept the contract.
void run_one(const Args& args) {
  std::vector<std::string> storage{"driftcheck"};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);

  std::ostringstream out, err;
  std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
  std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
  CliRun run;
  int rc = run_cli(static_cast<int>(storage.size()), argv.data(), run);
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);

  std::string text = err.str();
  if (run.internal_error) broken(args, "internal error", text);
  if (rc < 0 || rc > 2) broken(args, "exit status " + std::to_string(rc), text);
  if (rc != 2) return;
  // Exit 2: warnings may come first, then exactly one error line, which ends the output.
  size_t last = text.rfind('\n', text.size() >= 2 ? text.size() - 2 : 0);
  std::string last_line = last == std::string::npos ? text : text.substr(last + 1);
  if (text.empty() || text.back() != '\n' || last_line.rfind("driftcheck: error: ", 0) != 0 ||
      text.find("driftcheck: error: ") != text.size() - last_line.size())
    broken(args, "exit 2 without exactly one final error line", text);
}

}  // namespace

void run(const uint8_t* data, size_t size, const std::vector<std::string>& names, const std::vector<Args>& runs,
         const FixedFiles& fixed) {
  InFolder in(own_folder());
  static bool fixed_written = false;
  if (!fixed_written)
    for (const auto& [name, content] : fixed) write(name, content);
  fixed_written = true;

  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view separator(kSeparator);
  for (size_t i = 0; i < names.size(); ++i) {
    size_t cut = i + 1 < names.size() ? input.find(separator) : std::string_view::npos;
    write(names[i], input.substr(0, cut));
    input = cut == std::string_view::npos ? std::string_view() : input.substr(cut + separator.size());
  }
  for (const Args& args : runs) run_one(args);
}

}  // namespace driftcheck::fuzz
