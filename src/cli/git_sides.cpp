#include "cli/git_sides.h"

#include <algorithm>
#include <filesystem>

#include "core/input_error.h"
#include "core/inputs.h"
#include "core/source_view.h"

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
    if (!paths.empty() && !std::any_of(paths.begin(), paths.end(), [&](const std::string& p) { return under(f, p); }))
      continue;
    out.push_back(f);
  }
  return out;
}

}  // namespace

GitSides load_git_sides(const GitRequest& request) {
  GitRepository repo(fs::current_path());
  fs::path workdir = repo.workdir();
  InputsConfig inputs = load_inputs(request.config_file, workdir);
  std::vector<std::string> roots = inputs.proto.roots;
  if (roots.empty()) roots.push_back("");
  std::vector<std::string> paths;
  for (const std::string& p : request.paths) paths.push_back(repo_relative(p, workdir));

  std::string against = request.against.empty() ? "HEAD" : request.against;
  std::unique_ptr<SourceView> old_view = repo.revision(against);
  std::unique_ptr<SourceView> new_view = request.staged ? repo.index() : repo.working_tree();

  proto::LoadOptions load;
  for (const std::string& inc : inputs.proto.includes) load.include_dirs.push_back((workdir / inc).string());
  load.include_dirs.insert(load.include_dirs.end(), request.includes.begin(), request.includes.end());

  GitSides sides;
  sides.old_label = old_view->label();
  sides.new_label = new_view->label();
  auto old_files = proto_files(*old_view, inputs, roots, paths);
  auto new_files = proto_files(*new_view, inputs, roots, paths);
  if (old_files.empty() && new_files.empty())
    throw InputError("no .proto contracts found in " + sides.new_label + " or " + sides.old_label +
                     (paths.empty() ? "" : " under the given paths") + " (see `inputs:` in README)");
  // libgit2 objects are not shared between threads here: the sides load one after the other.
  sides.old_image = proto::load_image_from_view(*old_view, roots, old_files, load);
  sides.new_image = proto::load_image_from_view(*new_view, roots, new_files, load);
  return sides;
}

}  // namespace driftcheck
