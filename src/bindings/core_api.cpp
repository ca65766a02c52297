// The core's JavaScript API: Embind bindings over src/core alone (no SDL, no ImGui), built as
// bottleneck-core-{st,mt}.{js,wasm} and wrapped by web/api/bottleneck.mjs, which is what users
// call. The wrapper hides what is here: raw images are Float32Arrays of rows·pixels values, and a
// call that fails returns nothing and leaves its reason for takeError(), because a C++ exception
// crossing into JavaScript would arrive as a bare number.
//
//   Dataset.fromBytes(name, Uint8Array)   a .bnds file: 9,000 training and 1,000 test images
//   new Model(configJson, budgetBytes)     checked against the budget before it is built
//   model.setData(dataset); model.trainSteps(n) -> last loss
//   model.encode / decode / reconstruct(Float32Array, rows) -> Float32Array
//   model.sample(n, seed), model.loss(images, rows), model.save() -> Uint8Array (safetensors)
//   loadModel(Uint8Array, budgetBytes), corrupt(images, rows, type, level, seed)
//   estimateMemory(configJson), takeError()
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "core/data/batch_iterator.h"
#include "core/data/corruption.h"
#include "core/data/dataset.h"
#include "core/io/config_json.h"
#include "core/io/safetensors.h"
#include "core/models/memory_estimate.h"
#include "core/models/model.h"
#include "core/parallel/thread_pool.h"
#include "core/random.h"

namespace {

using emscripten::val;

std::string last_error;

// Runs `body`; a C++ exception becomes last_error and an undefined result.
template <typename Body>
val guarded(Body body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    last_error = "not enough memory";
  } catch (const std::exception& e) {
    last_error = e.what();
  }
  return val::undefined();
}

std::string take_error() {
  std::string error;
  error.swap(last_error);
  return error;
}

val to_float32(const bn::Matrix& m) {
  return val::global("Float32Array").new_(emscripten::typed_memory_view(m.size(), m.data()));
}

val to_uint8(const std::vector<uint8_t>& bytes) {
  return val::global("Uint8Array").new_(emscripten::typed_memory_view(bytes.size(), bytes.data()));
}

// `values` as `rows` rows of `cols`; throws when the length does not fit.
bn::Matrix rows_of(const val& values, int rows, int cols, const char* what) {
  const std::vector<float> data = emscripten::convertJSArrayToNumberVector<float>(values);
  if (rows <= 0 || data.size() != static_cast<size_t>(rows) * static_cast<size_t>(cols))
    throw std::invalid_argument(std::string(what) + ": expected " + std::to_string(rows) + " rows of " +
                                std::to_string(cols) + " values, got " + std::to_string(data.size()) + " values");
  return bn::ConstMatrixMap(data.data(), rows, cols);
}

void check_budget(const bn::ModelConfig& config, double budget) {
  const bn::MemoryEstimate estimate = bn::estimate_memory(config);
  if (budget > 0 && static_cast<double>(estimate.total()) > budget)
    throw std::invalid_argument("not enough memory for " + bn::describe(config) + ": it needs about " +
                                bn::format_bytes(estimate.total()) + " (" + bn::describe(estimate, config) +
                                "), over the budget of " + bn::format_bytes(static_cast<uint64_t>(budget)));
}

class JsDataset {
 public:
  static val from_bytes(const std::string& name, const val& bytes) {
    return guarded([&] {
      const std::vector<uint8_t> data = emscripten::convertJSArrayToNumberVector<uint8_t>(bytes);
      const bn::Dataset all = bn::parse_dataset(data.data(), data.size(), name);
      auto [train, test] = bn::split_mnist10k(all);
      return val(JsDataset(name, std::make_shared<bn::Dataset>(std::move(train)),
                           std::make_shared<bn::Dataset>(std::move(test))));
    });
  }
  const std::string& name() const { return name_; }
  int count(const std::string& split) const { return set(split).count(); }
  int pixels() const { return train_->pixels_per_image(); }
  // Rows [first, first + rows) of a split, as floats in [0, 1], and their labels.
  val images(const std::string& split, int first, int rows) const {
    return guarded([&] {
      const bn::Dataset& data = set(split);
      if (first < 0 || rows <= 0 || first + rows > data.count())
        throw std::invalid_argument("images " + std::to_string(first) + " to " + std::to_string(first + rows) +
                                    " are outside the " + split + " split of " + std::to_string(data.count()));
      return to_float32(data.batch_range(first, rows));
    });
  }
  val labels(const std::string& split) const {
    return val::global("Uint8Array")
        .new_(emscripten::typed_memory_view(set(split).labels.size(), set(split).labels.data()));
  }
  std::shared_ptr<const bn::Dataset> train() const { return train_; }

 private:
  JsDataset(std::string name, std::shared_ptr<bn::Dataset> train, std::shared_ptr<bn::Dataset> test)
      : name_(std::move(name)), train_(std::move(train)), test_(std::move(test)) {}
  const bn::Dataset& set(const std::string& split) const { return split == "test" ? *test_ : *train_; }
  std::string name_;
  std::shared_ptr<bn::Dataset> train_, test_;
};

// Copyable (Embind hands a copy to JavaScript), so it shares its model and its place in the data.
class JsModel {
 public:
  explicit JsModel(std::unique_ptr<bn::Model> model) : model_(std::move(model)) {}

