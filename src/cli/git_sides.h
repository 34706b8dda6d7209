// Git-aware comparison: the contracts in the working tree (or the index, for --staged) against
// their versions at a git revision, read in-process.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/source_view.h"
#include "cpp/model.h"
#include "openapi/spec.h"
#include "proto/load.h"

namespace driftcheck {

struct GitRequest {
  std::string against;              // revision to compare with; "" means HEAD
  bool staged = false;              // new side is the index instead of the working tree
  std::vector<std::string> paths;   // limit to these files or folders (relative to the cwd)
  std::string config_file;          // driftcheck.yaml / buf.yaml in use, "" if none
  std::vector<std::string> includes;
  std::vector<std::string> clang_flags;  // after `--`, for C++ headers
  bool allow_errors = false;             // C++: check what parses
};

// One OpenAPI document on both sides; a side where it does not exist is an empty spec.
struct OpenApiPair {
  std::string path;  // repository-relative
  std::unique_ptr<openapi::Spec> old_spec, new_spec;
};

// The public C++ headers of both sides, parsed (when driftcheck.yaml has `inputs: cpp:`).
struct CppPair {
  cpp::Api old_api, new_api;
};

struct GitSides {
  // The repository and views come first: the specs read $ref targets from the views lazily.
  std::unique_ptr<GitRepository> repo;
  std::unique_ptr<SourceView> old_view, new_view;
  std::unique_ptr<proto::Image> old_image, new_image;  // null when there are no .proto contracts
  std::vector<OpenApiPair> openapi;
  std::optional<CppPair> cpp;
  std::string old_label, new_label;  // "HEAD", "the working tree", "the index"
  bool found_contracts = false;  // on either side, compared or new
};

GitSides load_git_sides(const GitRequest& request);

}  // namespace driftcheck
