#include "app/app_state.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <limits>
#include <thread>

#include "app/panels/panels.h"
#include "app/presets.h"
#include "core/data/mnist_framing.h"
#include "core/eval/evaluate.h"
#include "core/eval/metrics.h"
#include "core/io/safetensors.h"
#include "core/parallel/thread_pool.h"
#include "core/random.h"
#include "imgui.h"

namespace bn_app {

namespace {

// Workers must exist in Emscripten's pre-started pool (PTHREAD_POOL_SIZE in CMakeLists.txt, which
// also counts the trainer thread), so this stays below it.
constexpr int kMaxComputeThreads = 3;

// The noise drawn over the pad is the same for the same settings, so it does not flicker as the
// user draws; a new type or level draws new noise.
constexpr uint64_t kPadNoiseSeed = 0x9AD;

// The single-thread build trains inside the frame: this much of each ~16.7 ms frame, so the UI
// keeps 60 fps while training.
constexpr auto kSingleThreadTrainingSlice = std::chrono::milliseconds(8);

// The threaded build's trainer works in 20 ms slices and may rest between them, which leaves CPU
// to the UI and, without a GPU, to the browser's software rendering. The rest follows the frame
// rate while training: longer while frames are slower than the budget, shorter (down to none)
// while they are fast, so a machine with a GPU trains at full speed and a 2-core one without
// keeps above 30 fps. Measured in headless Chromium on 2 cores, median frame ms while training
// with a fixed rest: none 32.2 (676 steps in 10 s), 10 ms ~30 (~395 steps), 20 ms ~27 (~300).
constexpr auto kTrainerSlice = std::chrono::milliseconds(20);
constexpr int kRestOnTwoCoresMs = 10, kRestStepMs = 5, kMaxRestMs = 40;
constexpr float kFrameBudgetMs = 30.0f;     // slower than this: rest longer
constexpr float kFastFrameMs = 22.0f;       // faster than this: rest less
constexpr double kRestAdjustInterval = 1.0; // seconds of training between adjustments

// Slow motion: one training step this often, slow enough to watch each one change the output.
constexpr double kSlowMotionStep = 0.25;

// The test loss is measured kInferenceChunk images at a time: smaller units of work than the
// default, so an st slice overruns less and the conv model's measurement on the mt trainer thread
// needs ~28 MB rather than ~70 MB of its heap.
const bn::TrainerOptions kTrainerOptions = [] {
  bn::TrainerOptions options;
  options.eval_chunk = bn::kInferenceChunk;
  return options;
}();

}  // namespace

AppState& app_state() {
  static AppState state;
  return state;
}

const char* tab_name(SideTab tab) {
  switch (tab) {
    case SideTab::kTraining: return "Training";
    case SideTab::kLatent: return "Latent";
    case SideTab::kGenerate: return "Generate";
    case SideTab::kAnomaly: return "Anomaly";
    case SideTab::kFeatures: return "Features";
    case SideTab::kCompression: return "Compression";
  }
  return "?";
}

std::string error_text(const std::exception& error) {
  if (dynamic_cast<const std::bad_alloc*>(&error)) return "not enough memory";
  return error.what();
}

const DatasetInfo* find_dataset(const std::string& id) {
  for (const DatasetInfo& info : kDatasets)
    if (id == info.id) return &info;
  return nullptr;
}

namespace {

// Puts `kind`'s pretrained model into the trainer (or, without weights, a fresh one) and says why
// in state.notice when it could not.
void load_pretrained_model(AppState& state, bn::ModelKind kind) {
  const std::string name = bn::kind_name(kind);
  state.notice.clear();
  try {
    const auto& weights = state.pretrained[state.dataset];
    auto found = weights.find(name);
    if (found != weights.end()) {
      auto model = bn::load_model_bytes(found->second, "pretrained " + state.dataset + " " + name);
      state.trainer->post_model(model->config(), model->parameters().values());
      return;
    }
    bn::ModelConfig config;
    config.kind = kind;
    if (kind == bn::ModelKind::kDenoising) config.noise = bn::typical_noise(bn::NoiseType::kGaussian);
    if (kind == bn::ModelKind::kVae) config.latent = 2;
    state.trainer->post_model(config);
    state.notice = "No pretrained weights for this preset were downloaded: its model starts untrained.";
  } catch (const std::exception& e) {
    state.notice = "Could not load the pretrained model: " + error_text(e);
  }
}

// The tabs' throttled views (codes, samples, scores, the grid) belong to another model: recompute
// them in the next frame, without waiting out their throttle, and let go of a held code.
void invalidate_throttled_views(AppState& state) {
  for (Freshness* f : {&state.latent.computed, &state.generate.computed, &state.generate.interpolated,
                       &state.anomaly.computed, &state.compression.computed, &state.grid.computed})
    f->invalidate();
  state.generate.holding = false;
}

// Every tab's derived view belongs to the old data set or model: recompute it at once.
void invalidate_views(AppState& state) {
  invalidate_throttled_views(state);
  state.features.codes_probe.reset();
  state.features.done = false;
  state.latent.decoded.clear();
  ++state.latent.decoded_revision;
  state.reconstructed_version = ~0ull;   // the pad's reconstruction, by the old model
  state.draft.synced_generation = ~0ull; // the editor copies the new trainer's model
}

// The Anomaly tab scores the other data set's test images: clothes for a digit model, digits for a
// clothes model. Fashion's are the first 1,000 of its test set either way.
void choose_anomaly_set(AppState& state) {
  std::shared_ptr<const bn::Dataset> anomalies;
  if (state.dataset == "fashion") {
    auto mnist = state.datasets.find("mnist");
    if (mnist != state.datasets.end()) anomalies = mnist->second.test;
  } else {
    auto fashion = state.datasets.find("fashion");
    anomalies = fashion != state.datasets.end() ? fashion->second.test : state.fashion_anomalies;
  }
  if (anomalies == state.anomaly_set) return;  // a threshold the user moved stays
  state.anomaly_set = anomalies;
  state.anomaly.threshold_moved = false;
  state.anomaly.computed.invalidate();
}

void load_pca_baseline(AppState& state) {
  state.pca.reset();
  const auto weights = state.pretrained.find(state.dataset);
  if (weights == state.pretrained.end()) return;
  const auto pca = weights->second.find("pca");
  if (pca == weights->second.end()) return;
  try {
    state.pca = bn::load_model_bytes(pca->second, "pretrained " + state.dataset + " pca");
  } catch (const std::exception& e) {
    state.notice = "Could not load the PCA baseline: " + error_text(e);
  }
}

// Trains on `id` (already in state.datasets) from now on: a new trainer with the current preset's
// model pretrained on it (posted before the trainer first runs, so no untrained model is ever
// shown; the tab and the noise stay as the user left them), or the same kind of model, untrained,
// when it came from the editor. Throws (and changes nothing) if the trainer cannot be built.
void switch_to_dataset(AppState& state, const std::string& id) {
  const LoadedDataset& data = state.datasets.at(id);
  const bool first = !state.trainer;
  const bn::ModelConfig config = first ? bn::ModelConfig{} : *state.snapshot->config;
  auto trainer = std::make_unique<bn::Trainer>(config, data.train, data.test, kTrainerOptions);
  auto viewer = bn::make_model(config);

  state.trainer_thread.reset();  // stops and joins the old trainer before it goes
  state.dataset = state.dataset_wanted = state.dataset_requested = id;
  state.train_set = data.train;
  state.test_set = data.test;
  state.trainer = std::move(trainer);
  state.viewer = std::move(viewer);
  state.viewer_generation = ~0ull;  // the new trainer counts from the start again
  state.viewer_version = ~0ull;
  state.snapshot = state.trainer->snapshot();
  const std::string preset = state.pending_preset.empty() ? state.preset : state.pending_preset;
  const Preset* found = first ? nullptr : find_preset(preset);
  if (found && (state.pretrained[id].count(bn::kind_name(found->kind)) || state.weights_done.count(id))) {
    load_pretrained_model(state, found->kind);
    state.preset = preset;
    state.pending_preset.clear();
  } else if (!first && !preset.empty()) {
    state.pending_preset = preset;  // its weights are still coming
  }
  load_pca_baseline(state);
  choose_anomaly_set(state);
  invalidate_views(state);
  state.browsed_test_image = -1;
  state.generate.partner_draws++;  // the interpolation's far end: a test image of the new set
  if (state.threaded) {
    // The UI thread and the trainer already take two cores; compute workers get what is left
    // (none on a 2-core laptop, where an extra worker would only steal frames from the UI).
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    bn::set_compute_threads(std::clamp(cores - 1, 1, kMaxComputeThreads));
    state.trainer_thread = std::make_unique<bn::TrainerThread>(
        *state.trainer, kTrainerSlice, std::chrono::milliseconds(cores <= 2 ? kRestOnTwoCoresMs : 0));
  }
  state.loading.progress = 1.0f;
  state.loading.error.clear();
  state.dataset_progress = 1.0f;
}

}  // namespace

void app_receive_dataset(AppState& state, const std::string& id, const std::vector<uint8_t>& bytes) {
  const DatasetInfo* info = find_dataset(id);
  try {
    if (!info) throw std::invalid_argument("there is no data set called '" + id + "'");
    bn::Dataset all = bn::parse_dataset(bytes.data(), bytes.size(), std::string(info->title) + "-10k");
    if (all.rows != kPadSide || all.cols != kPadSide)
      throw bn::DatasetError("its images are " + std::to_string(all.rows) + "x" + std::to_string(all.cols) + ", not 28x28");
    auto [train, test] = bn::split_mnist10k(all);
    state.datasets[id] = {std::make_shared<const bn::Dataset>(std::move(train)),
                          std::make_shared<const bn::Dataset>(std::move(test))};
    // A repeated download of the data set in use (chosen, left and chosen again) changes nothing;
    // one the user no longer wants waits until it is chosen.
    const bool wanted = state.dataset_wanted == id && state.dataset != id;
    if (!state.trainer || wanted) switch_to_dataset(state, id);
  } catch (const std::exception& e) {
    if (!state.trainer)
      state.loading.error =
          std::string("Could not load the ") + (info ? info->title : id.c_str()) + " data set: " + error_text(e);
    else
      app_dataset_failed(state, id, error_text(e));
  }
}

void app_dataset_failed(AppState& state, const std::string& id, const std::string& why) {
  // A repeated download of a data set already in: the copy in hand stands.
  if (state.datasets.count(id) && (state.dataset == id || state.dataset_wanted != id)) return;
  const DatasetInfo* info = find_dataset(id);
  state.notice = std::string("Could not load the ") + (info ? info->title : id.c_str()) + " data set (" + why +
                 "); still training on " + find_dataset(state.dataset)->title + ".";
  // Choosing it again retries.
  if (state.dataset_wanted == id) state.dataset_wanted = state.dataset_requested = state.dataset;
}

bool app_choose_dataset(AppState& state, const std::string& id) {
  if (!find_dataset(id)) {
    state.notice = "There is no data set called '" + id + "'.";
    return false;
  }
  state.dataset_wanted = id;
  state.dataset_progress = 0.0f;
  // In already: no need to ask the platform; app_update switches at the start of the next frame,
  // because the panel that called this still holds the current snapshot.
  if (state.datasets.count(id)) state.dataset_requested = id;
  return true;
}

void app_receive_weights(AppState& state, const std::string& dataset, const std::string& kind,
                         const std::vector<uint8_t>& bytes) {
  state.pretrained[dataset][kind] = bytes;
  if (kind == "pca" && dataset == state.dataset) load_pca_baseline(state);
}

void app_receive_anomalies(AppState& state, const std::string& name, const std::vector<uint8_t>& bytes) {
  try {
    state.fashion_anomalies = std::make_shared<const bn::Dataset>(bn::parse_dataset(bytes.data(), bytes.size(), name));
    choose_anomaly_set(state);
  } catch (const std::exception& e) {
    state.notice = "Could not load the anomaly images: " + error_text(e);
  }
}

bool app_select_preset(AppState& state, const std::string& name) {
  const Preset* preset = find_preset(name);
  if (!preset) {
    state.notice = "There is no preset called '" + name + "'.";
    return false;
  }
  if (!state.trainer) {  // the data is still loading: apply it as soon as it is in
    state.pending_preset = name;
    return true;
  }
  load_pretrained_model(state, preset->kind);
  state.preset = name;
  state.pending_preset.clear();
  state.anomaly.threshold_moved = false;
  app_set_noise(state, preset->noise);
  app_show_tab(state, preset->tab);
  return true;
}

void app_load_pretrained(AppState& state) {
  if (const Preset* preset = find_preset(state.preset)) load_pretrained_model(state, preset->kind);
}

void app_set_ui_scale(AppState& state, float scale) {
  state.ui_scale = std::clamp(std::round(scale * 4.0f) / 4.0f, AppState::kMinUiScale, AppState::kMaxUiScale);
}

void app_show_tab(AppState& state, SideTab tab) {
  state.side_tab = tab;
  state.side_tab_requested = true;
}

void app_set_noise(AppState& state, const bn::Noise& noise) {
  bn::validate(noise, kPadSide);
  state.noise = noise;
  ++state.noise_revision;
}

namespace {

// The pad through the noise, the model's output from that, and how far each is from the clean pad.
void reconstruct_pad(AppState& state) {
  bn::Matrix clean = bn::ConstMatrixMap(state.pad.data(), 1, kPadSide * kPadSide);
  bn::Matrix noisy = clean;
  bn::Random rng(kPadNoiseSeed, state.noise_revision);
  bn::corrupt(noisy, state.noise, rng, kPadSide);
  if (state.hidden_count > 0) bn::apply_mask(noisy, state.hidden);
  const bn::Matrix output = state.viewer->reconstruct(noisy);
  state.noisy.assign(noisy.data(), noisy.data() + noisy.size());
  state.reconstruction.assign(output.data(), output.data() + output.size());
  for (size_t i = 0; i < state.error_map.size(); ++i) state.error_map[i] = std::abs(state.reconstruction[i] - state.pad[i]);
  state.anomaly.has_drawing = clean.sum() > 0.0f;
  state.anomaly.drawing_score =
      state.noise.type == bn::NoiseType::kNone && state.hidden_count == 0 ? bn::mean_squared_error(output, clean)
                                               : bn::mean_squared_error(state.viewer->reconstruct(clean), clean);
  state.pca_drawing_psnr =
      state.pca ? bn::psnr(bn::mean_squared_error(state.pca->reconstruct(noisy), clean)) : std::numeric_limits<float>::quiet_NaN();
  state.psnr_noisy = bn::psnr(bn::mean_squared_error(noisy, clean));
  state.psnr_output = bn::psnr(bn::mean_squared_error(output, clean));
  // The drawing's own point on the latent plot (none for an empty pad).
  LatentView& latent = state.latent;
  latent.has_marker = !latent.points.xy.empty() && clean.sum() > 0.0f;
  if (latent.has_marker) {
    const bn::Matrix xy = latent.projection.project(state.viewer->encode(noisy));
    latent.marker_x = xy(0, 0);
    latent.marker_y = xy(0, 1);
  }
}

// Frames the middle 98% of the points, so one outlier does not squash the rest.
void frame_scatter(const bn::Matrix& xy, Scatter& scatter) {
  scatter.xy.assign(xy.data(), xy.data() + xy.size());
  ++scatter.revision;
  const int count = static_cast<int>(xy.rows());
  auto range = [&](int column, float& low, float& high) {
    std::vector<float> values(count);
    for (int i = 0; i < count; ++i) values[i] = xy(i, column);
    std::sort(values.begin(), values.end());
    low = values[count / 100];
    high = values[count - 1 - count / 100];
    const float margin = 0.08f * std::max(high - low, 1e-3f);
    low -= margin;
    high += margin;
  };
  range(0, scatter.min_x, scatter.max_x);
  range(1, scatter.min_y, scatter.max_y);
}

// The test set's codes in 2-D, refreshed as the weights change (at most twice a second) or at once
// when the user picks other directions or the PCA comparison.
void refresh_latent_points(AppState& state) {
  LatentView& latent = state.latent;
  const double now = ImGui::GetTime();
  const int width = state.snapshot->config->latent;
  for (int& c : latent.components) c = std::clamp(c, 0, std::max(width - 1, 0));
  const bool settings_changed = latent.components[0] != latent.computed_components[0] ||
                                latent.components[1] != latent.computed_components[1] ||
                                latent.beside_pca != latent.computed_beside_pca;
  if (!settings_changed && !latent.computed.due(state.viewer_version, now, 0.5)) return;
  const int count = std::min(LatentView::kPoints, state.test_set->count());
  const bn::Matrix images = state.test_set->batch_range(0, count);
  const bn::Matrix codes = bn::encode_all(*state.viewer, images);
  latent.projection = bn::fit_projection_2d(codes, latent.components[0], latent.components[1]);
  frame_scatter(latent.projection.project(codes), latent.points);
  latent.labels.assign(state.test_set->labels.begin(), state.test_set->labels.begin() + count);
  if (latent.beside_pca && state.pca) {
    // PCA's codes are ordered by variance already: its first two numbers are its best 2-D view.
    const bn::Matrix pca_codes = bn::encode_all(*state.pca, images);
    frame_scatter(pca_codes.leftCols(2), latent.pca_points);
    // PCA is one linear map each way: its working memory is a few MB whatever the batch.
    latent.pca_mse = bn::mean_squared_error(state.pca->reconstruct(images), images);
    latent.model_mse = bn::mean_squared_error(bn::reconstruct_all(*state.viewer, images), images);
  }
  latent.computed.mark(state.viewer_version, now);
  latent.computed_components[0] = latent.components[0];
  latent.computed_components[1] = latent.components[1];
  latent.computed_beside_pca = latent.beside_pca;
  state.reconstructed_revision = 0;  // re-project the drawing's marker with the new view
}

// Reconstruction errors of the normal and the anomalous images, refreshed as the weights change
// (at most once a second: 2,000 reconstructions).
void refresh_anomaly_scores(AppState& state) {
  AnomalyView& anomaly = state.anomaly;
  const double now = ImGui::GetTime();
  if (!state.anomaly_set || !anomaly.computed.due(state.viewer_version, now, 1.0)) return;
  auto scores = [&](const bn::Dataset& data) {
    const bn::Matrix images = data.batch_range(0, std::min(1000, data.count()));
    return bn::per_image_mse(bn::reconstruct_all(*state.viewer, images), images);
  };
  anomaly.normal_scores = scores(*state.test_set);
  anomaly.anomaly_scores = scores(*state.anomaly_set);
  anomaly.roc = bn::roc_curve(anomaly.normal_scores, anomaly.anomaly_scores);
  anomaly.auroc = bn::auroc(anomaly.normal_scores, anomaly.anomaly_scores);
  if (!anomaly.threshold_moved) anomaly.threshold = bn::best_threshold(anomaly.normal_scores, anomaly.anomaly_scores);
  anomaly.computed.mark(state.viewer_version, now);
}

// The probes restart when the weights or N change, then train within a few milliseconds a frame.
void advance_probes(AppState& state) {
  FeaturesView& features = state.features;
  const bool stale = features.computed_labels != features.labels ||
                     (features.done && features.computed_version != state.viewer_version && !state.snapshot->training);
  if (!features.codes_probe || stale) {
    const std::vector<int> picked = bn::pick_labelled(state.train_set->labels, features.labels, 0);
    const bn::Dataset labelled = state.train_set->subset(picked, "labelled");
    const bn::Matrix pixels = labelled.batch_range(0, labelled.count());
    features.codes_probe = std::make_unique<bn::SoftmaxProbe>(bn::encode_all(*state.viewer, pixels), labelled.labels);
    features.pixels_probe = std::make_unique<bn::SoftmaxProbe>(pixels, labelled.labels);
    features.test_codes = bn::encode_all(*state.viewer, state.test_set->batch_range(0, state.test_set->count()));
    features.computed_labels = features.labels;
    features.computed_version = state.viewer_version;
    features.done = false;
  }
  if (features.done) return;
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < kSingleThreadTrainingSlice &&
         !(features.codes_probe->done() && features.pixels_probe->done())) {
    features.codes_probe->train(10);
    features.pixels_probe->train(2);
  }
  if (features.codes_probe->done() && features.pixels_probe->done()) {
    const bn::Matrix test_pixels = state.test_set->batch_range(0, state.test_set->count());
    features.codes = features.codes_probe->evaluate(features.test_codes, state.test_set->labels);
    features.pixels = features.pixels_probe->evaluate(test_pixels, state.test_set->labels);
    features.done = true;
  }
}

// Codes stored at three precisions, decoded, and scored against the originals.
void refresh_compression(AppState& state) {
  CompressionView& view = state.compression;
  const double now = ImGui::GetTime();
  if (!view.computed.due(state.viewer_version, now, 1.0)) return;
  const bn::Matrix images = state.test_set->batch_range(0, state.test_set->count());
  auto psnr_at = [&](bn::Model& model, int format) {
    bn::Matrix codes = bn::encode_all(model, images);
    if (format == 1) {
      for (Eigen::Index i = 0; i < codes.size(); ++i) codes.data()[i] = bn::half_to_float(bn::float_to_half(codes.data()[i]));
    } else if (format == 2) {
      // 8 bits per number: each code dimension's range over the test set, in 255 steps.
      for (Eigen::Index j = 0; j < codes.cols(); ++j) {
        const float low = codes.col(j).minCoeff(), high = codes.col(j).maxCoeff();
        const float step = std::max(high - low, 1e-12f) / 255.0f;
        codes.col(j) = ((codes.col(j).array() - low) / step).round() * step + low;
      }
    }
    return bn::psnr(bn::mean_squared_error(bn::decode_all(model, codes), images));
  };
  const int latent = state.snapshot->config->latent;
  const bool with_pca = state.pca && state.pca->config().latent == latent;
  view.rows.clear();
  const char* formats[] = {"float32", "float16", "8-bit"};
  const int bytes_per_number[] = {4, 2, 1};
  for (int format = 0; format < 3; ++format)
    view.rows.push_back({formats[format], latent * bytes_per_number[format], psnr_at(*state.viewer, format),
                         with_pca ? psnr_at(*state.pca, format) : std::numeric_limits<float>::quiet_NaN()});
  view.latent = latent;
  view.kind = bn::kind_name(state.snapshot->config->kind);
  view.computed.mark(state.viewer_version, now);
}

// Tiles decoded images, `columns` to a row, into one image (columns·28 wide), row by row.
void tile_images(const bn::Matrix& images, int columns, std::vector<float>& out) {
  const int rows = (static_cast<int>(images.rows()) + columns - 1) / columns;
  const int width = columns * kPadSide;
  out.assign(static_cast<size_t>(width) * rows * kPadSide, 0.0f);
  for (int i = 0; i < images.rows(); ++i) {
    const int row = i / columns, column = i % columns;
    for (int y = 0; y < kPadSide; ++y)
      for (int x = 0; x < kPadSide; ++x)
        out[static_cast<size_t>(row * kPadSide + y) * width + column * kPadSide + x] = images(i, y * kPadSide + x);
  }
}

// A fixed set of test images, spread over the split (MNIST-10k's is stored digit by digit), and what the
// model makes of them now.
void refresh_training_grid(AppState& state) {
  TrainingGrid& grid = state.grid;
  if (!grid.computed.due(state.viewer_version, ImGui::GetTime(), 0.5)) return;
  const int count = TrainingGrid::kSide * TrainingGrid::kSide;
  std::vector<int> indices(count);
  for (int i = 0; i < count; ++i) indices[i] = (2 * i + 1) * state.test_set->count() / (2 * count);
  const bn::Matrix images = state.test_set->batch(indices);
  tile_images(images, TrainingGrid::kSide, grid.originals);
  tile_images(state.viewer->reconstruct(images), TrainingGrid::kSide, grid.reconstructions);
  grid.computed.mark(state.viewer_version, ImGui::GetTime());
  ++grid.revision;
}

// The VAE's samples and manifold, redrawn when the weights, the seed, the temperature or the walked
// dimensions change.
void refresh_generated(AppState& state) {
  GenerateView& generate = state.generate;
  const bn::ModelConfig& config = *state.snapshot->config;
  if (config.kind != bn::ModelKind::kVae) return;
  for (int& d : generate.dims) d = std::clamp(d, 0, config.latent - 1);
  const double now = ImGui::GetTime();
  const bool settings_changed = generate.computed_draws != generate.draws ||
                                generate.computed_temperature != generate.temperature ||
                                generate.computed_dims[0] != generate.dims[0] ||
                                generate.computed_dims[1] != generate.dims[1];
  if (settings_changed || generate.computed.due(state.viewer_version, now, 0.5)) {
    bn::Random rng(0x5A4D, generate.draws);
    const int grid = GenerateView::kGrid, manifold = GenerateView::kManifold;
    const float reach = GenerateView::kManifoldReach;
    tile_images(state.viewer->sample(grid * grid, rng, generate.temperature), grid, generate.samples);
    // The manifold: two code numbers over the prior's ±2.5σ, the others at 0 (the prior's mean).
    bn::Matrix z = bn::Matrix::Zero(manifold * manifold, config.latent);
    for (int row = 0; row < manifold; ++row)
      for (int column = 0; column < manifold; ++column) {
        z(row * manifold + column, generate.dims[0]) = -reach + 2 * reach * column / (manifold - 1);
        if (config.latent > 1) z(row * manifold + column, generate.dims[1]) = reach - 2 * reach * row / (manifold - 1);
      }
    tile_images(bn::decode_all(*state.viewer, z), manifold, generate.manifold);
    generate.computed.mark(state.viewer_version, now);
    generate.computed_draws = generate.draws;
    generate.computed_temperature = generate.temperature;
    generate.computed_dims[0] = generate.dims[0];
    generate.computed_dims[1] = generate.dims[1];
    ++generate.revision;
  }

  // The interpolation's two ends: the drawing's code (its mean, for a VAE) and the far end's, the
  // kept drawing or a test digit.
  if (generate.interpolated_partner_draws != generate.partner_draws) {
    bn::Random rng(0x1E7, generate.partner_draws);
    generate.partner = static_cast<int>(rng.below(static_cast<uint32_t>(state.test_set->count())));
  }
  const bool ends_stale = generate.interpolated_pad_revision != state.pad_revision ||
                          generate.interpolated_partner_draws != generate.partner_draws ||
                          generate.interpolated_kept_revision != generate.kept_revision;
  if (ends_stale || generate.interpolated.due(state.viewer_version, now, 0.5)) {
    bn::Matrix images(2, kPadSide * kPadSide);
    images.row(0) = bn::ConstMatrixMap(state.pad.data(), 1, kPadSide * kPadSide);
    if (generate.kept_drawing.size() == static_cast<size_t>(kPadSide * kPadSide))
      images.row(1) = bn::ConstMatrixMap(generate.kept_drawing.data(), 1, kPadSide * kPadSide);
    else
      images.row(1) = state.test_set->batch({generate.partner}).row(0);
    generate.ends = state.viewer->encode(images);
    const int frames = GenerateView::kFrames;
    bn::Matrix path(frames, generate.ends.cols());
    for (int f = 0; f < frames; ++f) {
      const float t = static_cast<float>(f) / (frames - 1);
      path.row(f) = (1 - t) * generate.ends.row(0) + t * generate.ends.row(1);
    }
    tile_images(state.viewer->decode(path), frames, generate.strip);
    generate.interpolated.mark(state.viewer_version, now);
    generate.interpolated_pad_revision = state.pad_revision;
    generate.interpolated_partner_draws = generate.partner_draws;
    generate.interpolated_kept_revision = generate.kept_revision;
    ++generate.strip_revision;
  }
  if (generate.animate && generate.ends.rows() == 2) {
    // There and back every four seconds, easing at the ends so each digit is seen whole.
    const float t = 0.5f - 0.5f * std::cos(static_cast<float>(now) * 2.0f * 3.14159265f / 4.0f);
    const bn::Matrix decoded = state.viewer->decode((1 - t) * generate.ends.row(0) + t * generate.ends.row(1));
    generate.animated.assign(decoded.data(), decoded.data() + decoded.size());
  }
}

}  // namespace

