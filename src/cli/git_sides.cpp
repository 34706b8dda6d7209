#include "cli/git_sides.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "core/checkout.h"
#include "core/input_error.h"
#include "core/inputs.h"
#include "core/limits.h"
#include "core/source_view.h"
#include "cpp/extract.h"
#include "cpp/run.h"

namespace driftcheck {

namespace fs = std::filesystem;

namespace {

// Repository-relative form of a path given on the command line (relative to the cwd).
std::string repo_relative(const std::string& path, const fs::path& workdir) {
  fs::path abs = fs::weakly_canonical(fs::absolute(path));
  std::string rel = abs.lexically_relative(fs::weakly_canonical(workdir)).generic_string();
  if (rel.empty() || rel.rfind("..", 0) == 0) throw InputError(path + ": outside the git repository");
  return rel == "." ? "" : rel;
}

bool under(const std::string& file, const std::string& folder) {
  return folder.empty() || file == folder || (file.rfind(folder, 0) == 0 && file[folder.size()] == '/');
}

// Inside the files or folders given on the command line (all files when none were given).
bool requested(const std::string& file, const std::vector<std::string>& paths) {
  return paths.empty() || std::any_of(paths.begin(), paths.end(), [&](const std::string& p) { return under(file, p); });
}

// The .proto contracts of one side: configured globs, inside a root, inside the requested paths.
std::vector<std::string> proto_files(const SourceView& view, const InputsConfig& inputs,
                                     const std::vector<std::string>& roots, const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& f : view.files()) {
    if (f.size() < 6 || f.compare(f.size() - 6, 6, ".proto") != 0) continue;
    if (!std::any_of(inputs.proto.paths.begin(), inputs.proto.paths.end(),
                     [&](const std::string& g) { return glob_match(g, f); }))
      continue;
    if (!std::any_of(roots.begin(), roots.end(), [&](const std::string& r) { return under(f, r); })) continue;
    if (!requested(f, paths)) continue;
    out.push_back(f);
  }
  check_files_limit(out.size(), view.label());
  return out;
}

bool is_document_name(const std::string& f) {
  for (std::string_view ext : {".yaml", ".yml", ".json"})
    if (f.size() > ext.size() && f.compare(f.size() - ext.size(), ext.size(), ext) == 0) return true;
  return false;
}

// The OpenAPI documents of one side: the configured globs, or every YAML/JSON file that reads as
// one, inside the requested paths.
std::vector<std::string> openapi_files(const SourceView& view, const InputsConfig& inputs,
                                       const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& f : view.files()) {
    if (!is_document_name(f)) continue;
    if (!requested(f, paths)) continue;
    if (!inputs.openapi.paths.empty()) {
      if (std::any_of(inputs.openapi.paths.begin(), inputs.openapi.paths.end(),
                      [&](const std::string& g) { return glob_match(g, f); }))
        out.push_back(f);
      continue;
    }
    std::optional<std::string> bytes = view.read(f);
    if (bytes && openapi::looks_like_openapi(*bytes)) out.push_back(f);
  }
  check_files_limit(out.size(), view.label());
  return out;
}

std::vector<OpenApiPair> load_openapi_pairs(const SourceView& old_view, const SourceView& new_view,
                                            const InputsConfig& inputs, const std::vector<std::string>& paths) {
  std::vector<std::string> old_files = openapi_files(old_view, inputs, paths);
  std::vector<std::string> new_files = openapi_files(new_view, inputs, paths);
  std::vector<std::string> all = old_files;
  all.insert(all.end(), new_files.begin(), new_files.end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  std::vector<OpenApiPair> pairs;
  for (const std::string& f : all) {
    bool in_old = std::binary_search(old_files.begin(), old_files.end(), f);
    bool in_new = std::binary_search(new_files.begin(), new_files.end(), f);
    if (!in_old) continue;  // a new document breaks nothing
    OpenApiPair p{f, openapi::load_spec(old_view, f, f), nullptr};
    p.new_spec = in_new ? openapi::load_spec(new_view, f, f) : openapi::empty_spec(*p.old_spec, f);
    pairs.push_back(std::move(p));
  }
  return pairs;
}

// The public headers of one side: `inputs.cpp.paths` globs minus `exclude`, inside the paths.
std::vector<std::string> public_headers(const SourceView& view, const InputsConfig::Cpp& cpp,
                                        const std::vector<std::string>& paths) {
  auto any_glob = [](const std::vector<std::string>& globs, const std::string& f) {
    return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return glob_match(g, f); });
  };
  std::vector<std::string> out;
  for (const std::string& f : view.files()) {
    if (!cpp::is_header_path(f) || !any_glob(cpp.paths, f) || any_glob(cpp.exclude, f)) continue;
    if (!requested(f, paths)) continue;
    out.push_back(f);
  }
  check_files_limit(out.size(), view.label());
  return out;
}

