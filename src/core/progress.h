// "Still working" for slow steps: a line on stderr with the elapsed time, shown only when stderr
// is a terminal and the step has run for half a second; erased when the step ends, so logs and
// pipes never see it.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace driftcheck {

class Progress {
 public:
  explicit Progress(std::string what);  // "parsing C++ headers (old: 36, new: 37)"
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

 private:
  void show();

  std::string what_;
  std::mutex mutex_;
  std::condition_variable done_changed_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace driftcheck
