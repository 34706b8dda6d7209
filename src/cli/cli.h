// The driftcheck command as a function, for main() and for the fuzz harnesses that run it
// in-process on hostile input.
#pragma once

namespace driftcheck {

struct CliRun {
  // The process ends right after the run: the models of big contracts are left to the exit
  // instead of freed, which takes longer. Leaks when the run is one of many.
  bool exits_after = false;
  bool internal_error = false;  // set when the run ended on an unexpected exception: a bug, not bad input
};

// Parses the arguments, runs the command and prints its report and errors (std::cout,
// std::cerr). Returns the exit status: 0 compatible, 1 breaking changes, 2 could not check.
int run_cli(int argc, char** argv, CliRun& run);

}  // namespace driftcheck
