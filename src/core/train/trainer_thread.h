// Runs a Trainer on its own thread (the threaded build, and native). Idle, the thread sleeps on a
// condition variable rather than spinning, because the UI needs the other core.
//
//   bn::Trainer trainer(...);
//   bn::TrainerThread thread(trainer);       // trains whenever the trainer has work
//   trainer.post(bn::TrainerCommand::kStart);
//   // ~TrainerThread stops and joins.
#pragma once

#include <chrono>
#include <thread>

#include "core/train/trainer.h"

namespace bn {

class TrainerThread {
 public:
  explicit TrainerThread(Trainer& trainer, std::chrono::milliseconds slice = std::chrono::milliseconds(20));
  ~TrainerThread();
  TrainerThread(const TrainerThread&) = delete;
  TrainerThread& operator=(const TrainerThread&) = delete;

 private:
  Trainer& trainer_;
  std::thread thread_;
};

}  // namespace bn