namespace {

// Only the open tab's view is kept up to date: the others cost nothing until they are looked at.
void refresh_open_tab(AppState& state) {
  if (state.view_out_of_memory_version == state.viewer_version) return;
  switch (state.side_tab) {
    case SideTab::kTraining: return refresh_training_grid(state);
    case SideTab::kLatent: return refresh_latent_points(state);
    case SideTab::kGenerate: return refresh_generated(state);
    case SideTab::kAnomaly: return refresh_anomaly_scores(state);
    case SideTab::kFeatures: return advance_probes(state);
    case SideTab::kCompression: return refresh_compression(state);
  }
}

// The mt trainer's rest between slices, from the frame rate while it trains (see kFrameBudgetMs).
void adjust_trainer_rest(AppState& state) {
  if (!state.trainer_thread || !state.snapshot->training) return;
  const double now = ImGui::GetTime();
  if (now - state.rest_adjusted_at < kRestAdjustInterval) return;
  state.rest_adjusted_at = now;
  const float frame = state.frame_ms.summary(30).median;
  const int rest = static_cast<int>(state.trainer_thread->rest().count());
  int next = rest;
  if (frame > kFrameBudgetMs) next = std::min(rest + kRestStepMs, kMaxRestMs);
  else if (frame < kFastFrameMs) next = std::max(rest - kRestStepMs, 0);
  state.trainer_thread->set_rest(std::chrono::milliseconds(next));
}

}  // namespace

