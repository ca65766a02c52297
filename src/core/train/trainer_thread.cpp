#include "core/train/trainer_thread.h"

namespace bn {

TrainerThread::TrainerThread(Trainer& trainer, std::chrono::milliseconds slice, std::chrono::milliseconds rest)
    : trainer_(trainer), rest_ms_(static_cast<int>(rest.count())) {
  thread_ = std::thread([this, slice] {
    while (trainer_.wait_for_work()) {
      trainer_.run_for(slice);
      if (const int rest_ms = rest_ms_.load(); rest_ms > 0) trainer_.rest(std::chrono::milliseconds(rest_ms));
    }
  });
}

TrainerThread::~TrainerThread() {
  trainer_.stop();
  thread_.join();
}

}  // namespace bn
