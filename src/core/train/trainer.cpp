#include "core/train/trainer.h"

#include <cmath>
#include <limits>

namespace bn {

namespace {

constexpr float kNotYet = std::numeric_limits<float>::quiet_NaN();

void check_trainable(const ModelConfig& config, const Dataset& train, const Dataset& test) {
  validate(config);
  if (config.kind == ModelKind::kPca)
    throw std::invalid_argument("Trainer: PCA is fitted in one go (Pca::fit), not trained by steps");
  if (train.pixels_per_image() != config.input_size() || test.pixels_per_image() != config.input_size())
    throw std::invalid_argument("Trainer: the data's image size does not match the model's input size");
}

bool all_finite(const FloatBuffer& values) {
  for (float v : values)
    if (!std::isfinite(v)) return false;
  return true;
}

}  // namespace

Trainer::Trainer(const ModelConfig& config, std::shared_ptr<const Dataset> train, std::shared_ptr<const Dataset> test,
                 TrainerOptions options)
    : config_(config), options_(options), train_(std::move(train)), test_(std::move(test)) {
  if (!train_ || train_->count() == 0) throw std::invalid_argument("Trainer: the training set is empty");
  if (!test_ || test_->count() == 0) throw std::invalid_argument("Trainer: the test set is empty");
  check_trainable(config_, *train_, *test_);
  published_config_ = std::make_shared<const ModelConfig>(config_);
  reset_model(make_model(config_));
  publish();
}

void Trainer::post_model(const ModelConfig& config, FloatBuffer weights) {
  // The test split's shape is the training split's (post_train_set checks), and train_ belongs to
  // the trainer's thread.
  check_trainable(config, *test_, *test_);
  // Built here, on the caller's thread, so that a model too big for memory is refused to the
  // caller (std::bad_alloc) before anything changes; the trainer's thread only swaps it in.
  std::unique_ptr<Model> model = make_model(config);
  if (!weights.empty()) {
    if (weights.size() != model->parameters().size())
      throw std::invalid_argument("Trainer: the weights do not fit this model (" + std::to_string(weights.size()) +
                                  " values for " + describe(config) + ")");
    model->parameters().values() = std::move(weights);
    model->reset_optimizer();
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    model_changes_.push_back(std::move(model));
    ++posted_model_revision_;
  }
  work_available_.notify_one();
}

void Trainer::replace_model(std::unique_ptr<Model> model) {
  ++model_revision_;  // the caller waits for this revision, whether or not the model fits
  training_ = false;
  pending_single_steps_ = 0;
  message_.clear();
  try {
    auto published = std::make_shared<const ModelConfig>(model->config());
    reset_model(std::move(model));
    published_config_ = std::move(published);
  } catch (const std::bad_alloc&) {
    message_ = "Not enough memory to switch to the new model: kept the current one.";
  }
  // Publish at once: readers wait for this revision.
  publish();
}

void Trainer::post(TrainerCommand command) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    commands_.push_back(command);
  }
  work_available_.notify_one();
}

void Trainer::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
  }
  work_available_.notify_all();
}

bool Trainer::has_work() const { return training_ || evaluating_ || pending_single_steps_ > 0 || step_in_progress_; }

bool Trainer::wait_for_work() {
  std::unique_lock<std::mutex> lock(mutex_);
  work_available_.wait(lock, [&] { return stopped_ || !commands_.empty() || !model_changes_.empty() || has_work(); });
  return !stopped_;
}

void Trainer::rest(std::chrono::milliseconds duration) {
  std::unique_lock<std::mutex> lock(mutex_);
  work_available_.wait_for(lock, duration, [&] { return stopped_ || !commands_.empty() || !model_changes_.empty(); });
}

void Trainer::post_train_set(std::shared_ptr<const Dataset> train) {
  if (!train || train->count() == 0) throw std::invalid_argument("Trainer: the training set is empty");
  if (train->pixels_per_image() != test_->pixels_per_image())
    throw std::invalid_argument("Trainer: the training images are not the size of the test images");
  {
    std::lock_guard<std::mutex> lock(mutex_);
    train_change_ = std::move(train);
  }
  work_available_.notify_one();
}