// What a header may #include besides headers: textual fragments some libraries keep apart.
bool is_includable(const std::string& f) {
  static const std::vector<std::string_view> fragments{".inc", ".inl", ".ipp", ".tcc", ".def"};
  return cpp::is_header_path(f) || std::any_of(fragments.begin(), fragments.end(), [&](std::string_view ext) {
           return f.size() > ext.size() && f.compare(f.size() - ext.size(), ext.size(), ext) == 0;
         });
}

// Both sides' public headers parsed. A side that is not on disk (a revision, the index) is
// written to a temporary folder first, so its #includes resolve inside the same side; flags that
// name folders of the repository are moved there too.
std::optional<CppPair> load_cpp_pair(const SourceView& old_view, const SourceView& new_view, const InputsConfig& inputs,
                                     const std::vector<std::string>& paths, const GitRequest& request,
                                     const fs::path& workdir) {
  const InputsConfig::Cpp& config = inputs.cpp;
  if (config.present && config.paths.empty())
    throw InputError(request.config_file + ": `inputs.cpp.paths` must list the public headers (globs such as include/**/*.h)");
  if (config.paths.empty()) return std::nullopt;
  std::vector<std::string> old_headers = public_headers(old_view, config, paths);
  std::vector<std::string> new_headers = public_headers(new_view, config, paths);
  if (old_headers.empty()) return std::nullopt;  // no public headers before: nothing to break
  std::vector<std::string> flags;
  if (!config.compile_commands.empty()) {
    fs::path near = new_headers.empty() ? workdir : workdir / new_headers.front();
    flags = cpp::flags_from_compile_commands((workdir / config.compile_commands).string(), near.string());
  }
  // The repository's own configuration is untrusted input (a pull request may change it): flags
  // that write files or load code (-MF, -o, -fplugin) never reach clang.
  std::vector<std::string> dropped;
  std::vector<std::string> config_flags = cpp::header_parse_flags(config.flags, &dropped);
  if (!dropped.empty()) {
    std::string list;
    for (const std::string& d : dropped) list += (list.empty() ? "" : " ") + d;
    std::cerr << "driftcheck: " << request.config_file << ": inputs.cpp.flags: left out " << list
              << " (only -I, -isystem, -iquote, -idirafter, -include, -D, -U, -std=, -x and --target= reach clang)\n";
  }
  flags.insert(flags.end(), config_flags.begin(), config_flags.end());
  flags.insert(flags.end(), request.clang_flags.begin(), request.clang_flags.end());

  // What a copy needs: the top folders of the public headers and the repository folders the flags
  // name (-I, -isystem, ...), not every header of a repository that vendors others' code.
  std::vector<std::string> needed;
  for (const auto* headers : {&old_headers, &new_headers})
    for (const std::string& h : *headers) needed.push_back(h.substr(0, h.find('/') == std::string::npos ? 0 : h.find('/')));
  cpp::map_flag_paths(flags, [&](const std::string& path) {
    std::string rel = (workdir / path).lexically_normal().lexically_relative(workdir).generic_string();
    if (!rel.empty() && rel.rfind("..", 0) != 0) needed.push_back(rel == "." ? "" : rel);
    return path;
  });
  auto wanted = [&](const std::string& f) {
    return is_includable(f) && std::any_of(needed.begin(), needed.end(), [&](const std::string& n) { return under(f, n); });
  };
  // libgit2 is read from this thread only: the copies are written before the parallel parse.
  std::unique_ptr<Checkout> old_copy, new_copy;
  if (!old_view.disk_root()) old_copy = std::make_unique<Checkout>(old_view, wanted);
  if (!new_view.disk_root()) new_copy = std::make_unique<Checkout>(new_view, wanted);
  fs::path old_root = old_copy ? old_copy->root() : *old_view.disk_root();
  fs::path new_root = new_copy ? new_copy->root() : *new_view.disk_root();
  auto side = [&](const fs::path& root, const std::vector<std::string>& headers, const std::string& label) {
    cpp::ParseOptions options;
    options.flags = cpp::rebase_flags(flags, workdir, root);
    options.allow_errors = request.allow_errors;
    options.display_root = root;
    std::vector<fs::path> files;
    for (const std::string& h : headers) files.push_back(root / h);
    return [options, files, label] {
      try {
        return files.empty() ? cpp::Api{} : cpp::extract_api(files, {}, options);
      } catch (const InputError& e) {
        throw InputError("in " + label + ": " + e.what());  // the same file may parse on the other side
      }
    };
  };
  auto [old_api, new_api] = cpp::load_both(side(old_root, old_headers, old_view.label()),
                                           side(new_root, new_headers, new_view.label()));
  return CppPair{std::move(old_api), std::move(new_api)};
}

}  // namespace

