#include "core/train/trainer_thread.h"

namespace bn {

TrainerThread::TrainerThread(Trainer& trainer, std::chrono::milliseconds slice, std::chrono::milliseconds rest)
    : trainer_(trainer) {
  thread_ = std::thread([this, slice, rest] {
    while (trainer_.wait_for_work()) {
      trainer_.run_for(slice);
      if (rest.count() > 0) trainer_.rest(rest);
    }
  });
}

TrainerThread::~TrainerThread() {
  trainer_.stop();
  thread_.join();
}

}  // namespace bn