void Trainer::drain_commands() {
  std::vector<TrainerCommand> commands;
  std::vector<std::unique_ptr<Model>> changes;
  std::shared_ptr<const Dataset> train;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    commands.swap(commands_);
    changes.swap(model_changes_);
    train.swap(train_change_);
  }
  // What changes the model, its data or whether it trains comes between steps, never inside one.
  if (step_in_progress_ && (train || !changes.empty() || !commands.empty())) {
    try {
      while (!model_->continue_step()) {
      }
      finish_step();
    } catch (const std::bad_alloc&) {
      out_of_memory_in_step();
    }
  }
  if (train) {
    train_ = std::move(train);
    batches_ = std::make_unique<BatchIterator>(train_->count(), config_.batch_size, config_.seed);
  }
  for (std::unique_ptr<Model>& model : changes) replace_model(std::move(model));
  for (TrainerCommand command : commands) {
    switch (command) {
      case TrainerCommand::kStart:
        training_ = true;
        message_.clear();
        break;
      case TrainerCommand::kPause: training_ = false; break;
      case TrainerCommand::kToggle:
        training_ = !training_;
        message_.clear();
        break;
      case TrainerCommand::kStep:
        training_ = false;
        ++pending_single_steps_;
        break;
      case TrainerCommand::kReset:
        training_ = false;
        pending_single_steps_ = 0;
        message_.clear();
        try {
          reset_model(make_model(config_));
        } catch (const std::bad_alloc&) {
          message_ = "Not enough memory to reset the model: kept the current weights.";
        }
        break;
    }
    dirty_ = true;
  }
}

void Trainer::reset_model(std::unique_ptr<Model> model) {
  // What allocates comes first, so that running out of memory leaves the current model whole.
  Checkpoint start{model->parameters().values(), 0};  // where a model starts, it can go back to
  auto batches = std::make_unique<BatchIterator>(train_->count(), model->config().batch_size, model->config().seed);
  model_ = std::move(model);
  step_in_progress_ = false;
  config_ = model_->config();
  batches_ = std::move(batches);
  verified_ = std::move(start);
  candidate_ = {};
  guard_.restart();
  metrics_ = TrainingMetrics{};
  metrics_.train_loss = kNotYet;
  metrics_.test_loss = kNotYet;
  recent_loss_sum_ = 0.0;
  recent_loss_count_ = 0;
  throughput_samples_ = throughput_seconds_ = 0.0;
  // Measure the untrained model, so the test curve starts at step 0.
  evaluating_ = true;
  eval_position_ = 0;
  eval_loss_sum_ = 0.0;
  dirty_ = true;
}

void Trainer::run_for(std::chrono::microseconds budget) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  drain_commands();
  while (has_work()) {
    try {
      if (evaluating_) {
        evaluate_one_chunk();
      } else {
        auto unit_start = Clock::now();
        train_one_unit();
        throughput_seconds_ += std::chrono::duration<double>(Clock::now() - unit_start).count();
      }
    } catch (const std::bad_alloc&) {
      out_of_memory_in_step();
    }
    dirty_ = true;
    auto now = Clock::now();
    if (now - last_publish_ >= options_.publish_interval) publish();
    if (now - start >= budget) break;
  }
  if (dirty_ && (!has_work() || Clock::now() - last_publish_ >= options_.publish_interval)) publish();
}

void Trainer::out_of_memory_in_step() {
  // A step allocates its activations before it updates anything, but restore anyway: the verified
  // weights are a state known to be whole.
  evaluating_ = false;
  restore_verified("Not enough memory to train this model (batch " + std::to_string(config_.batch_size) +
                       ") at step " + std::to_string(metrics_.step + 1),
                   "Try a smaller batch or model.");
}

void Trainer::train_one_unit() {
  if (!step_in_progress_) {
    begin_step();
    if (options_.step_in_parts) return;
  }
  while (!model_->continue_step()) {
    if (options_.step_in_parts) return;
  }
  finish_step();
}

void Trainer::begin_step() {
  checkpointing_ = metrics_.step % kCheckpointEvery == 0;
  if (checkpointing_) {
    candidate_.weights = model_->parameters().values();  // into the buffer it already has: no allocation
    candidate_.step = metrics_.step;
  }
  step_ended_epoch_ = batches_->next(batch_indices_);
  step_loss_ = model_->begin_step(train_->batch(batch_indices_));
  step_in_progress_ = true;
}

