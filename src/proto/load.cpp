#include "proto/load.h"

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/unknown_field_set.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <cctype>
#include <sstream>
#include <unordered_set>

#include "core/input_error.h"
#include "core/limits.h"
#include "core/read_file.h"
#include "core/source_view.h"

#ifndef DRIFTCHECK_PROTOBUF_INCLUDE
#define DRIFTCHECK_PROTOBUF_INCLUDE "/usr/include"
#endif

namespace driftcheck::proto {

namespace fs = std::filesystem;

namespace {

constexpr int kBufImageExtension = 8042;  // buf's ImageFile.buf_extension
constexpr int kBufIsImport = 1;

// buf images mark dependency files with buf_extension.is_import; protoc sets do not.
bool buf_marks_import(const gp::FileDescriptorProto& fd) {
  const gp::UnknownFieldSet& unknown = fd.GetReflection()->GetUnknownFields(fd);
  for (int i = 0; i < unknown.field_count(); ++i) {
    const gp::UnknownField& f = unknown.field(i);
    if (f.number() != kBufImageExtension || f.type() != gp::UnknownField::TYPE_LENGTH_DELIMITED) continue;
    gp::UnknownFieldSet ext;
    if (!ext.ParseFromString(f.length_delimited())) return false;
    for (int j = 0; j < ext.field_count(); ++j)
      if (ext.field(j).number() == kBufIsImport && ext.field(j).type() == gp::UnknownField::TYPE_VARINT)
        return ext.field(j).varint() != 0;
  }
  return false;
}

std::string display_prefix(const fs::path& root) {
  std::string s = root.lexically_normal().generic_string();
  if (s.empty() || s == "." || s == "./") return "";
  if (s.back() != '/') s.push_back('/');
  if (s.rfind("./", 0) == 0) s.erase(0, 2);
  return s;
}

std::unique_ptr<Image> new_image(const std::string& input, size_t expected_bytes = 0) {
  auto image = std::make_unique<Image>();
  image->source = input;
  // Big blocks: a 50 MB descriptor set otherwise costs hundreds of thousands of small mallocs.
  gp::ArenaOptions arena_options;
  // Rounded to 8: protobuf carves its cleanup nodes from the block's end, so an odd size
  // misaligns them.
  arena_options.start_block_size = std::max<size_t>(64 * 1024, expected_bytes / 8) & ~size_t{7};
  arena_options.max_block_size = 16 * 1024 * 1024;
  image->arena = std::make_unique<gp::Arena>(arena_options);
  image->set = gp::Arena::CreateMessage<gp::FileDescriptorSet>(image->arena.get());
  return image;
}

// Just enough of the protobuf wire format to split a FileDescriptorSet into its files and to
// set aside each file's SourceCodeInfo unparsed. Bounds are checked on every read: the input may
// be hostile.
class WireReader {
 public:
  explicit WireReader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}
  bool done() const { return p_ >= end_; }
  const char* pos() const { return p_; }

  bool varint(uint64_t& out) {
    out = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ >= end_) return false;
      uint8_t b = static_cast<uint8_t>(*p_++);
      out |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }

  // Reads one field; `payload` is the content of a length-delimited field.
  bool field(uint32_t& number, uint32_t& wire_type, std::string_view& payload) {
    uint64_t tag;
    if (!varint(tag)) return false;
    number = static_cast<uint32_t>(tag >> 3);
    wire_type = static_cast<uint32_t>(tag & 7);
    uint64_t n;
    switch (wire_type) {
      case 0: return varint(n);
      case 1: return advance(8);
      case 5: return advance(4);
      case 2:
        if (!varint(n) || n > static_cast<uint64_t>(end_ - p_)) return false;
        payload = std::string_view(p_, n);
        p_ += n;
        return true;
      default: return false;  // groups never occur in descriptor sets
    }
  }

 private:
  bool advance(size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) return false;
    p_ += n;
    return true;
  }
  const char* p_;
  const char* end_;
};

constexpr uint32_t kSetFile = 1;        // FileDescriptorSet.file
constexpr uint32_t kFileSourceInfo = 9; // FileDescriptorProto.source_code_info

