// A read-only view of a tree of files: the working tree on disk, the git index, or a git
// revision. Loaders read contracts through a view, so every contract kind works the same way in
// plain, --against and --staged mode. Paths are relative to the view's root, with '/' separators.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace driftcheck {

class SourceView {
 public:
  virtual ~SourceView() = default;
  // What the view shows, for messages: "the working tree", "the index", "HEAD~1".
  virtual std::string label() const = 0;
  // Every file in the view, sorted.
  virtual std::vector<std::string> files() const = 0;
  // A file's bytes, or nothing when the view has no such file.
  virtual std::optional<std::string> read(const std::string& path) const = 0;
  // The folder holding the view's files on disk, when it is one (the working tree).
  virtual std::optional<std::filesystem::path> disk_root() const { return std::nullopt; }
};

// Files on disk under `root`. `files()` lists what `list` was given (the working tree's
// contract candidates are chosen by the caller: git decides what is ignored). A `confined` view
// stands for a repository under review: reading a symbolic link that leads out of `root` is an
// error, so a pull request cannot make driftcheck read (and report) files elsewhere.
class DiskView : public SourceView {
 public:
  DiskView(std::filesystem::path root, std::vector<std::string> files, std::string label, bool confined = false);
  std::string label() const override { return label_; }
  std::vector<std::string> files() const override { return files_; }
  std::optional<std::string> read(const std::string& path) const override;
  std::optional<std::filesystem::path> disk_root() const override { return root_; }

 private:
  std::filesystem::path root_;
  std::vector<std::string> files_;
  std::string label_;
  bool confined_;
};

// A git repository, read in-process with libgit2 (no process per file).
class GitRepository {
 public:
  // Opens the repository that contains `path` (searching upwards). Throws InputError.
  explicit GitRepository(const std::filesystem::path& path);
  ~GitRepository();
  GitRepository(const GitRepository&) = delete;
  GitRepository& operator=(const GitRepository&) = delete;

  std::filesystem::path workdir() const;
  std::unique_ptr<SourceView> revision(const std::string& ref) const;  // a commit-ish
  std::unique_ptr<SourceView> index() const;                            // what is staged
  std::unique_ptr<SourceView> working_tree() const;                     // tracked and untracked, not ignored

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace driftcheck
