// YAML and JSON into one nlohmann::json tree with the byte offset of every node, bounded against
// hostile input. YAML goes through libfyaml's event API (2-4x faster than yaml-cpp on real
// specs, correct on invalid input, merge keys; measured in docs/dev/yaml-library-choice.md), JSON
// through nlohmann's SAX parser. Both feed one Builder, so duplicate keys, depth, aliases and
// positions behave the same. Nothing here recurses over the input.
#include <libfyaml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/input_error.h"
#include "core/limits.h"
#include "openapi/document.h"

// Exported by libfyaml 0.7.12 but not declared in its header: needed for error line:column.
extern "C" void fy_diag_set_collect_errors(struct fy_diag* diag, bool collect_errors);

namespace driftcheck::openapi {

namespace {

struct LoadError {
  uint32_t offset;
  std::string what;
};

// Line and column of a byte offset (columns count characters, not bytes).
Pos pos_of(const std::string& text, uint32_t offset) {
  Pos p;
  size_t end = std::min<size_t>(offset, text.size());
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

// Offset of the first byte that is not valid UTF-8, or npos.
size_t invalid_utf8(const std::string& s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > n) return i;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    if (len == 2 && c < 0xC2) return i;  // overlong
    i += len;
  }
  return std::string::npos;
}

class Builder {
 public:
  Builder(Json& root, std::vector<std::pair<uint32_t, const Json*>>& offsets, const Limits& limits)
      : root_(root), offsets_(offsets), limits_(limits) {}

  void key(uint32_t off, std::string k) {
    Frame& f = frames_.back();
    f.pending_key = std::move(k);
    f.key_off = off;
    f.has_key = true;
  }
  bool expecting_key() const { return !frames_.empty() && frames_.back().is_map && !frames_.back().has_key; }

  void value(uint32_t off, Json v, const std::string& anchor = {}) {
    ++parsed_;
    Json* placed = place(off, std::move(v));
    if (!anchor.empty()) anchors_[anchor] = Anchor{*placed, 1, 0};
  }

  void open(uint32_t off, bool is_map, std::string anchor = {}) {
    if (frames_.size() >= limits_.nesting)
      throw LoadError{off, "nesting deeper than " + limit_reached("nesting")};
    ++parsed_;
    Json* node = place(off, is_map ? Json::object() : Json::array());
    Frame& f = frames_.emplace_back();
    f.node = node;
    f.is_map = is_map;
    f.anchor = std::move(anchor);
    f.start_nodes = nodes_;
  }

  void close() {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    if (!f.is_map)
      for (size_t i = 0; i < f.element_offsets.size(); ++i) offsets_.emplace_back(f.element_offsets[i], &(*f.node)[i]);
    for (Json& merged : f.merges) apply_merge(*f.node, merged);
    size_t height = f.child_height + 1;
    if (!frames_.empty()) frames_.back().child_height = std::max(frames_.back().child_height, height);
    if (!f.anchor.empty()) anchors_[f.anchor] = Anchor{*f.node, nodes_ - f.start_nodes + 1, height};
  }

  void alias(uint32_t off, const std::string& name) {
    auto it = anchors_.find(name);
    if (it == anchors_.end()) throw LoadError{off, "alias *" + name + " names no complete anchor"};
    const Anchor& a = it->second;
    expanded_ += a.nodes;  // checked before anything is copied
    if (expanded_ > std::max(limits_.alias_nodes, 10 * parsed_))
      throw LoadError{off, "aliases copy more values than " + limit_reached("alias-nodes") + " (an alias bomb?)"};
    if (frames_.size() + a.height > limits_.nesting) throw LoadError{off, "nesting through an alias deeper than " + limit_reached("nesting")};
    nodes_ += a.nodes - 1;
    place(off, a.value);
  }

  bool done() const { return frames_.empty() && placed_root_; }

 private:
  struct Frame {
    Json* node = nullptr;
    bool is_map = false;
    std::string anchor;
    size_t start_nodes = 0;
    std::string pending_key;
    uint32_t key_off = 0;
    bool has_key = false;
    std::vector<uint32_t> element_offsets;
    std::vector<Json> merges;
    size_t child_height = 0;
  };
  struct Anchor {
    Json value;  // a copy: anchors are rare in specs, and a copy never dangles
    size_t nodes;
    size_t height;
  };