void app_update(AppState& state) {
  ++state.frames;
  state.fps = ImGui::GetIO().Framerate;
  state.frame_ms.add(1000.0f * ImGui::GetIO().DeltaTime);
  if (!state.trainer) return;
  if (state.dataset_wanted != state.dataset && state.datasets.count(state.dataset_wanted)) {
    try {
      switch_to_dataset(state, state.dataset_wanted);
    } catch (const std::exception& e) {
      app_dataset_failed(state, state.dataset_wanted, error_text(e));
    }
  }
  if (state.slow_motion && ImGui::GetTime() - state.last_slow_step >= kSlowMotionStep) {
    state.trainer->post(bn::TrainerCommand::kStep);
    state.last_slow_step = ImGui::GetTime();
  }
  if (!state.threaded) state.trainer->run_for(kSingleThreadTrainingSlice);
  state.snapshot = state.trainer->snapshot();
  adjust_trainer_rest(state);
  if (state.snapshot->model_generation != state.viewer_generation) {
    state.viewer = bn::make_model(*state.snapshot->config);
    state.viewer_generation = state.snapshot->model_generation;
    // A different model is not training progress: the tabs' views must not wait out their throttle.
    invalidate_throttled_views(state);
  }
  if (state.snapshot->version != state.viewer_version) {
    state.viewer->parameters().values() = state.snapshot->weights;
    state.viewer_version = state.snapshot->version;
  }
  if (!state.pending_preset.empty()) {
    // The default preset waits (briefly) for its weights, so a first visit starts pretrained.
    const Preset* preset = find_preset(state.pending_preset);
    const bool weights_in = preset && state.pretrained[state.dataset].count(bn::kind_name(preset->kind));
    if (weights_in || state.weights_done.count(state.dataset)) app_select_preset(state, state.pending_preset);
  }
  // A preset or the editor has posted a model that the trainer has not swapped in yet (in mt, it
  // does so on its own thread a moment later): the viewer still holds the old one, so anything
  // computed now would be of the wrong model. Worse, it would be sized for the wrong model: a
  // preset click from the conv model to the Anomaly tab ran 2,000 conv reconstructions.
  if (state.snapshot->model_generation != state.trainer->posted_model_generation()) return;
  try {
    refresh_open_tab(state);
  } catch (const std::bad_alloc&) {
    // The tab keeps what it showed; it tries again when the weights change.
    state.view_out_of_memory_version = state.viewer_version;
    state.notice = std::string("Not enough memory for the ") + tab_name(state.side_tab) +
                   " tab's view of this model: it shows the last one it could compute.";
  }
  if (state.reconstructed_revision != state.pad_revision || state.reconstructed_version != state.viewer_version ||
      state.reconstructed_noise_revision != state.noise_revision) {
    reconstruct_pad(state);
    state.reconstructed_revision = state.pad_revision;
    state.reconstructed_noise_revision = state.noise_revision;
    state.reconstructed_version = state.viewer_version;
    ++state.reconstruction_revision;
  }
}

