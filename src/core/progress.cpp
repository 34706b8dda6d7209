#include "core/progress.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace driftcheck {

namespace {

bool stderr_is_terminal() {
  const char* term = std::getenv("TERM");
  return isatty(STDERR_FILENO) && !(term && std::string(term) == "dumb");
}

// Half a second, so quick runs never flicker; DRIFTCHECK_PROGRESS_AFTER_MS changes it.
std::chrono::milliseconds first_show_after() {
  const char* env = std::getenv("DRIFTCHECK_PROGRESS_AFTER_MS");
  return std::chrono::milliseconds(env ? std::atoi(env) : 500);
}

}  // namespace

Progress::Progress(std::string what) : what_(std::move(what)) {
  if (stderr_is_terminal()) thread_ = std::thread([this] { show(); });
}

Progress::~Progress() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  done_changed_.notify_one();
  thread_.join();
}

void Progress::show() {
  using namespace std::chrono;
  auto start = steady_clock::now();
  std::unique_lock lock(mutex_);
  if (done_changed_.wait_for(lock, first_show_after(), [this] { return done_; })) return;
  do {
    double seconds = duration<double>(steady_clock::now() - start).count();
    std::fprintf(stderr, "\r\033[Kdriftcheck: %s... %.1f s", what_.c_str(), seconds);
    std::fflush(stderr);
  } while (!done_changed_.wait_for(lock, milliseconds(200), [this] { return done_; }));
  std::fputs("\r\033[K", stderr);  // the findings start on a clean line
  std::fflush(stderr);
}

}  // namespace driftcheck