  Json* place(uint32_t off, Json v) {
    if (++nodes_ > limits_.nodes) throw LoadError{off, "more values than " + limit_reached("nodes")};
    if (frames_.empty()) {
      if (placed_root_) throw LoadError{off, "more than one document in the stream"};
      placed_root_ = true;
      root_ = std::move(v);
      offsets_.emplace_back(off, &root_);
      return &root_;
    }
    Frame& f = frames_.back();
    if (f.is_map) {
      if (!f.has_key) throw LoadError{off, "mapping key expected"};
      f.has_key = false;
      if (f.pending_key == "<<") {  // YAML merge key: applied when the mapping closes
        f.merges.push_back(std::move(v));
        return &f.merges.back();
      }
      auto [it, inserted] = f.node->get_ref<Json::object_t&>().emplace(std::move(f.pending_key), std::move(v));
      if (!inserted) throw LoadError{f.key_off, "duplicate key '" + it->first + "'"};
      offsets_.emplace_back(f.key_off, &it->second);  // a member is located at its key
      return &it->second;
    }
    auto& arr = f.node->get_ref<Json::array_t&>();
    arr.push_back(std::move(v));
    f.element_offsets.push_back(off);  // addresses settle when the sequence closes
    return &arr.back();
  }

  void apply_merge(Json& target, const Json& merged) {
    auto merge_one = [&](const Json& m) {
      if (!m.is_object()) return;
      for (auto it = m.begin(); it != m.end(); ++it)
        if (!target.contains(it.key())) target[it.key()] = it.value();
    };
    if (merged.is_array())
      for (const Json& m : merged) merge_one(m);
    else
      merge_one(merged);
  }

  Json& root_;
  std::vector<std::pair<uint32_t, const Json*>>& offsets_;  // where each node starts, in any order
  const Limits& limits_;
  std::vector<Frame> frames_;
  std::map<std::string, Anchor> anchors_;
  size_t nodes_ = 0, parsed_ = 0, expanded_ = 0;
  bool placed_root_ = false;
};

// `[-+]?(0|[1-9][0-9]*)` and `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, by hand: a
// regex recurses per character and a long scalar overflows the stack.
bool is_yaml_integer(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s.empty() || (s[0] == '0' && s.size() > 1)) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_yaml_float(std::string_view s) {
  auto digits = [&](size_t& i) {
    size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t whole = digits(i), fraction = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    fraction = digits(i);
    if (whole == 0 && fraction == 0) return false;
  } else if (whole == 0) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (digits(i) == 0) return false;
  }
  return i == s.size();
}

// A number JSON can hold, or the text when a double cannot (1e999, 1e-400, a 400-digit integer).
Json decimal(const std::string& str) {
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(str.c_str(), &end);
  if (errno == ERANGE || end != str.c_str() + str.size()) return str;
  return v;
}

// YAML 1.2 core schema for plain scalars; quoted and block scalars are strings. A decimal with a
// leading zero stays a string (an id like 012345 in a spec means text).
Json plain_scalar(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  std::string str(s);
  if (is_yaml_integer(str)) {
    int64_t v = 0;
    const char* b = str.data() + (str[0] == '+' ? 1 : 0);
    if (std::from_chars(b, str.data() + str.size(), v).ec == std::errc()) return v;
    return decimal(str);
  }
  if (str.size() > 2 && str[0] == '0' && (str[1] == 'x' || str[1] == 'o')) {
    int64_t v = 0;
    auto r = std::from_chars(str.data() + 2, str.data() + str.size(), v, str[1] == 'x' ? 16 : 8);
    if (r.ec == std::errc() && r.ptr == str.data() + str.size()) return v;
    return str;
  }
  bool leading_zero = str.size() > 1 && str[0] == '0' && str[1] != '.';
  if (!leading_zero && is_yaml_float(str)) return decimal(str);
  if (str == ".inf" || str == ".Inf" || str == ".INF" || str == "+.inf") return str;  // JSON has no infinity
  return str;
}

