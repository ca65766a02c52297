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
  reset_model();
  publish();
}

void Trainer::post_model(const ModelConfig& config, FloatBuffer weights) {
  check_trainable(config, *train_, *test_);
  if (!weights.empty() && weights.size() != make_model(config)->parameters().size())
    throw std::invalid_argument("Trainer: the weights do not fit this model (" + std::to_string(weights.size()) +
                                " values for " + describe(config) + ")");
  {
    std::lock_guard<std::mutex> lock(mutex_);
    model_changes_.push_back({config, std::move(weights)});
  }
  work_available_.notify_one();
}

void Trainer::replace_model(const ModelConfig& config, FloatBuffer weights) {
  config_ = config;
  published_config_ = std::make_shared<const ModelConfig>(config_);
  ++model_generation_;
  training_ = false;
  pending_single_steps_ = 0;
  message_.clear();
  reset_model();
  if (!weights.empty()) {
    model_->parameters().values() = std::move(weights);
    model_->reset_optimizer();
  }
  // Publish at once: the divergence guard restores from the last snapshot, which must be this model's.
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

bool Trainer::has_work() const { return training_ || evaluating_ || pending_single_steps_ > 0; }

bool Trainer::wait_for_work() {
  std::unique_lock<std::mutex> lock(mutex_);
  work_available_.wait(lock, [&] { return stopped_ || !commands_.empty() || !model_changes_.empty() || has_work(); });
  return !stopped_;
}

void Trainer::rest(std::chrono::milliseconds duration) {
  std::unique_lock<std::mutex> lock(mutex_);
  work_available_.wait_for(lock, duration,
                           [&] { return stopped_ || !commands_.empty() || !model_changes_.empty(); });
}

void Trainer::drain_commands() {
  std::vector<TrainerCommand> commands;
  std::vector<ModelChange> changes;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    commands.swap(commands_);
    changes.swap(model_changes_);
  }
  for (ModelChange& change : changes) replace_model(change.config, std::move(change.weights));
  for (TrainerCommand command : commands) {
    switch (command) {
      case TrainerCommand::kStart: training_ = true; message_.clear(); break;
      case TrainerCommand::kPause: training_ = false; break;
      case TrainerCommand::kToggle: training_ = !training_; message_.clear(); break;
      case TrainerCommand::kStep: training_ = false; ++pending_single_steps_; break;
      case TrainerCommand::kReset: training_ = false; pending_single_steps_ = 0; message_.clear(); reset_model(); break;
    }
    dirty_ = true;
  }
}

void Trainer::reset_model() {
  model_ = make_model(config_);
  batches_ = std::make_unique<BatchIterator>(train_->count(), config_.batch_size, config_.seed);
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
    if (evaluating_) {
      evaluate_one_chunk();
    } else {
      auto step_start = Clock::now();
      train_one_step();
      throughput_seconds_ += std::chrono::duration<double>(Clock::now() - step_start).count();
      if (pending_single_steps_ > 0) --pending_single_steps_;
    }
    dirty_ = true;
    auto now = Clock::now();
    if (now - last_publish_ >= options_.publish_interval) publish();
    if (now - start >= budget) break;
  }
  if (dirty_ && (!has_work() || Clock::now() - last_publish_ >= options_.publish_interval)) publish();
}

void Trainer::train_one_step() {
  bool epoch_ended = batches_->next(batch_indices_);
  float loss = model_->train_step(train_->batch(batch_indices_));
  if (!std::isfinite(loss)) {
    recover_from_divergence(std::isnan(loss) ? "the loss became NaN" : "the loss became infinite");
    return;
  }
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

void Trainer::recover_from_divergence(const char* what) {
  // The published snapshot is the last state known to be finite: publish() checks before it swaps.
  auto good = std::atomic_load(&snapshot_);
  model_->parameters().values() = good->weights;
  model_->reset_optimizer();
  training_ = false;
  pending_single_steps_ = 0;
  message_ = "Training diverged at step " + std::to_string(metrics_.step + 1) + " (" + what +
             "). Restored the weights from step " + std::to_string(good->metrics.step) +
             " and paused. Try a lower learning rate.";
  metrics_.step = good->metrics.step;
}

void Trainer::thin(std::vector<LossPoint>& curve) const {
  if (curve.size() <= options_.max_curve_points) return;
  size_t kept = 0;
  for (size_t i = 0; i < curve.size(); i += 2) curve[kept++] = curve[i];
  curve.resize(kept);
}

void Trainer::publish() {
  // Weights can turn non-finite in an update whose loss (computed before it) was still finite;
  // checking here, every publish interval, is far cheaper than after every step.
  if (snapshot_ && !all_finite(model_->parameters().values())) recover_from_divergence("the weights became non-finite");
  auto snapshot = std::make_shared<TrainingSnapshot>();
  snapshot->version = ++version_;
  snapshot->model_generation = model_generation_;
  snapshot->config = published_config_;
  snapshot->training = training_;
  snapshot->weights = model_->parameters().values();
  snapshot->metrics = metrics_;
  if (throughput_seconds_ > 0) snapshot->metrics.samples_per_second = throughput_samples_ / throughput_seconds_;
  snapshot->message = message_;
  std::atomic_store(&snapshot_, std::shared_ptr<const TrainingSnapshot>(std::move(snapshot)));
  last_publish_ = std::chrono::steady_clock::now();
  dirty_ = false;
}

}  // namespace bn