namespace {

// The keyboard shortcuts of the help overlay (`?`).
void handle_shortcuts(AppState& state) {
  if (ImGui::GetIO().WantTextInput) return;
  auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(key, false); };
  if (pressed(ImGuiKey_Slash) && ImGui::GetIO().KeyShift) state.show_help = !state.show_help;
  if (pressed(ImGuiKey_Escape)) state.show_help = false;
  if (pressed(ImGuiKey_C)) clear_pad(state);
  if (pressed(ImGuiKey_RightArrow)) app_browse_test_image(state, 1);
  if (pressed(ImGuiKey_LeftArrow)) app_browse_test_image(state, -1);
  if (pressed(ImGuiKey_R)) app_random_test_image(state);
  if (pressed(ImGuiKey_T)) state.light_theme = !state.light_theme;
  if (pressed(ImGuiKey_Equal) || pressed(ImGuiKey_KeypadAdd)) app_set_ui_scale(state, state.ui_scale + 0.25f);
  if (pressed(ImGuiKey_Minus) || pressed(ImGuiKey_KeypadSubtract)) app_set_ui_scale(state, state.ui_scale - 0.25f);
  if (pressed(ImGuiKey_U) || (ImGui::GetIO().KeyCtrl && pressed(ImGuiKey_Z))) app_undo(state);
  if (pressed(ImGuiKey_E))
    state.brush_tool = state.brush_tool == BrushTool::kErase ? BrushTool::kInk : BrushTool::kErase;
  if (pressed(ImGuiKey_H))
    state.brush_tool = state.brush_tool == BrushTool::kHide ? BrushTool::kInk : BrushTool::kHide;
  if (!state.trainer) return;
  if (pressed(ImGuiKey_Space)) state.trainer->post(bn::TrainerCommand::kToggle);
  if (pressed(ImGuiKey_S)) state.trainer->post(bn::TrainerCommand::kStep);
  if (pressed(ImGuiKey_N)) cycle_noise(state);
  for (int i = 0; i < static_cast<int>(presets().size()) && i < 9; ++i)
    if (pressed(static_cast<ImGuiKey>(ImGuiKey_1 + i))) app_select_preset(state, presets()[i].name);
}

}  // namespace