std::string_view token_text(fy_token* t) {
  if (!t) return {};
  size_t n = 0;
  const char* s = fy_token_get_text(t, &n);
  return s ? std::string_view(s, n) : std::string_view();
}

void parse_yaml(const std::string& text, Builder& b) {
  fy_parse_cfg cfg{};
  cfg.flags = fy_parse_cfg_flags(FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE);
  fy_parser* p = fy_parser_create(&cfg);
  if (!p) throw LoadError{0, "cannot create the YAML parser"};
  std::unique_ptr<fy_parser, void (*)(fy_parser*)> parser(p, fy_parser_destroy);
  if (fy_parser_set_string(p, text.data(), text.size()) != 0) throw LoadError{0, "cannot read the YAML input"};
  fy_diag* diag = fy_parser_get_diag(p);
  fy_diag_set_collect_errors(diag, true);
  // The last unref frees the diag but not the errors it collected; resetting frees them.
  std::unique_ptr<fy_diag, void (*)(fy_diag*)> diag_ref(diag, [](fy_diag* d) {
    fy_diag_reset_error(d);
    fy_diag_unref(d);
  });
  auto start_of = [&](fy_event* e) -> uint32_t {
    const fy_mark* m = fy_event_start_mark(e);
    return m ? static_cast<uint32_t>(m->input_pos) : 0;
  };
  int documents = 0;
  while (fy_event* e = fy_parser_parse(p)) {
    std::unique_ptr<fy_event, std::function<void(fy_event*)>> event(e, [p](fy_event* x) { fy_parser_event_free(p, x); });
    uint32_t off = start_of(e);
    switch (e->type) {
      case FYET_DOCUMENT_START:
        if (++documents > 1) throw LoadError{off, "more than one YAML document; an OpenAPI file holds one"};
        break;
      case FYET_MAPPING_START:
      case FYET_SEQUENCE_START: {
        fy_token* anchor = e->type == FYET_MAPPING_START ? e->mapping_start.anchor : e->sequence_start.anchor;
        if (b.expecting_key()) throw LoadError{off, "complex mapping keys are not supported"};
        b.open(off, e->type == FYET_MAPPING_START, std::string(token_text(anchor)));
        break;
      }
      case FYET_MAPPING_END:
      case FYET_SEQUENCE_END:
        b.close();
        break;
      case FYET_SCALAR: {
        std::string_view value = token_text(e->scalar.value);
        if (b.expecting_key()) {
          b.key(off, std::string(value));
          break;
        }
        bool plain = fy_token_scalar_style(e->scalar.value) == FYSS_PLAIN;
        b.value(off, plain ? plain_scalar(value) : Json(std::string(value)), std::string(token_text(e->scalar.anchor)));
        break;
      }
      case FYET_ALIAS:
        if (b.expecting_key()) throw LoadError{off, "aliases as mapping keys are not supported"};
        b.alias(off, std::string(token_text(e->alias.anchor)));
        break;
      default:
        break;
    }
  }
  if (fy_parser_get_stream_error(p)) {
    void* it = nullptr;
    fy_diag_error* d = fy_diag_errors_iterate(diag, &it);
    if (d) throw InputError("@" + std::to_string(d->line) + ":" + std::to_string(d->column) + ": " + d->msg);
    throw LoadError{static_cast<uint32_t>(text.size()), "invalid YAML"};
  }
}

// nlohmann's SAX parser reads through this iterator, which records how far it has read, so
// every event knows where it is.
struct CountingIterator {
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;
  const char* p;
  const char* base;
  uint32_t* last;
  const char& operator*() const {
    *last = static_cast<uint32_t>(p - base);
    return *p;
  }
  CountingIterator& operator++() {
    ++p;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator t = *this;
    ++p;
    return t;
  }
  bool operator==(const CountingIterator& o) const { return p == o.p; }
  bool operator!=(const CountingIterator& o) const { return p != o.p; }
};

