// The model being trained and the copy the views look through. The trainer (core/train) owns the
// model; in the threaded build it runs on its own thread. Everything else reads its latest
// immutable snapshot, and a private "viewer" model holds a copy of the snapshot's weights to
// reconstruct, encode and sample with.
//
//   Training training(/*threaded=*/true);
//   training.start(data, config);             // a new trainer on a data set
//   training.post(bn::TrainerCommand::kToggle);
//   training.update(now, frame_ms);           // once a frame: picks up the newest weights
//   training.viewer().reconstruct(images);
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <utility>

#include "app/session/dataset_hub.h"
#include "app/session/state_writer.h"
#include "core/models/model.h"
#include "core/train/trainer.h"
#include "core/train/trainer_thread.h"

namespace bn_app {

class Training {
 public:
  explicit Training(bool threaded) : threaded_(threaded) {}
  ~Training();
  Training(const Training&) = delete;
  Training& operator=(const Training&) = delete;

  // A new trainer on `data`, with `config` untrained (post_model may follow at once, before the
  // trainer first runs). Throws, changing nothing, if it cannot be built.
  void start(const LoadedDataset& data, const bn::ModelConfig& config);
  bool started() const { return trainer_ != nullptr; }
  bool threaded() const { return threaded_; }

  // Until the training images are in, Train (or a lesson's start) is remembered and Step refused:
  // no step may learn from the test split standing in for them.
  void post(bn::TrainerCommand command);
  void post_model(const bn::ModelConfig& config, bn::FloatBuffer weights = {});
  // The data set's training images are not in yet (the trainer holds its test split in their place).
  bool waiting_for_train_set() const { return started() && !train_in_; }
  // Train was pressed while waiting: training starts when the images are in.
  bool starts_when_in() const { return start_when_in_; }
  // The training images have come: the trainer goes on with them, the model, its weights and its
  // curves kept, and starts at once if Train was pressed while waiting.
  void take_train_set(const LoadedDataset& data);

  // What changed in the last update.
  struct Changes {
    bool model = false;    // another model (a preset, the editor, a new data set)
    bool weights = false;  // new weights of the same model (training progress)
  };
  // Once a frame, at `now` seconds: a slow-motion step when one is due, a slice of training in
  // the single-thread build, then the newest snapshot's weights into the viewer. `frame_ms` is
  // the recent median frame time: the threaded trainer rests longer while frames are slow.
  Changes update(double now, float frame_ms);

  const bn::TrainingSnapshot& snapshot() const { return *snapshot_; }
  const bn::ModelConfig& config() const { return *snapshot_->config; }
  // The model last handed to the trainer: config() once it is settled.
  const bn::ModelConfig& latest_config() const { return latest_config_; }
  // The snapshot's weights, in a model of its own for the views (never the trained one).
  bn::Model& viewer() { return *viewer_; }
  const bn::Model& viewer() const { return *viewer_; }
  // Moves on with every new set of weights the viewer takes, and with every new model.
  uint64_t weights_revision() const { return weights_revision_; }
  // Moves on with every new model: a preset's, the editor's, a new data set's trainer.
  uint64_t model_revision() const { return model_revision_; }
  // False while a posted model waits for the trainer to swap it in: the viewer still holds the
  // old one, so anything computed now would be of (and sized for) the wrong model.
  bool settled() const { return snapshot_->model_revision == trainer_->posted_model_revision(); }

  // The single-thread build on a page trains between frames, in tasks of its own (the page's
  // scheduler calls train_between_frames), not inside update: the frame stays short, and the
  // trainer takes the time frames leave. Native single-thread sessions (the tests) train in update.
  void set_trains_between_frames(bool on) { trains_between_frames_ = on; }  // before start()
  // One unit of training work (a part of a step, or a chunk of the test-loss pass), if there is any and
  // `ms_left` before the next frame covers the last unit's time (`first`: the first call after a
  // frame, which always runs one, so a unit longer than the gap still progresses). True while
  // there is more work to do.
  bool train_between_frames(double ms_left, bool first);
  // Slow motion: one step every kSlowMotionStep seconds, slow enough to watch each one.
  static constexpr double kSlowMotionStep = 0.25;
  bool slow_motion() const { return slow_motion_; }
  void set_slow_motion(bool on) { slow_motion_ = on; }
  // Images trained per second of wall time over the last few seconds of training: what the user
  // gets, rests, test-loss passes and the UI's share of the CPU included (0 while not training).
  // The snapshot's metrics.samples_per_second counts only the time inside steps.
  double images_per_second() const;
  // The threaded trainer's rest between slices, in ms; -1 in the single-thread build.
  int rest_ms() const { return thread_ ? static_cast<int>(thread_->rest().count()) : -1; }
  // Stops and joins the trainer's thread (before the program's other parts go).
  void stop() { thread_.reset(); }

  // The model and where its training is: modelKind, latent, hidden, learningRate, training, step,
  // epoch, trainLoss, testLoss, samplesPerSecond (of wall time), computeSamplesPerSecond (inside
  // steps), message, trainerRestMs, waitsForTrainingImages.
  void describe(StateWriter& out) const;

 private:
  void adjust_rest(double now, float frame_ms);
  void note_progress(double now);

  bool threaded_;
  std::unique_ptr<bn::Trainer> trainer_;
  std::unique_ptr<bn::TrainerThread> thread_;  // threaded only; declared after the trainer it runs
  std::shared_ptr<const bn::TrainingSnapshot> snapshot_;
  std::unique_ptr<bn::Model> viewer_;
  uint64_t viewer_model_ = 0;    // the snapshot's model_revision the viewer was built for
  uint64_t viewer_weights_ = 0;  // the snapshot's revision it holds
  uint64_t weights_revision_ = 0;
  uint64_t model_revision_ = 0;
  bn::ModelConfig latest_config_;
  bool train_in_ = true;
  bool start_when_in_ = false;
  bool slow_motion_ = false;
  bool trains_between_frames_ = false;
  double unit_ms_ = 0.0;  // the last unit of between-frames training
  double last_slow_step_ = -1e9;
  double rest_adjusted_at_ = 0.0;
  double weights_taken_at_ = -1e9;
  // (seconds, step) while training, the last kRateWindow seconds of them.
  std::deque<std::pair<double, int64_t>> progress_;
};

}  // namespace bn_app
