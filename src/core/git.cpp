// libgit2-backed views of a repository. libgit2 over `git cat-file --batch`: reading a revision
// or the index is a few library calls in-process, with no parsing of another program's output.
#include <git2.h>

#include <algorithm>
#include <map>

#include "core/input_error.h"
#include "core/limits.h"
#include "core/read_file.h"
#include "core/source_view.h"

namespace driftcheck {

namespace fs = std::filesystem;

namespace {

std::string git_failure(const std::string& what) {
  const ::git_error* e = git_error_last();
  return what + ": " + (e && e->message ? e->message : "unknown git error");
}

struct LibGit2 {
  LibGit2() { git_libgit2_init(); }
  ~LibGit2() { git_libgit2_shutdown(); }
};

struct Blob {
  git_oid id;
  bool link;  // a symbolic link: the blob holds the target path
};
using Blobs = std::map<std::string, Blob>;

// Blobs of a revision or of the index: path -> blob id, read on demand. Symbolic links are
// followed inside the tree, as a checkout would, and never out of it.
class BlobView : public SourceView {
 public:
  BlobView(git_repository* repo, Blobs blobs, std::string label)
      : repo_(repo), blobs_(std::move(blobs)), label_(std::move(label)) {}
  std::string label() const override { return label_; }
  std::vector<std::string> files() const override {
    std::vector<std::string> out;
    out.reserve(blobs_.size());
    for (const auto& [path, blob] : blobs_)
      if (!blob.link) out.push_back(path);
    return out;
  }
  std::optional<std::string> read(const std::string& path) const override {
    std::string at = path;
    for (int hops = 0;; ++hops) {
      auto it = blobs_.find(at);
      if (it == blobs_.end()) return std::nullopt;
      std::string bytes = content(at, it->second.id);
      if (!it->second.link) return bytes;
      fs::path target = (fs::path(at).parent_path() / bytes).lexically_normal();
      std::string next = target.generic_string();
      if (target.is_absolute() || next.empty() || next.rfind("..", 0) == 0)
        throw InputError(label_ + ": " + path + " is a symbolic link that leads out of the repository; driftcheck reads only files inside it");
      if (hops == 40) throw InputError(label_ + ": " + path + ": too many levels of symbolic links");
      at = next;
    }
  }

 private:
  std::string content(const std::string& path, const git_oid& id) const {
    git_blob* blob = nullptr;
    if (git_blob_lookup(&blob, repo_, &id) != 0) throw InputError(git_failure(label_ + ":" + path));
    if (static_cast<size_t>(git_blob_rawsize(blob)) > limits().file_size) {
      git_blob_free(blob);
      throw InputError(label_ + ": " + path + ": larger than " + limit_reached("file-size"));
    }
    std::string out(static_cast<const char*>(git_blob_rawcontent(blob)), git_blob_rawsize(blob));
    git_blob_free(blob);
    return out;
  }