  static val create(const std::string& config_json, double budget) {
    return guarded([&] {
      const bn::ModelConfig config = bn::config_from_json(config_json);
      check_budget(config, budget);
      return val(JsModel(bn::make_model(config)));
    });
  }
  static val load(const val& bytes, double budget) {
    return guarded([&] {
      const std::vector<uint8_t> data = emscripten::convertJSArrayToNumberVector<uint8_t>(bytes);
      check_budget(bn::read_config(data, "the model file"), budget);
      return val(JsModel(bn::load_model_bytes(data, "the model file")));
    });
  }

  std::string config() const { return bn::config_to_json(model_->config()); }
  int pixels() const { return model_->config().input_size(); }
  int latent() const { return model_->config().latent; }

  void set_data(const JsDataset& data) {
    train_ = data.train();
    const bn::ModelConfig& config = model_->config();
    batches_ = std::make_shared<bn::BatchIterator>(train_->count(), config.batch_size, config.seed);
  }
  // `steps` optimisation steps on the data set's training split; the last batch's loss.
  val train_steps(int steps) {
    return guarded([&] {
      if (!train_) throw std::logic_error("no data to train on: call setData(dataset) first");
      if (steps < 0) throw std::invalid_argument("the number of steps must not be negative");
      float loss = std::numeric_limits<float>::quiet_NaN();
      std::vector<int> indices;
      for (int i = 0; i < steps; ++i) {
        batches_->next(indices);
        loss = model_->train_step(train_->batch(indices));
        if (!std::isfinite(loss))
          throw std::runtime_error("training diverged (the loss is " + std::to_string(loss) +
                                   "): try a smaller learning rate");
      }
      return val(loss);
    });
  }
  int epoch() const { return batches_ ? batches_->epoch() : 0; }

  val loss(const val& images, int rows) {
    return guarded([&] { return val(model_->loss(rows_of(images, rows, pixels(), "loss"))); });
  }
  val encode(const val& images, int rows) {
    return guarded([&] { return to_float32(model_->encode(rows_of(images, rows, pixels(), "encode"))); });
  }
  val decode(const val& codes, int rows) {
    return guarded([&] { return to_float32(model_->decode(rows_of(codes, rows, latent(), "decode"))); });
  }
  val reconstruct(const val& images, int rows) {
    return guarded([&] { return to_float32(model_->reconstruct(rows_of(images, rows, pixels(), "reconstruct"))); });
  }
  val sample(int count, double seed) {
    return guarded([&] {
      if (count <= 0 || count > 10000) throw std::invalid_argument("sample: count must be in 1..10000");
      bn::Random rng(static_cast<uint64_t>(seed));
      return to_float32(model_->sample(count, rng));
    });
  }
  val save() {
    return guarded([&] { return to_uint8(bn::encode_safetensors(*model_)); });
  }

 private:
  std::shared_ptr<bn::Model> model_;
  std::shared_ptr<const bn::Dataset> train_;
  std::shared_ptr<bn::BatchIterator> batches_;
};

val corrupt(const val& images, int rows, const std::string& type, double level, double seed) {
  return guarded([&] {
    bn::Matrix m = rows_of(images, rows, 784, "corrupt");
    const bn::Noise noise{bn::parse_noise_type(type), static_cast<float>(level)};
    bn::validate(noise, 28);
    bn::Random rng(static_cast<uint64_t>(seed));
    bn::corrupt(m, noise, rng, 28);
    return to_float32(m);
  });
}

val estimate_memory(const std::string& config_json) {
  return guarded([&] {
    const bn::MemoryEstimate estimate = bn::estimate_memory(bn::config_from_json(config_json));
    val out = val::object();
    out.set("parameters", static_cast<double>(estimate.parameters));
    out.set("gradients", static_cast<double>(estimate.gradients));
    out.set("optimizer", static_cast<double>(estimate.optimizer));
    out.set("activations", static_cast<double>(estimate.activations));
    out.set("total", static_cast<double>(estimate.total()));
    return out;
  });
}

void set_threads(int threads) { bn::set_compute_threads(threads); }

}  // namespace

EMSCRIPTEN_BINDINGS(bottleneck_core) {
  emscripten::class_<JsDataset>("Dataset")
      .class_function("fromBytes", &JsDataset::from_bytes)
      .function("name", &JsDataset::name)
      .function("count", &JsDataset::count)
      .function("pixels", &JsDataset::pixels)
      .function("images", &JsDataset::images)
      .function("labels", &JsDataset::labels);
  emscripten::class_<JsModel>("Model")
      .class_function("create", &JsModel::create)
      .class_function("load", &JsModel::load)
      .function("config", &JsModel::config)
      .function("pixels", &JsModel::pixels)
      .function("latent", &JsModel::latent)
      .function("setData", &JsModel::set_data)
      .function("trainSteps", &JsModel::train_steps)
      .function("epoch", &JsModel::epoch)
      .function("loss", &JsModel::loss)
      .function("encode", &JsModel::encode)
      .function("decode", &JsModel::decode)
      .function("reconstruct", &JsModel::reconstruct)
      .function("sample", &JsModel::sample)
      .function("save", &JsModel::save);
  emscripten::function("corrupt", &corrupt);
  emscripten::function("estimateMemory", &estimate_memory);
  emscripten::function("setThreads", &set_threads);
  emscripten::function("takeError", &take_error);
}
