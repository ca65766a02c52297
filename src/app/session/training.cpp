#include "app/session/training.h"

#include <algorithm>
#include <thread>

#include "core/eval/evaluate.h"
#include "core/parallel/thread_pool.h"

namespace bn_app {

namespace {

// Workers must exist in Emscripten's pre-started pool (PTHREAD_POOL_SIZE in CMakeLists.txt, which
// also counts the trainer thread), so this stays below it.
constexpr int kMaxComputeThreads = 3;

// The single-thread build trains inside the frame: this much of each ~16.7 ms frame, so the UI
// keeps 60 fps while training.
constexpr auto kSingleThreadTrainingSlice = std::chrono::milliseconds(8);

// The threaded build's trainer works in 20 ms slices and may rest between them, which leaves CPU
// to the UI and, without a GPU, to the browser's software rendering. The rest follows the frame
// rate while training: longer while frames are slower than the budget, shorter (down to none)
// while they are fast. Since the UI draws only when something changed (~10 frames a second while
// training, src/app/platform/app.cpp), frames stay fast and the rest at none, even on 2 cores
// with software GL; it rises while someone draws on every frame. Measured there before that
// change, median frame ms while training with a fixed rest: none 32.2 (676 steps in 10 s), 10 ms
// ~30 (~395 steps), 20 ms ~27 (~300).
constexpr auto kTrainerSlice = std::chrono::milliseconds(20);
constexpr int kRestStepMs = 5, kMaxRestMs = 40;
constexpr float kFrameBudgetMs = 30.0f;      // slower than this: rest longer
constexpr float kFastFrameMs = 22.0f;        // faster than this: rest less
constexpr double kRestAdjustInterval = 1.0;  // seconds of training between adjustments
constexpr double kWeightsInterval = 0.1;     // seconds between the views' new weights while training

// The test loss is measured kInferenceChunk images at a time: smaller units of work than the
// default, so the conv model's measurement on the mt trainer thread needs ~28 MB rather than ~70 MB
// of its heap. Between frames (the st page), where no task should run much past 8 ms, a step goes
// in its three parts and the test loss a quarter of that at a time: on 2 cores with software GL
// the whole step took 12 ms at the 95th percentile, and a chunk of 100 noisy test images 8-15 ms
// (the Denoising preset: the noise is drawn for every chunk). Either way the chunk's noise starts
// from the same seed, so the st and mt pages' test losses differ a little for a model trained with
// noise, and not at all without.
bn::TrainerOptions trainer_options(bool between_frames) {
  bn::TrainerOptions options;
  options.eval_chunk = between_frames ? bn::kInferenceChunk / 4 : bn::kInferenceChunk;
  options.step_in_parts = between_frames;
  return options;
}

}  // namespace

Training::~Training() { stop(); }

void Training::start(const LoadedDataset& data, const bn::ModelConfig& config) {
  auto trainer = std::make_unique<bn::Trainer>(config, data.train, data.test, trainer_options(trains_between_frames_));
  auto viewer = bn::make_model(config);
  thread_.reset();  // stops and joins the old trainer before it goes
  trainer_ = std::move(trainer);
  viewer_ = std::move(viewer);
  snapshot_ = trainer_->snapshot();
  latest_config_ = config;
  train_in_ = data.train_in;
  if (train_in_) start_when_in_ = false;
  viewer_model_ = snapshot_->model_revision;
  viewer_weights_ = ~0ull;  // the new trainer counts from the start again: take its weights
  progress_.clear();
  ++weights_revision_;
  ++model_revision_;
  if (threaded_) {
    // A compute thread a core: the UI draws so seldom while training that a second one pays even
    // on 2 cores with software GL (the Denoising preset, tests/bench/browser_page.mjs: 4.7k
    // images/s on one thread, 5.8-6.3k on two, at 50 fps).
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    bn::set_compute_threads(std::clamp(cores, 1, kMaxComputeThreads));
    thread_ = std::make_unique<bn::TrainerThread>(*trainer_, kTrainerSlice, std::chrono::milliseconds(0));
  }
}

void Training::post(bn::TrainerCommand command) {
  if (!train_in_) {
    if (command == bn::TrainerCommand::kToggle) start_when_in_ = !start_when_in_;
    else if (command == bn::TrainerCommand::kStart) start_when_in_ = true;
    else if (command == bn::TrainerCommand::kPause) start_when_in_ = false;
    else if (command == bn::TrainerCommand::kReset) trainer_->post(command);
    return;  // a step (Step, slow motion) waits with the rest
  }
  trainer_->post(command);
}

void Training::take_train_set(const LoadedDataset& data) {
  trainer_->post_train_set(data.train);
  train_in_ = true;
  if (start_when_in_) trainer_->post(bn::TrainerCommand::kStart);
  start_when_in_ = false;
}

void Training::post_model(const bn::ModelConfig& config, bn::FloatBuffer weights) {
  trainer_->post_model(config, std::move(weights));
  latest_config_ = config;
}

Training::Changes Training::update(double now, float frame_ms) {
  Changes changes;
  if (!trainer_) return changes;
  if (slow_motion_ && train_in_ && now - last_slow_step_ >= kSlowMotionStep) {
    trainer_->post(bn::TrainerCommand::kStep);
    last_slow_step_ = now;
  }
  if (!threaded_ && !trains_between_frames_) trainer_->run_for(kSingleThreadTrainingSlice);
  snapshot_ = trainer_->snapshot();
  adjust_rest(now, frame_ms);
  note_progress(now);
  if (snapshot_->model_revision != viewer_model_) {
    viewer_ = bn::make_model(*snapshot_->config);
    viewer_model_ = snapshot_->model_revision;
    viewer_weights_ = ~0ull;
    ++model_revision_;
    changes.model = true;
  }
  // While training, new weights are taken ~10 times a second: each costs a copy of the weights and
  // the views' recomputation, and the screen shows them no more often. A step, a pause or a new
  // model is taken at once.
  const bool weights_due = !snapshot_->training || changes.model || now - weights_taken_at_ >= kWeightsInterval;
  if (snapshot_->revision != viewer_weights_ && weights_due) {
    weights_taken_at_ = now;
    viewer_->parameters().values() = snapshot_->weights;
    viewer_weights_ = snapshot_->revision;
    ++weights_revision_;
    changes.weights = true;
  }
  return changes;
}

bool Training::train_between_frames(double ms_left, bool first) {
  if (!trainer_ || threaded_) return false;
  if (!first && ms_left < unit_ms_) return false;
  const auto start = std::chrono::steady_clock::now();
  const bool had_work = trainer_->has_work();
  // The posted commands first (a Train pressed this frame), then one unit: a step or a chunk of
  // the test-loss pass.
  trainer_->run_for(std::chrono::microseconds(0));
  if (had_work || trainer_->has_work())
    unit_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return trainer_->has_work();
}

void Training::note_progress(double now) {
  constexpr double kRateWindow = 3.0;
  if (!snapshot_->training) {
    progress_.clear();
    return;
  }
  const int64_t step = snapshot_->metrics.step;
  if (!progress_.empty() && step < progress_.back().second) progress_.clear();  // a reset
  if (progress_.empty() || step != progress_.back().second) progress_.emplace_back(now, step);
  while (progress_.size() > 2 && now - progress_[1].first > kRateWindow) progress_.pop_front();
}

double Training::images_per_second() const {
  if (progress_.size() < 2) return 0.0;
  const double seconds = progress_.back().first - progress_.front().first;
  if (seconds < 0.5) return 0.0;  // too short to say
  const double steps = static_cast<double>(progress_.back().second - progress_.front().second);
  return steps * snapshot_->config->batch_size / seconds;
}

void Training::adjust_rest(double now, float frame_ms) {
  if (!thread_ || !snapshot_->training) return;
  if (now - rest_adjusted_at_ < kRestAdjustInterval) return;
  rest_adjusted_at_ = now;
  const int rest = static_cast<int>(thread_->rest().count());
  int next = rest;
  if (frame_ms > kFrameBudgetMs) next = std::min(rest + kRestStepMs, kMaxRestMs);
  else if (frame_ms < kFastFrameMs) next = std::max(rest - kRestStepMs, 0);
  thread_->set_rest(std::chrono::milliseconds(next));
}

void Training::describe(StateWriter& out) const {
  // The threaded trainer's rest between slices, which follows the frame rate (null in st).
  if (thread_) out.number("trainerRestMs", static_cast<double>(thread_->rest().count()));
  else out.null("trainerRestMs");
  if (!started()) {
    for (const char* key : {"modelKind", "latent", "learningRate", "trainLoss", "testLoss"}) out.null(key);
    out.flag("training", false);
    for (const char* key : {"step", "epoch", "samplesPerSecond", "computeSamplesPerSecond"}) out.number(key, 0);
    out.text("message", "");
    return;
  }
  const bn::ModelConfig& model = config();
  const bn::TrainingMetrics& metrics = snapshot_->metrics;
  out.text("modelKind", bn::kind_name(model.kind));
  out.number("latent", model.latent);
  out.begin_array("hidden");
  for (int width : model.hidden) out.number(nullptr, width);
  out.end_array();
  out.number("learningRate", model.learning_rate);
  out.flag("training", snapshot_->training);
  out.number("step", static_cast<double>(metrics.step));
  out.number("epoch", metrics.epoch);
  out.number("trainLoss", metrics.train_loss);
  out.number("testLoss", metrics.test_loss);
  out.number("samplesPerSecond", images_per_second());
  out.number("computeSamplesPerSecond", metrics.samples_per_second);
  out.text("message", snapshot_->message);
  out.flag("waitsForTrainingImages", start_when_in_ && !train_in_);
}

}  // namespace bn_app