  git_repository* repo_;
  Blobs blobs_;
  std::string label_;
};

int collect_blob(const char* root, const git_tree_entry* entry, void* payload) {
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;
  auto* blobs = static_cast<Blobs*>(payload);
  bool link = git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK;
  blobs->emplace(std::string(root) + git_tree_entry_name(entry), Blob{*git_tree_entry_id(entry), link});
  return 0;
}

}  // namespace

DiskView::DiskView(fs::path root, std::vector<std::string> files, std::string label, bool confined)
    : root_(std::move(root)), files_(std::move(files)), label_(std::move(label)), confined_(confined) {
  std::sort(files_.begin(), files_.end());
}

std::optional<std::string> DiskView::read(const std::string& path) const {
  std::error_code ec;
  fs::path p = root_ / path;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  if (confined_) {
    fs::path real = fs::canonical(p, ec);
    std::string rel = ec ? "" : real.lexically_relative(fs::canonical(root_, ec)).generic_string();
    if (ec || rel.empty() || rel.rfind("..", 0) == 0)
      throw InputError(label_ + ": " + path + " is a symbolic link that leads out of the repository; driftcheck reads only files inside it");
  }
  return read_file(p.string());
}

struct GitRepository::Impl {
  LibGit2 lib;
  git_repository* repo = nullptr;
  ~Impl() { git_repository_free(repo); }
};

GitRepository::GitRepository(const fs::path& path) : impl_(std::make_unique<Impl>()) {
  if (git_repository_open_ext(&impl_->repo, path.string().c_str(), 0, nullptr) != 0)
    throw InputError(path.string() + ": not inside a git repository (--against and --staged need one)");
  if (git_repository_is_bare(impl_->repo)) throw InputError(path.string() + ": a bare repository has no working tree");
}

GitRepository::~GitRepository() = default;

fs::path GitRepository::workdir() const { return fs::path(git_repository_workdir(impl_->repo)); }

std::unique_ptr<SourceView> GitRepository::revision(const std::string& ref) const {
  git_object* tree = nullptr;
  git_object* obj = nullptr;
  // Before the first commit HEAD names nothing yet: every contract is new, none can break.
  if (ref == "HEAD" && git_repository_head_unborn(impl_->repo) == 1)
    return std::make_unique<BlobView>(impl_->repo, Blobs{}, "HEAD (no commits yet)");
  if (git_revparse_single(&obj, impl_->repo, ref.c_str()) != 0) throw InputError(git_failure("cannot resolve '" + ref + "'"));
  int rc = git_object_peel(&tree, obj, GIT_OBJECT_TREE);
  git_object_free(obj);
  if (rc != 0) throw InputError(git_failure("'" + ref + "' does not name a commit or tree"));
  Blobs blobs;
  rc = git_tree_walk(reinterpret_cast<git_tree*>(tree), GIT_TREEWALK_PRE, collect_blob, &blobs);
  git_object_free(tree);
  if (rc != 0) throw InputError(git_failure("cannot read the tree of '" + ref + "'"));
  return std::make_unique<BlobView>(impl_->repo, std::move(blobs), ref);
}

std::unique_ptr<SourceView> GitRepository::index() const {
  git_index* index = nullptr;
  if (git_repository_index(&index, impl_->repo) != 0) throw InputError(git_failure("cannot read the git index"));
  Blobs blobs;
  for (size_t i = 0, n = git_index_entrycount(index); i < n; ++i) {
    const git_index_entry* e = git_index_get_byindex(index, i);
    if (git_index_entry_stage(e) != 0) continue;  // unresolved merge conflict: no staged version
    if (e->mode == GIT_FILEMODE_COMMIT) continue;  // a submodule: a commit id, not a file
    blobs.emplace(e->path, Blob{e->id, e->mode == GIT_FILEMODE_LINK});
  }
  git_index_free(index);
  return std::make_unique<BlobView>(impl_->repo, std::move(blobs), "the index");
}

std::unique_ptr<SourceView> GitRepository::working_tree() const {
  fs::path root = workdir();
  std::vector<std::string> files;
  std::error_code ec;
  auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string rel = it->path().lexically_relative(root).generic_string();
    int ignored = 0;
    if (it->is_directory(ec)) {
      if (it->path().filename() == ".git" ||
          (git_ignore_path_is_ignored(&ignored, impl_->repo, (rel + "/").c_str()) == 0 && ignored))
        it.disable_recursion_pending();
      continue;
    }
    // A symbolic link is not a contract of its own (git stores only its target); an import or
    // $ref may still name it, and then it is followed inside the repository.
    if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    if (git_ignore_path_is_ignored(&ignored, impl_->repo, rel.c_str()) == 0 && ignored) continue;
    files.push_back(rel);
  }
  if (ec) throw InputError(root.string() + ": cannot list the working tree: " + ec.message());
  return std::make_unique<DiskView>(root, std::move(files), "the working tree", /*confined=*/true);
}

}  // namespace driftcheck