GitSides load_git_sides(const GitRequest& request) {
  GitSides sides;
  sides.repo = std::make_unique<GitRepository>(fs::current_path());
  const GitRepository& repo = *sides.repo;
  fs::path workdir = repo.workdir();
  InputsConfig inputs = load_inputs(request.config_file, workdir);
  std::vector<std::string> roots = inputs.proto.roots;
  if (roots.empty()) roots.push_back("");
  std::vector<std::string> paths;
  for (const std::string& p : request.paths) paths.push_back(repo_relative(p, workdir));

  std::string against = request.against.empty() ? "HEAD" : request.against;
  sides.old_view = repo.revision(against);
  sides.new_view = request.staged ? repo.index() : repo.working_tree();
  const SourceView& old_view = *sides.old_view;
  const SourceView& new_view = *sides.new_view;

  proto::LoadOptions load;
  for (const std::string& inc : inputs.proto.includes) load.repository_include_dirs.push_back((workdir / inc).string());
  load.include_dirs.insert(load.include_dirs.end(), request.includes.begin(), request.includes.end());

  sides.old_label = old_view.label();
  sides.new_label = new_view.label();
  auto old_files = proto_files(old_view, inputs, roots, paths);
  auto new_files = proto_files(new_view, inputs, roots, paths);
  // libgit2 objects are not shared between threads here: everything loads one after the other.
  if (!old_files.empty() || !new_files.empty()) {
    sides.old_image = proto::load_image_from_view(old_view, roots, old_files, load);
    sides.new_image = proto::load_image_from_view(new_view, roots, new_files, load);
  }
  sides.openapi = load_openapi_pairs(old_view, new_view, inputs, paths);
  sides.cpp = load_cpp_pair(old_view, new_view, inputs, paths, request, workdir);
  // A pre-commit hook fires on any staged file, in repositories with no contract too: the caller
  // says there is nothing to check. Asked by hand (--against), it is a mistake worth an error.
  sides.found_contracts = sides.old_image || !sides.openapi.empty() || sides.cpp ||
                          !openapi_files(new_view, inputs, paths).empty() ||
                          (!inputs.cpp.paths.empty() && !public_headers(new_view, inputs.cpp, paths).empty());
  if (!request.staged && !sides.found_contracts)
    throw InputError("no contracts (.proto files, OpenAPI documents or C++ headers) found in " + sides.new_label + " or " +
                     sides.old_label + (paths.empty() ? "" : " under the given paths") + " (see `inputs:` in README)");
  return sides;
}

}  // namespace driftcheck
