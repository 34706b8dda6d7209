// Sizes past which driftcheck stops reading an input rather than hang or run out of memory on
// a hostile one. The defaults are far beyond any real contract; `--limit NAME=N` raises one. A
// limit reached is exit 2 with a message that names the limit and how to raise it.
#pragma once

#include <cstddef>
#include <string>

namespace driftcheck {

struct Limits {
  size_t file_size = size_t{1} << 30;  // file-size: bytes of one input file (on disk, from a pipe, in git)
  size_t files = 100'000;              // files: contract files in one input folder or revision
  size_t nesting = 512;                // nesting: depth of mappings and sequences in a YAML or JSON document
  size_t nodes = 20'000'000;           // nodes: values in one document, YAML aliases expanded
  size_t alias_nodes = 1'000'000;      // alias-nodes: values copied by YAML aliases in one document
  size_t schema_depth = 128;           // schema-depth: OpenAPI schemas nested below one request or response body
  size_t schema_nodes = 200'000;       // schema-nodes: OpenAPI schemas compared below one body
};

// The limits in force: the defaults, then those --limit set.
const Limits& limits();

// Back to the defaults (each run of the command starts from them).
void reset_limits();

// Applies "NAME=N"; N may end in K, M or G (1024-based). Throws InputError naming the limits.
void set_limit(const std::string& assignment);

// "the NAME limit (N; raise it with --limit NAME=M)", for the message of a limit reached.
std::string limit_reached(const char* name);

// Throws InputError when `where` holds more contract files than the files limit allows.
void check_files_limit(size_t count, const std::string& where);

// The table of limits for --help: name, default and meaning, one per line.
std::string limits_help();

}  // namespace driftcheck
