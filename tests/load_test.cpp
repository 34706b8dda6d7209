// Loading: descriptor sets, .proto files and folders; and every kind of bad input, which must
// give one clear InputError (exit 2 from the CLI), never a crash or a silent pass.
#include <catch2/catch.hpp>
#include <unistd.h>

#include "core/input_error.h"
#include "proto/check.h"
#include "proto/load.h"
#include "support.h"

using namespace driftcheck;
using test::TempDir;

namespace {

std::string load_error(const std::string& path, proto::LoadOptions opts = {}) {
  try {
    proto::load_image(path, opts);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const char* kSimple = "syntax = \"proto3\";\npackage p;\nmessage M {\n  int32 a = 1;\n}\n";

}  // namespace

TEST_CASE("a .proto file loads with source locations", "[load]") {
  TempDir dir;
  auto path = dir.write("m.proto", kSimple);
  auto image = proto::load_image(path.string(), {});
  REQUIRE(image->files.size() == 1);
  const proto::File& f = image->files.front();
  CHECK(f.name == "m.proto");
  CHECK(f.edition == proto::Edition::proto3);
  REQUIRE(image->messages.size() == 1);
  auto loc = proto::location_of(image->messages.front());
  CHECK(loc.line == 3);
  CHECK(loc.column == 1);
  CHECK(loc.file == dir.path.string() + "/m.proto");
}

TEST_CASE("a folder is the import root of the files under it", "[load]") {
  TempDir dir;
  dir.write("a/dep.proto", "syntax = \"proto3\";\npackage a;\nmessage D {}\n");
  dir.write("b/use.proto",
            "syntax = \"proto3\";\npackage b;\nimport \"a/dep.proto\";\nimport \"google/protobuf/timestamp.proto\";\n"
            "message U { a.D d = 1; google.protobuf.Timestamp t = 2; }\n");
  auto image = proto::load_image(dir.path.string(), {});
  CHECK(image->file_by_name.count("a/dep.proto"));
  CHECK(image->file_by_name.count("b/use.proto"));
  // The well-known type resolves without flags and is marked as an import.
  REQUIRE(image->file_by_name.count("google/protobuf/timestamp.proto"));
  CHECK(image->file_by_name.at("google/protobuf/timestamp.proto")->is_import);
  CHECK_FALSE(image->file_by_name.at("b/use.proto")->is_import);
}

TEST_CASE("a descriptor set is detected by content, not extension", "[load]") {
  TempDir dir;
  auto src = dir.write("m.proto", kSimple);
  auto out = dir.path / "set.data";
  std::string cmd = "protoc -I '" + dir.path.string() + "' --include_source_info -o '" + out.string() + "' m.proto";
  REQUIRE(std::system(cmd.c_str()) == 0);
  auto image = proto::load_image(out.string(), {});
  REQUIRE(image->files.size() == 1);
  CHECK(image->files.front().source_info().location_size() > 0);
  CHECK(proto::looks_like_descriptor_set(test::slurp(out)));
}

TEST_CASE("bad input is one clear error", "[load][bad-input]") {
  TempDir dir;
  SECTION("missing path") {
    CHECK_THAT(load_error((dir.path / "nope.pb").string()), Catch::Contains("no such file or directory"));
  }
  SECTION("empty file") {
    CHECK_THAT(load_error(dir.write("empty.pb", "").string()), Catch::Contains("file is empty"));
  }
  SECTION("neither a descriptor set nor a .proto") {
    CHECK_THAT(load_error(dir.write("junk.bin", "\x01\x02\x03garbage").string()),
               Catch::Contains("neither a FileDescriptorSet nor a .proto file"));
  }
  SECTION("truncated descriptor set") {
    auto src = dir.write("m.proto", kSimple);
    auto out = dir.path / "set.pb";
    std::string cmd = "protoc -I '" + dir.path.string() + "' --include_source_info -o '" + out.string() + "' m.proto";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::string bytes = test::slurp(out);
    for (size_t cut : {bytes.size() / 2, bytes.size() - 1, size_t{3}}) {
      auto trunc = dir.write("trunc.pb", bytes.substr(0, cut));
      CHECK_THAT(load_error(trunc.string()), Catch::Contains("truncated or malformed FileDescriptorSet"));
    }
  }
  SECTION("unparsable .proto names file, line and column") {
    auto p = dir.write("bad.proto", "syntax = \"proto3\";\nmessage {\n}\n");
    std::string err = load_error(p.string());
    CHECK_THAT(err, Catch::Contains("bad.proto:2:9"));
  }
  SECTION("unresolved import") {
    auto p = dir.write("imp.proto", "syntax = \"proto3\";\nimport \"missing/dep.proto\";\n");
    CHECK_THAT(load_error(p.string()), Catch::Contains("missing/dep.proto"));
  }
  SECTION("editions source asks for a descriptor set") {
    auto p = dir.write("ed.proto", "edition = \"2023\";\npackage e;\nmessage M { int32 a = 1; }\n");
    CHECK_THAT(load_error(p.string()), Catch::Contains("buf build -o"));
  }
  SECTION("folder with no .proto files") {
    dir.write("sub/readme.txt", "hello");
    CHECK_THAT(load_error((dir.path / "sub").string()), Catch::Contains("holds no .proto files"));
  }
  SECTION("random bytes that start like a descriptor set") {
    std::string junk = "\x0a\xff\xff\xff\xff\x0f";
    junk += std::string(100, '\x7f');
    CHECK_THAT(load_error(dir.write("junk.pb", junk).string()), Catch::Contains("malformed"));
  }
}

TEST_CASE("mutated descriptor sets never crash the loader", "[load][bad-input]") {
  // Flip, cut and splice bytes of a real descriptor set: every result must either load or be an
  // InputError. Run under the sanitizers in CI, this is a small deterministic fuzzer.
  TempDir dir;
  dir.write("m.proto",
            "syntax = \"proto2\";\npackage p;\nmessage M {\n  optional int32 a = 1 [default = 4];\n"
            "  repeated string b = 2;\n  map<string, M> c = 3;\n  oneof o { int64 d = 4; }\n"
            "  extensions 100 to 200;\n  reserved 5 to 9;\n}\nenum E { A = 0; B = 1; }\n"
            "extend M { optional int32 x = 100; }\nservice S { rpc R(M) returns (M); }\n");
  auto out = dir.path / "set.pb";
  std::string cmd = "protoc -I '" + dir.path.string() + "' --include_source_info -o '" + out.string() + "' m.proto";
  REQUIRE(std::system(cmd.c_str()) == 0);
  const std::string bytes = test::slurp(out);
  uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  int loaded = 0, rejected = 0;
  for (int i = 0; i < 400; ++i) {
    std::string m = bytes;
    int edits = 1 + static_cast<int>(next() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t at = next() % m.size();
      switch (next() % 3) {
        case 0: m[at] = static_cast<char>(next()); break;
        case 1: m.erase(at, next() % 16); break;
        case 2: m.insert(at, m.substr(next() % m.size(), next() % 32)); break;
      }
      if (m.empty()) m = "\x0a";
    }
    auto path = dir.write("mut.pb", m);
    try {
      auto image = proto::load_image(path.string(), {});
      for (const auto& f : image->files) (void)f.location({4, 0});
      ++loaded;
    } catch (const InputError&) {
      ++rejected;
    }
  }
  CHECK(loaded + rejected == 400);
  CHECK(rejected > 0);
}

TEST_CASE("deeply nested .proto input is an error, not a stack overflow", "[load][bad-input]") {
  TempDir dir;
  std::string text = "syntax = \"proto3\";\n";
  for (int i = 0; i < 5000; ++i) text += "message M" + std::to_string(i) + " {\n";
  for (int i = 0; i < 5000; ++i) text += "}\n";
  auto p = dir.write("deep.proto", text);
  std::string err;
  try {
    proto::load_image(p.string(), {});
  } catch (const InputError& e) {
    err = e.what();
  }
  CHECK_FALSE(err.empty());
}

TEST_CASE("a tab counts as one column in .proto sources, as in buf", "[load]") {
  TempDir dir;
  auto path = dir.write("t.proto", "syntax = \"proto3\";\npackage p;\nmessage M {\n\tint32 a = 1;\n}\n");
  auto image = proto::load_image(path.string(), {});
  REQUIRE(image->fields.size() == 1);
  auto loc = proto::location_of(image->fields.front(), {1});  // the name `a`
  CHECK(loc.line == 4);
  CHECK(loc.column == 8);  // "\tint32 " is 7 characters
  CHECK(loc.end_column == 9);
}