std::unique_ptr<Image> load_descriptor_set(const std::string& input, std::string bytes) {
  auto image = new_image(input, bytes.size());
  image->bytes = std::move(bytes);
  const std::string_view all = image->bytes;
  if (all.size() > static_cast<size_t>(INT32_MAX))
    throw InputError(input + ": descriptor set is larger than 2 GiB, which protobuf cannot read");
  const std::string malformed = input + ": truncated or malformed FileDescriptorSet (protobuf could not parse it)";

  std::vector<std::string_view> source_infos;
  WireReader set(all);
  std::string without_info;
  while (!set.done()) {
    uint32_t number, wire_type;
    std::string_view file_bytes;
    if (!set.field(number, wire_type, file_bytes)) throw InputError(malformed);
    if (number != kSetFile || wire_type != 2) continue;  // unknown fields of the set are ignored, as protobuf does
    // Find the file's SourceCodeInfo; parse everything else now and keep it for later.
    std::string_view info;
    const char* info_start = nullptr;
    const char* info_end = nullptr;
    int info_count = 0;
    WireReader file(file_bytes);
    while (!file.done()) {
      const char* start = file.pos();
      uint32_t fnum, fwire;
      std::string_view payload;
      if (!file.field(fnum, fwire, payload)) throw InputError(malformed);
      if (fnum == kFileSourceInfo && fwire == 2) {
        info = payload;
        info_start = start;
        info_end = file.pos();
        ++info_count;
      }
    }
    gp::FileDescriptorProto* fd = image->set->add_file();
    bool ok;
    if (info_count == 1) {
      without_info.assign(file_bytes.data(), info_start);
      without_info.append(info_end, file_bytes.data() + file_bytes.size());
      ok = fd->ParseFromString(without_info);
    } else {
      ok = fd->ParseFromArray(file_bytes.data(), static_cast<int>(file_bytes.size()));
      info = {};  // none, or split in several pieces: parsed with the file
    }
    if (!ok) throw InputError(malformed);
    source_infos.push_back(info);
  }
  if (image->set->file_size() == 0) throw InputError(input + ": FileDescriptorSet holds no files");
  build_image(*image);
  for (size_t i = 0; i < image->files.size(); ++i) {
    File& f = image->files[i];
    f.is_import = buf_marks_import(*f.d);
    f.source_info_bytes = source_infos[i];
  }
  return image;
}

class FirstErrorCollector : public gp::compiler::MultiFileErrorCollector {
 public:
  using Display = std::function<std::string(const std::string&)>;
  explicit FirstErrorCollector(Display display) : display_(std::move(display)) {}
  // Keeps the first error that has a position: for a missing import, protobuf first reports the
  // missing file without one, then the import statement that names it.
  void AddError(const std::string& filename, int line, int column, const std::string& message) override {
    if (located_) return;
    std::ostringstream out;
    out << display_(filename);
    if (line >= 0) out << ':' << line + 1 << ':' << column + 1;
    out << ": " << message;
    if (line >= 0 || first_.empty()) first_ = out.str();
    located_ = line >= 0;
  }
  const std::string& first() const { return first_; }

 private:
  Display display_;
  std::string first_;
  bool located_ = false;
};

// Whether some line starts, after blanks, with the whole word `word` and `then` accepts the text
// after it. By hand: std::regex recurses per character, and long input overflows the stack.
template <class Then>
bool some_line_starts_with(std::string_view text, std::string_view word, Then then) {
  auto blank = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t line = 0; line < text.size();) {
    size_t i = line;
    while (i < text.size() && blank(text[i])) ++i;  // blank lines are skipped with the blanks
    size_t end = i + word.size();
    if (text.compare(i, word.size(), word) == 0 && (end == text.size() || !word_char(text[end])) &&
        then(text.substr(end)))
      return true;
    size_t newline = text.find('\n', i);
    if (newline == std::string_view::npos) break;
    line = newline + 1;
  }
  return false;
}

bool declares_edition(const std::string& text) {
  return some_line_starts_with(text, "edition", [](std::string_view rest) {
    size_t i = rest.find_first_not_of(" \t\r\n\f\v");
    return i != std::string_view::npos && rest[i] == '=';
  });
}

// Where .proto text comes from: the roots (a view and a folder inside it) in order, then the -I
// folders on disk; the well-known types always come from the protobuf installation, so no user
// folder can shadow them. Keeps every text it served, for tab columns and display names.
class ProtoSourceTree : public gp::compiler::SourceTree {
 public:
  struct Root {
    const SourceView* view;
    std::string folder;   // "" or "proto/": where import paths start inside the view
    std::string display;  // shown before the import path in reports
  };

  ProtoSourceTree(std::vector<Root> roots, const LoadOptions& options) : roots_(std::move(roots)) {
    for (const std::string& dir : options.repository_include_dirs)
      includes_.emplace_back(dir, std::vector<std::string>{}, dir, /*confined=*/true);
    for (const std::string& dir : options.include_dirs) includes_.emplace_back(dir, std::vector<std::string>{}, dir);
  }

