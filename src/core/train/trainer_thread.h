// Runs a Trainer on its own thread (the threaded build, and native). Idle, the thread sleeps on a
// condition variable rather than spinning, because the UI needs the other core.
//
//   bn::Trainer trainer(...);
//   bn::TrainerThread thread(trainer);       // trains whenever the trainer has work
//   trainer.post(bn::TrainerCommand::kStart);
//   // ~TrainerThread stops and joins.
#pragma once

#include <atomic>
#include <chrono>
#include <thread>

#include "core/train/trainer.h"

namespace bn {

class TrainerThread {
 public:
  // After each `slice` of training the thread rests for `rest` (cut short by a command or by
  // stopping): on a machine with as many cores as busy threads, that share of a core goes to the
  // UI (and, in a browser without a GPU, to its software rendering) instead of the trainer.
  explicit TrainerThread(Trainer& trainer, std::chrono::milliseconds slice = std::chrono::milliseconds(20),
                         std::chrono::milliseconds rest = std::chrono::milliseconds(0));
  ~TrainerThread();
  TrainerThread(const TrainerThread&) = delete;
  TrainerThread& operator=(const TrainerThread&) = delete;

  // Changes the rest from the next slice on (any thread).
  void set_rest(std::chrono::milliseconds rest) { rest_ms_ = static_cast<int>(rest.count()); }
  std::chrono::milliseconds rest() const { return std::chrono::milliseconds(rest_ms_.load()); }

 private:
  Trainer& trainer_;
  std::atomic<int> rest_ms_;
  std::thread thread_;
};

}  // namespace bn
