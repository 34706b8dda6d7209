// The floor for the C++ benchmark: libclang parses of two header folders, in parallel, with the
// options driftcheck uses (no function bodies, detailed preprocessing record) and nothing else:
// no walk, no model, no checks.
//
//   cpp_parse_floor OLD_FOLDER NEW_FOLDER [clang flags...]
#include <clang-c/Index.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

unsigned parse(const std::string& folder, const std::vector<std::string>& flags) {
  std::vector<std::string> headers;
  for (const auto& e : fs::recursive_directory_iterator(folder)) {
    std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".h" || ext == ".hh" || ext == ".hpp" || ext == ".hxx"))
      headers.push_back(fs::canonical(e.path()).string());
  }
  std::sort(headers.begin(), headers.end());
  std::string umbrella;
  for (const auto& h : headers) umbrella += "#include \"" + h + "\"\n";
  std::string root = fs::canonical(folder).string();
  std::string name = root + "/floor.cpp";
  std::vector<std::string> args{"-x", "c++", "-std=c++17", "-I" + root};
  args.insert(args.end(), flags.begin(), flags.end());
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  CXUnsavedFile unsaved{name.c_str(), umbrella.c_str(), static_cast<unsigned long>(umbrella.size())};
  CXIndex index = clang_createIndex(0, 0);
  CXTranslationUnit tu = nullptr;
  clang_parseTranslationUnit2(index, name.c_str(), argv.data(), static_cast<int>(argv.size()), &unsaved, 1,
                              CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_DetailedPreprocessingRecord |
                                  CXTranslationUnit_KeepGoing,
                              &tu);
  unsigned diagnostics = tu ? clang_getNumDiagnostics(tu) : 0;
  if (tu) clang_disposeTranslationUnit(tu);
  clang_disposeIndex(index);
  return diagnostics;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: cpp_parse_floor OLD_FOLDER NEW_FOLDER [clang flags...]\n");
    return 2;
  }
  std::vector<std::string> flags(argv + 3, argv + argc);
  unsigned old_diagnostics = 0;
  std::thread old_side([&] { old_diagnostics = parse(argv[1], flags); });
  unsigned new_diagnostics = parse(argv[2], flags);
  old_side.join();
  std::printf("diagnostics: old %u, new %u\n", old_diagnostics, new_diagnostics);
  return 0;
}