void clear_pad(AppState& state) {
  drawing_begin_edit(state.drawing);
  drawing_clear(state.drawing);
  app_drawing_changed(state);
}

void app_drawing_changed(AppState& state) {
  state.drawn = drawing_pixels(state.drawing);
  state.hidden_count = drawing_hidden_count(state.drawing);
  if (state.mnist_framing) {
    // The mask moves with the drawing, so it still covers what the user painted over.
    const bn::Frame frame = bn::fit_mnist_frame(state.drawn, kPadSide);
    state.pad = bn::apply_frame(frame, state.drawn, kPadSide);
    state.hidden = bn::apply_frame(frame, state.drawing.page.hidden, kPadSide);
  } else {
    state.pad = state.drawn;
    state.hidden = state.drawing.page.hidden;
  }
  ++state.pad_revision;
}

bool app_undo(AppState& state) {
  if (!drawing_undo(state.drawing)) return false;
  app_drawing_changed(state);
  return true;
}

void app_load_image(AppState& state, const float* pixels) {
  drawing_begin_edit(state.drawing);
  drawing_set_image(state.drawing, pixels);
  app_drawing_changed(state);
}

namespace {

void load_test_image(AppState& state, int index) {
  const bn::Matrix image = state.test_set->batch({index});
  app_load_image(state, image.data());
  state.browsed_test_image = index;
  state.browsed_pad_revision = state.pad_revision;
}

bool in_browsed_class(const AppState& state, int index) {
  return state.browse_label < 0 || state.test_set->labels[index] == state.browse_label;
}

}  // namespace