void Trainer::finish_step() {
  step_in_progress_ = false;
  if (pending_single_steps_ > 0) --pending_single_steps_;
  const float loss = step_loss_;
  const bool epoch_ended = step_ended_epoch_;
  if (const std::string why = guard_.check(loss); !why.empty()) {
    recover_from_divergence(why);
    return;
  }
  if (checkpointing_) std::swap(verified_, candidate_);
  ++metrics_.step;
  metrics_.epoch = batches_->epoch();
  metrics_.epoch_progress = batches_->epoch_progress();
  throughput_samples_ += static_cast<double>(batch_indices_.size());
  recent_loss_sum_ += loss;
  ++recent_loss_count_;
  if (recent_loss_count_ >= options_.train_curve_every || epoch_ended) {
    metrics_.train_loss = static_cast<float>(recent_loss_sum_ / recent_loss_count_);
    metrics_.train_curve.push_back({metrics_.step, metrics_.train_loss});
    thin(metrics_.train_curve);
    recent_loss_sum_ = 0.0;
    recent_loss_count_ = 0;
  } else if (std::isnan(metrics_.train_loss)) {
    metrics_.train_loss = loss;
  }
  if (metrics_.step % options_.eval_every_steps == 0 || epoch_ended) {
    evaluating_ = true;
    eval_position_ = 0;
    eval_loss_sum_ = 0.0;
  }
}

void Trainer::evaluate_one_chunk() {
  int count = std::min(options_.eval_chunk, test_->count() - eval_position_);
  float chunk_loss = model_->loss(test_->batch_range(eval_position_, count));
  eval_loss_sum_ += static_cast<double>(chunk_loss) * count;
  eval_position_ += count;
  if (eval_position_ < test_->count()) return;
  evaluating_ = false;
  metrics_.test_loss = static_cast<float>(eval_loss_sum_ / test_->count());
  if (metrics_.test_curve.empty() || metrics_.test_curve.back().step != metrics_.step) {
    metrics_.test_curve.push_back({metrics_.step, metrics_.test_loss});
    thin(metrics_.test_curve);
  }
}

void Trainer::recover_from_divergence(const std::string& why) {
  restore_verified("Training diverged at step " + std::to_string(metrics_.step + 1) + " (" + why + ")",
                   "Try a lower learning rate.");
}

void Trainer::restore_verified(const std::string& what_happened, const char* advice) {
  step_in_progress_ = false;  // its gradients are of weights that are gone
  model_->parameters().values() = verified_.weights;
  model_->reset_optimizer();
  training_ = false;
  pending_single_steps_ = 0;
  message_ =
      what_happened + ". Restored the weights from step " + std::to_string(verified_.step) + " and paused. " + advice;
  metrics_.step = verified_.step;
  recent_loss_sum_ = 0.0;  // the next train-curve point is of the restored weights alone
  recent_loss_count_ = 0;
}

void Trainer::thin(std::vector<LossPoint>& curve) const {
  if (curve.size() <= options_.max_curve_points) return;
  size_t kept = 0;
  for (size_t i = 0; i < curve.size(); i += 2) curve[kept++] = curve[i];
  curve.resize(kept);
}

void Trainer::publish() {
  // Weights can turn non-finite in an update whose loss (computed before it) was still finite;
  // checking here, every publish interval, is far cheaper than after every step. Only finite
  // weights are ever published.
  if (snapshot_ && !all_finite(model_->parameters().values())) recover_from_divergence("the weights became non-finite");
  std::shared_ptr<TrainingSnapshot> snapshot;
  try {
    snapshot = std::make_shared<TrainingSnapshot>();
    snapshot->weights = model_->parameters().values();
    snapshot->metrics = metrics_;
  } catch (const std::bad_alloc&) {
    if (!snapshot_) throw;  // the constructor's first snapshot: its caller hears of it
    return;                 // still dirty: the next publish tries again, and readers keep the last one
  }
  snapshot->revision = ++revision_;
  snapshot->model_revision = model_revision_;
  snapshot->config = published_config_;
  snapshot->training = training_;
  if (throughput_seconds_ > 0) snapshot->metrics.samples_per_second = throughput_samples_ / throughput_seconds_;
  snapshot->message = message_;
  std::atomic_store(&snapshot_, std::shared_ptr<const TrainingSnapshot>(std::move(snapshot)));
  last_publish_ = std::chrono::steady_clock::now();
  dirty_ = false;
}

}  // namespace bn