  gp::io::ZeroCopyInputStream* Open(const std::string& name) override {
    if (const Served* s = serve(name)) return new gp::io::ArrayInputStream(s->text.data(), static_cast<int>(s->text.size()));
    return nullptr;
  }
  std::string GetLastErrorMessage() override { return "File not found."; }

  const std::string* text(const std::string& name) const {
    auto it = served_.find(name);
    return it == served_.end() ? nullptr : &it->second.text;
  }
  std::string display_name(const std::string& name) const {
    auto it = served_.find(name);
    return it == served_.end() ? name : it->second.display + it->second.shown;
  }

  // Serves `text`, already read, under the import path `name`; reports show `display` + `shown`.
  void provide(const std::string& name, std::string text, std::string display, std::string shown) {
    served_.insert_or_assign(name, Served{std::move(text), std::move(display), std::move(shown)});
  }

 private:
  struct Served {
    std::string text;
    std::string display;
    std::string shown;  // the file's name in reports: its import path, or the real name of an alias
  };

  const Served* serve(const std::string& name) {
    if (auto it = served_.find(name); it != served_.end()) return &it->second;
    // Import paths are relative and stay inside their root.
    if (name.empty() || name[0] == '/' || name.find('\\') != std::string::npos ||
        fs::path(name).lexically_normal().generic_string() != name || name.rfind("../", 0) == 0)
      return nullptr;
    std::optional<std::string> text;
    std::string display;
    if (name.rfind("google/protobuf/", 0) == 0) {
      text = wkt_.read(name);
    } else {
      for (const Root& r : roots_)
        if ((text = r.view->read(r.folder + name))) {
          display = r.display;
          break;
        }
      for (size_t i = 0; !text && i < includes_.size(); ++i) text = includes_[i].read(name);
    }
    if (!text) return nullptr;
    return &served_.emplace(name, Served{std::move(*text), std::move(display), name}).first->second;
  }

  std::vector<Root> roots_;
  std::vector<DiskView> includes_;
  DiskView wkt_{DRIFTCHECK_PROTOBUF_INCLUDE, {}, "protobuf"};
  std::unordered_map<std::string, Served> served_;
};

// protobuf's tokenizer advances a tab to the next multiple of 8 columns; buf (and editors)
// count a tab as one column. Rewrites the spans of a file with tabs to character columns.
void count_tabs_as_one_column(gp::FileDescriptorProto& fd, const std::string& text) {
  if (text.find('\t') == std::string::npos) return;
  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= text.size();) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    lines.emplace_back(text.data() + start, nl - start);
    start = nl + 1;
  }
  auto to_chars = [&](int line, int expanded) {
    if (line < 0 || line >= static_cast<int>(lines.size())) return expanded;
    int col = 0, i = 0;
    for (char c : lines[line]) {
      if (col >= expanded) break;
      col = c == '\t' ? col + 8 - col % 8 : col + 1;
      ++i;
    }
    return i;
  };
  for (auto& loc : *fd.mutable_source_code_info()->mutable_location()) {
    auto& span = *loc.mutable_span();
    if (span.size() == 3) {
      span[2] = to_chars(span[0], span[2]);
      span[1] = to_chars(span[0], span[1]);
    } else if (span.size() == 4) {
      span[1] = to_chars(span[0], span[1]);
      span[3] = to_chars(span[2], span[3]);
    }
  }
}

// Dependencies first, as protoc --include_imports orders them.
void add_with_deps(const gp::FileDescriptor* file, const ProtoSourceTree& tree, gp::FileDescriptorSet& set,
                   std::unordered_set<std::string>& added) {
  if (!added.insert(file->name()).second) return;
  for (int i = 0; i < file->dependency_count(); ++i) add_with_deps(file->dependency(i), tree, set, added);
  gp::FileDescriptorProto* fd = set.add_file();
  file->CopyTo(fd);
  file->CopySourceCodeInfoTo(fd);
  file->CopyJsonNameTo(fd);
  if (const std::string* text = tree.text(file->name())) count_tabs_as_one_column(*fd, *text);
}

