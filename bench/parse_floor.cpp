// The parse floor: the least work any checker that reads FileDescriptorSets must do, namely
// parsing both sets with libprotobuf (no model, no checks). The benchmark compares driftcheck's
// wall time with this.
//
//   parse_floor OLD.pb NEW.pb
#include <google/protobuf/descriptor.pb.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: parse_floor OLD.pb NEW.pb\n";
    return 2;
  }
  size_t files = 0;
  for (int i = 1; i <= 2; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    google::protobuf::FileDescriptorSet set;
    if (!set.ParseFromString(buf.str())) {
      std::cerr << argv[i] << ": cannot parse\n";
      return 2;
    }
    files += set.file_size();
  }
  std::printf("%zu files\n", files);
  return 0;
}
