// Loading one side of a protobuf comparison: a FileDescriptorSet (protoc or buf image), a .proto
// file, or a folder of .proto files (parsed in-process with protobuf's compiler::Importer).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/source_view.h"
#include "proto/model.h"

namespace driftcheck::proto {

struct LoadOptions {
  std::vector<std::string> include_dirs;             // extra import roots (-I)
  std::vector<std::string> repository_include_dirs;  // from the repository's driftcheck.yaml: no links out
  // A single .proto file input is imported under this name, when given: two versions of one file
  // saved under different names (`git show HEAD~1:api.proto > /tmp/old.proto`) are one file.
  std::string import_as;
};

// Throws InputError with a one-line message naming the input and what is wrong.
std::unique_ptr<Image> load_image(const std::string& input, const LoadOptions& options);

// Loads the .proto files `files` (paths inside `view`) for a git-aware comparison. `roots` are
// folders inside the view ("" or "proto/") where import paths start; a file belongs to the first
// root that contains it. Reports show view paths. An empty `files` gives an empty image.
std::unique_ptr<Image> load_image_from_view(const SourceView& view, const std::vector<std::string>& roots,
                                            const std::vector<std::string>& files, const LoadOptions& options);

// True when the bytes look like a binary FileDescriptorSet rather than .proto text.
bool looks_like_descriptor_set(std::string_view bytes);

}  // namespace driftcheck::proto
