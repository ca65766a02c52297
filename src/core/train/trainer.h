// Trains a model and publishes immutable snapshots of it, so a UI can read without waiting.
//
// The trainer is driven by whoever owns it: the threaded build runs it on a worker thread
// (see trainer_thread.h), the single-thread build calls run_for() with a few milliseconds each
// frame. Either way the UI only posts commands and reads snapshots:
//
//   bn::Trainer trainer(config, train_set, test_set);
//   trainer.post(bn::TrainerCommand::kStart);
//   trainer.run_for(std::chrono::milliseconds(8));      // st: once per frame
//   auto snapshot = trainer.snapshot();                   // any thread, never blocks for long
//   snapshot->metrics.train_loss; snapshot->weights;      // the whole parameter arena
//
// Work is done in units (one optimisation step, or one chunk of the periodic test evaluation),
// so a slice never overruns its budget by more than one unit. With step_in_parts a unit is a third
// of a step (its forward pass, its backward pass, its update; Model::begin_step), for an owner
// whose every call must stay short: the single-thread page, which trains between frames.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/data/batch_iterator.h"
#include "core/data/dataset.h"
#include "core/models/model.h"
#include "core/train/divergence_guard.h"

namespace bn {

struct LossPoint {
  int64_t step = 0;
  float loss = 0.0f;
};

struct TrainingMetrics {
  int64_t step = 0;
  int epoch = 0;                // completed epochs
  float epoch_progress = 0.0f;  // of the epoch under way, in [0, 1)
  float train_loss = 0.0f;      // mean of the recent steps' batch losses (NaN before the first)
  float test_loss = 0.0f;       // the last full test-set evaluation (NaN before the first)
  double samples_per_second = 0.0;
  std::vector<LossPoint> train_curve;
  std::vector<LossPoint> test_curve;
};

struct TrainingSnapshot {
  uint64_t revision = 0;                      // grows with each publish
  uint64_t model_revision = 0;                // grows each time post_model() replaces the model
  std::shared_ptr<const ModelConfig> config;  // the model these weights belong to
  bool training = false;
  FloatBuffer weights;  // the model's parameter arena, as Model::parameters().values()
  TrainingMetrics metrics;
  std::string message;  // why training stopped, when it stopped by itself
};

enum class TrainerCommand { kStart, kPause, kToggle, kStep, kReset };

struct TrainerOptions {
  int eval_every_steps = 100;      // the test loss is measured this often (and at step 0)
  int eval_chunk = 250;            // test images per unit of work
  int train_curve_every = 10;      // steps averaged into one train-curve point
  size_t max_curve_points = 2000;  // curves are thinned by half beyond this
  std::chrono::milliseconds publish_interval{33};
  bool step_in_parts = false;      // a unit of training is a part of a step, not a whole one
};

class Trainer {
 public:
  Trainer(const ModelConfig& config, std::shared_ptr<const Dataset> train, std::shared_ptr<const Dataset> test,
          TrainerOptions options = {});

  // Any thread.
  void post(TrainerCommand command);
  // Replaces the model with a new one built from `config`, starting from `weights` if given (a
  // whole parameter arena for that config, e.g. pretrained), else from the seed. Training pauses;
  // curves start again. The model is validated and built here, on the caller's thread, and nothing
  // changes if that fails: std::invalid_argument for a bad config or weights, std::bad_alloc for a
  // model that does not fit in memory.
  void post_model(const ModelConfig& config, FloatBuffer weights = {});
  // Trains on `train` from the next step on, the model, its weights and its curves kept: the
  // playground starts on a stand-in (its test split) while the training images stream in.
  // Throws std::invalid_argument for an empty set or images of another size.
  void post_train_set(std::shared_ptr<const Dataset> train);
  std::shared_ptr<const TrainingSnapshot> snapshot() const { return std::atomic_load(&snapshot_); }
  // The model_revision a snapshot will have once every model posted so far is in (any thread).
  // Until a snapshot reaches it, its model is about to be replaced: work done on it (a UI view over
  // the whole test set, say) is wasted, and sized for the wrong model.
  uint64_t posted_model_revision() const { return posted_model_revision_.load(); }

  // The owning thread only.
  void run_for(std::chrono::microseconds budget);
  bool has_work() const;
  // Blocks until there is work or stop() is called; returns false once stopped.
  bool wait_for_work();
  // Sleeps for `duration`, or less if stop() is called or a command or model is posted meanwhile.
  void rest(std::chrono::milliseconds duration);
  void stop();

 private:
  void drain_commands();
  // Trains `model` (its config becomes config_) from its current weights, with fresh batches,
  // metrics and curves. Throws std::bad_alloc, changing nothing, when that does not fit in memory.
  void reset_model(std::unique_ptr<Model> model);
  void replace_model(std::unique_ptr<Model> model);
  // A whole step, or with step_in_parts its next part.
  void train_one_unit();
  void begin_step();
  void finish_step();
  void out_of_memory_in_step();
  void evaluate_one_chunk();
  void recover_from_divergence(const std::string& why);
  // Goes back to the last verified weights, pauses, and says what happened and what to try.
  void restore_verified(const std::string& what_happened, const char* advice);
  void publish();
  void thin(std::vector<LossPoint>& curve) const;

  ModelConfig config_;  // the owning thread's; others read snapshot()->config
  std::shared_ptr<const ModelConfig> published_config_;
  uint64_t model_revision_ = 0;
  TrainerOptions options_;
  std::shared_ptr<const Dataset> train_;
  std::shared_ptr<const Dataset> test_;
  std::shared_ptr<const Dataset> train_change_;  // posted, under mutex_

  std::unique_ptr<Model> model_;
  DivergenceGuard guard_;
  // Weights whose loss was measured and passed the guard, and their step: what a diverged (or
  // out-of-memory) run goes back to. A snapshot will not do, since weights one update past a good
  // loss may already be far off. Every kCheckpointEvery steps a candidate is copied just before a
  // step, and becomes the verified one once that step's loss (of exactly those weights) passes.
  struct Checkpoint {
    FloatBuffer weights;
    int64_t step = 0;
  };
  static constexpr int kCheckpointEvery = 10;
  Checkpoint verified_;
  Checkpoint candidate_;
  std::unique_ptr<BatchIterator> batches_;
  std::vector<int> batch_indices_;
  TrainingMetrics metrics_;
  std::string message_;
  bool training_ = false;
  int pending_single_steps_ = 0;

  // The step whose parts are under way (step_in_parts): its loss and whether it ended an epoch.
  bool step_in_progress_ = false;
  bool checkpointing_ = false;
  bool step_ended_epoch_ = false;
  float step_loss_ = 0.0f;

  // The periodic test evaluation, spread over several units of work.
  bool evaluating_ = false;
  int eval_position_ = 0;
  double eval_loss_sum_ = 0.0;

  // Train-loss bookkeeping.
  double recent_loss_sum_ = 0.0;
  int recent_loss_count_ = 0;
  double throughput_samples_ = 0.0;
  double throughput_seconds_ = 0.0;

  std::chrono::steady_clock::time_point last_publish_{};
  bool dirty_ = true;
  uint64_t revision_ = 0;

  mutable std::mutex mutex_;  // guards commands_ and stopped_
  std::condition_variable work_available_;
  std::vector<TrainerCommand> commands_;
  std::vector<std::unique_ptr<Model>> model_changes_;  // built by post_model; applied before commands_
  std::atomic<uint64_t> posted_model_revision_{0};
  bool stopped_ = false;

  std::shared_ptr<const TrainingSnapshot> snapshot_;
};

}  // namespace bn