void app_browse_test_image(AppState& state, int step) {
  if (!state.test_set || state.test_set->count() == 0) return;
  const int count = state.test_set->count();
  // The first press of "next" shows image 0, of "previous" the last one.
  int index = state.browsed_test_image >= 0 ? state.browsed_test_image : (step > 0 ? -1 : 0);
  for (int tried = 0; tried < count; ++tried) {
    index = ((index + step) % count + count) % count;
    if (in_browsed_class(state, index)) return load_test_image(state, index);
  }
}

void app_random_test_image(AppState& state) {
  if (!state.test_set) return;
  std::vector<int> candidates;
  for (int i = 0; i < state.test_set->count(); ++i)
    if (in_browsed_class(state, i)) candidates.push_back(i);
  if (candidates.empty()) return;
  bn::Random rng(0xD161, state.random_digit_counter++);
  load_test_image(state, candidates[rng.below(static_cast<uint32_t>(candidates.size()))]);
}

int app_shown_test_image(const AppState& state) {
  return state.browsed_test_image >= 0 && state.browsed_pad_revision == state.pad_revision ? state.browsed_test_image
                                                                                             : -1;
}

const DatasetInfo& current_dataset(const AppState& state) {
  const DatasetInfo* info = find_dataset(state.dataset);
  return info ? *info : kDatasets[0];
}

