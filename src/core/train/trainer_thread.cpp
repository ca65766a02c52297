#include "core/train/trainer_thread.h"

namespace bn {

TrainerThread::TrainerThread(Trainer& trainer, std::chrono::milliseconds slice) : trainer_(trainer) {
  thread_ = std::thread([this, slice] {
    while (trainer_.wait_for_work()) trainer_.run_for(slice);
  });
}

TrainerThread::~TrainerThread() {
  trainer_.stop();
  thread_.join();
}

}  // namespace bn
