// Tells when a training run has diverged, from the batch losses it reports step by step.
//
//   bn::DivergenceGuard guard;
//   for (...) {
//     const std::string why = guard.check(model.train_step(batch));
//     if (!why.empty()) stop(why);          // "the loss rose from 0.694 to 2.2e+08, ..."
//   }
//   guard.restart();                        // another model, or fresh weights: a new start
//
// A run has diverged when its loss is NaN or infinite, or when a finite loss is more than kFactor
// times the run's first one (the loss of the weights it started from, which train_step reports
// before its update). Learning lowers a loss; none of the quality table's recipes ever rises above
// its start, while a learning rate far too high (`bottleneck train --lr 10`) reaches a BCE of 2e8
// per pixel within a few steps and stays finite, so a NaN check alone never sees it.
#pragma once

#include <cmath>
#include <string>

namespace bn {

class DivergenceGuard {
 public:
  static constexpr float kFactor = 10.0f;

  // Empty while the run is fine, else why it diverged, in words for a user.
  std::string check(float loss);
  void restart() { start_ = std::nanf(""); }
  // The run's first loss (NaN before it).
  float start() const { return start_; }

 private:
  float start_ = std::nanf("");
};

}  // namespace bn