std::string in_words_of_dataset(const AppState& state, const std::string& text) {
  const DatasetInfo& info = current_dataset(state);
  if (&info == &kDatasets[0]) return text;
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 6, "digits") == 0) {
      out += info.items;
      i += 6;
    } else if (text.compare(i, 5, "digit") == 0) {
      out += info.item;
      i += 5;
    } else {
      out += text[i++];
    }
  }
  return out;
}

const DatasetInfo& other_dataset(const AppState& state) {
  return &current_dataset(state) == &kDatasets[0] ? kDatasets[1] : kDatasets[0];
}

const char* label_name(const AppState& state, int label) {
  static const char* const kDigits[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  static const char* const kFashion[] = {"T-shirt", "Trouser", "Pullover", "Dress", "Coat",
                                         "Sandal",  "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  if (label < 0 || label > 9) return "?";
  return state.dataset == "fashion" ? kFashion[label] : kDigits[label];
}

void cycle_noise(AppState& state) {
  // None -> Gaussian -> salt & pepper -> block -> blur -> none, each at its typical level.
  static const bn::NoiseType kCycle[] = {bn::NoiseType::kNone, bn::NoiseType::kGaussian, bn::NoiseType::kSaltPepper,
                                         bn::NoiseType::kMaskBlock, bn::NoiseType::kBlur};
  size_t next = 0;
  for (size_t i = 0; i < std::size(kCycle); ++i)
    if (kCycle[i] == state.noise.type) next = (i + 1) % std::size(kCycle);
  app_set_noise(state, bn::typical_noise(kCycle[next]));
}

void app_draw(AppState& state) {
  ImGuiIO& io = ImGui::GetIO();
  handle_shortcuts(state);

  const PanelLayout layout = compute_panel_layout(io.DisplaySize, state.header_height);
  begin_page(io.DisplaySize);
  header_panel(state, layout.header);
  draw_pad_panel(state, layout.draw);
  reconstruction_panel(state, layout.reconstruction);
  noise_panel(state, layout.noise);
  side_panel(state, layout.side);
  end_page(layout);
  if (state.show_help) help_overlay(state);
}

}  // namespace bn_app