// Parses the named .proto files (import paths) with protobuf's Importer; `names` are the files
// under check, everything else they import is marked as an import.
std::unique_ptr<Image> load_sources(const std::string& input, ProtoSourceTree& tree,
                                    const std::vector<std::string>& names) {
  FirstErrorCollector errors([&tree](const std::string& name) { return tree.display_name(name); });
  gp::compiler::Importer importer(&tree, &errors);
  auto image = new_image(input);
  std::vector<const gp::FileDescriptor*> targets;
  for (const std::string& name : names) {
    const gp::FileDescriptor* file = importer.Import(name);
    if (!file) {
      const std::string* text = tree.text(name);
      if (text && declares_edition(*text))
        throw InputError(tree.display_name(name) +
                         ": uses `edition`, which this build's protobuf parser (3.21) cannot read from "
                         "source; give a descriptor set instead, made by `buf build -o side.binpb` or "
                         "`protoc --include_imports --include_source_info -o side.binpb` (protoc >= 27)");
      throw InputError(errors.first().empty() ? tree.display_name(name) + ": could not be parsed"
                                              : errors.first());
    }
    targets.push_back(file);
  }
  std::unordered_set<std::string> added;
  for (const gp::FileDescriptor* file : targets) add_with_deps(file, tree, *image->set, added);
  build_image(*image);
  std::unordered_set<std::string_view> target_names(names.begin(), names.end());
  for (File& f : image->files) {
    f.is_import = !target_names.count(f.name);
    f.display_name = tree.display_name(f.name);
  }
  return image;
}

bool looks_like_proto_text(std::string_view bytes) {
  if (bytes.find('\0') != std::string_view::npos) return false;
  std::string_view head = bytes.substr(0, 64 * 1024);
  for (std::string_view keyword : {"syntax", "edition", "package", "import", "option", "message", "enum", "service", "extend"})
    if (some_line_starts_with(head, keyword, [](std::string_view) { return true; })) return true;
  return false;
}

}  // namespace

std::unique_ptr<Image> load_image_from_view(const SourceView& view, const std::vector<std::string>& roots,
                                            const std::vector<std::string>& files, const LoadOptions& options) {
  std::vector<ProtoSourceTree::Root> tree_roots;
  for (const std::string& root : roots) {
    std::string folder = root.empty() || root.back() == '/' ? root : root + '/';
    tree_roots.push_back({&view, folder, folder});
  }
  std::vector<std::string> names;
  for (const std::string& file : files)
    for (const auto& r : tree_roots)
      if (file.rfind(r.folder, 0) == 0) {
        names.push_back(file.substr(r.folder.size()));
        break;
      }
  ProtoSourceTree tree(std::move(tree_roots), options);
  return load_sources(view.label(), tree, names);
}

bool looks_like_descriptor_set(std::string_view bytes) {
  // Field 1 (file), wire type 2: every non-empty FileDescriptorSet starts with 0x0a.
  return !bytes.empty() && static_cast<unsigned char>(bytes[0]) == 0x0a;
}

std::unique_ptr<Image> load_image(const std::string& input, const LoadOptions& options) {
  // libprotobuf logs parser warnings to stderr; driftcheck reports problems itself, one line each.
  static const bool quiet = [] {
    gp::SetLogHandler([](gp::LogLevel, const char*, int, const std::string&) {});
    return true;
  }();
  (void)quiet;
  std::error_code ec;
  fs::path path(input);
  if (!fs::exists(path, ec)) throw InputError(input + ": no such file or directory");
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> names;
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->is_regular_file(ec) && it->path().extension() == ".proto")
        names.push_back(it->path().lexically_relative(path).generic_string());
    }
    if (ec) throw InputError(input + ": cannot list folder: " + ec.message());
    if (names.empty()) throw InputError(input + ": folder holds no .proto files");
    check_files_limit(names.size(), input);
    std::sort(names.begin(), names.end());
    DiskView root(path, {}, input);
    ProtoSourceTree tree({{&root, "", display_prefix(path)}}, options);
    return load_sources(input, tree, names);
  }
  std::string bytes = read_file(input);
  if (bytes.empty()) throw InputError(input + ": file is empty (expected a FileDescriptorSet or a .proto file)");
  bool proto_ext = path.extension() == ".proto";
  if (!proto_ext && looks_like_descriptor_set(bytes)) return load_descriptor_set(input, std::move(bytes));
  if (proto_ext || looks_like_proto_text(bytes)) {
    fs::path folder = path.parent_path();
    if (folder.empty()) folder = ".";
    DiskView root(folder, {}, input);
    ProtoSourceTree tree({{&root, "", display_prefix(folder)}}, options);
    // The bytes already read are the file: a pipe (`<(git show ...)`) cannot be read twice.
    std::string name = path.filename().generic_string();
    std::string import_name = options.import_as.empty() ? name : options.import_as;
    tree.provide(import_name, std::move(bytes), display_prefix(folder), name);
    std::unique_ptr<Image> image = load_sources(input, tree, {import_name});
    image->source_file = import_name;
    return image;
  }
  throw InputError(input + ": neither a FileDescriptorSet nor a .proto file");
}

}  // namespace driftcheck::proto