class JsonHandler : public nlohmann::json_sax<Json> {
 public:
  JsonHandler(Builder& b, const std::string& text, const uint32_t& last) : b_(b), text_(text), last_(last) {}
  bool null() override { return scalar(nullptr); }
  bool boolean(bool v) override { return scalar(v); }
  bool number_integer(number_integer_t v) override { return scalar(v); }
  bool number_unsigned(number_unsigned_t v) override { return scalar(v); }
  bool number_float(number_float_t v, const string_t&) override { return scalar(v); }
  bool string(string_t& v) override { return scalar(std::move(v), string_start()); }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    b_.open(last_, true);
    return true;
  }
  bool key(string_t& k) override {
    b_.key(string_start(), std::move(k));
    return true;
  }
  bool end_object() override {
    b_.close();
    return true;
  }
  bool start_array(std::size_t) override {
    b_.open(last_, false);
    return true;
  }
  bool end_array() override {
    b_.close();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    std::string msg = ex.what();
    if (size_t colon = msg.find("syntax error"); colon != std::string::npos) msg = msg.substr(colon);
    throw LoadError{static_cast<uint32_t>(position > 0 ? position - 1 : 0), msg};
  }

 private:
  bool scalar(Json v, uint32_t off = UINT32_MAX) {
    b_.value(off == UINT32_MAX ? last_ : off, std::move(v));
    return true;
  }
  // The opening quote of the string whose closing quote was just read.
  uint32_t string_start() const {
    uint32_t i = last_;
    while (i > 0) {
      --i;
      if (text_[i] != '"') continue;
      size_t slashes = 0;
      while (i > slashes && text_[i - 1 - slashes] == '\\') ++slashes;
      if (slashes % 2 == 0) return i;
    }
    return 0;
  }
  Builder& b_;
  const std::string& text_;
  const uint32_t& last_;
};

bool looks_like_json(const std::string& text) {
  size_t i = text.find_first_not_of(" \t\r\n");
  if (i != std::string::npos && text.compare(i, 3, "\xEF\xBB\xBF") == 0) i = text.find_first_not_of(" \t\r\n", i + 3);
  return i != std::string::npos && (text[i] == '{' || text[i] == '[');
}

}  // namespace

std::unique_ptr<Document> parse_document(std::filesystem::path path, std::string display, const std::string& text) {
  const Limits& limits = driftcheck::limits();
  auto doc = std::make_unique<Document>();
  doc->path = std::move(path);
  doc->display = std::move(display);
  auto fail = [&](uint32_t offset, const std::string& what) {
    Pos p = pos_of(text, offset);
    return InputError(doc->display + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + what);
  };
  if (text.empty()) throw InputError(doc->display + ": file is empty");
  if (text.size() > UINT32_MAX / 2) throw InputError(doc->display + ": file is too large");
  if (size_t bad = invalid_utf8(text); bad != std::string::npos) throw fail(static_cast<uint32_t>(bad), "not UTF-8 text");
  std::vector<std::pair<uint32_t, const Json*>> by_offset;
  by_offset.reserve(text.size() / 16);
  Builder builder(doc->root, by_offset, limits);
  try {
    if (looks_like_json(text)) {
      uint32_t last = 0;
      JsonHandler handler(builder, text, last);
      CountingIterator begin{text.data(), text.data(), &last}, end{text.data() + text.size(), text.data(), &last};
      Json::sax_parse(begin, end, &handler);
    } else {
      parse_yaml(text, builder);
    }
  } catch (const LoadError& e) {
    throw fail(e.offset, e.what);
  } catch (const InputError& e) {
    std::string what = e.what();  // "@line:col: message" from libfyaml's diagnostics
    throw InputError(doc->display + ":" + what.substr(1));
  }
  if (!builder.done()) throw InputError(doc->display + ": no document content");
  // Line and column for every node, computed once with a running counter over sorted offsets.
  std::sort(by_offset.begin(), by_offset.end());
  doc->positions.reserve(by_offset.size());
  Pos p;
  size_t i = 0;
  for (auto& [off, node] : by_offset) {
    for (; i < off && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++p.line;
        p.column = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++p.column;
      }
    }
    doc->positions[node] = p;
  }
  return doc;
}

}  // namespace driftcheck::openapi
