// Helpers shared by the tests: run the built driftcheck binary, write temporary files.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>

namespace test {

namespace fs = std::filesystem;

inline const fs::path source_dir{DRIFTCHECK_SOURCE_DIR};
inline const fs::path shared_dir{DRIFTCHECK_SHARED_DIR};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `driftcheck ARGS` in `cwd` (the source folder by default); stdout and stderr captured
// separately.
inline RunResult run_driftcheck(const std::string& args, const fs::path& cwd = source_dir) {
  fs::path err_file = fs::temp_directory_path() / ("driftcheck-test-err-" + std::to_string(::getpid()));
  std::string cmd = "cd '" + cwd.string() + "' && '" DRIFTCHECK_BINARY "' " + args + " 2>'" +
                    err_file.string() + "'";
  RunResult r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream e(err_file);
  r.err.assign(std::istreambuf_iterator<char>(e), {});
  fs::remove(err_file);
  return r;
}

// A fresh temporary folder, removed when the object dies.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("driftcheck-test-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(counter()++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path write(const std::string& name, const std::string& content) const {
    fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  static int& counter() {
    static int c = 0;
    return c;
  }
};

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace test
