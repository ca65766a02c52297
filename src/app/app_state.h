// Everything the UI knows, in one place. Panels are functions of this state: they draw it each
// frame and turn clicks into commands for the trainer. They never touch the model being trained;
// they read the trainer's latest immutable snapshot, and a private "viewer" model holds a copy of
// its weights to reconstruct the user's drawing.
#pragma once

#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/eval/linear_probe.h"
#include "core/eval/metrics.h"
#include "core/eval/projection.h"
#include "core/models/model.h"
#include "core/train/trainer.h"
#include "core/train/trainer_thread.h"
#include "app/digit_texture.h"
#include "app/drawing.h"
#include "app/gpu/scatter_renderer.h"
#include "app/session/time_history.h"

namespace bn_app {

constexpr int kPadSide = 28;

struct ScreenRect {
  float x = 0, y = 0, w = 0, h = 0;
};

// Where the widgets that tests press are, in CSS pixels (see bindings/automation.cpp).
struct WidgetLayout {
  ScreenRect pad;
  ScreenRect train_button;
  ScreenRect reset_button;
  ScreenRect clear_button;
  ScreenRect undo_button;
  ScreenRect scale_up_button;
  ScreenRect scale_down_button;
  ScreenRect theme_checkbox;
  ScreenRect editor_header;
  ScreenRect editor_hidden_field;
  ScreenRect editor_latent_field;
  ScreenRect editor_learning_rate_field;
  ScreenRect editor_build_button;
  ScreenRect training_grid;
  ScreenRect side_panel;                        // the Model panel (its tabs scroll inside it)
  ScreenRect random_digit_button;
  ScreenRect previous_digit_button;
  ScreenRect next_digit_button;
  std::map<std::string, ScreenRect> brush_buttons;  // "ink", "erase", "hide"
  ScreenRect framing_checkbox;
  std::map<std::string, ScreenRect> preset_buttons;
  ScreenRect noise_level_slider;
  std::map<std::string, ScreenRect> tabs;
  ScreenRect latent_plot;
  ScreenRect pca_plot;                          // beside the latent plot when PCA is compared
  ScreenRect latent_components;
  ScreenRect beside_pca_checkbox;
  ScreenRect latent_marker;      // the drawing's point on the plot (w = h = 0 when there is none)
  ScreenRect resample_button;
  ScreenRect manifold;
  ScreenRect another_digit_button;
  ScreenRect keep_drawing_button;
  std::map<std::string, ScreenRect> dataset_buttons;      // by data set id
  ScreenRect threshold_slider;
  ScreenRect load_pretrained_button;
  ScreenRect slow_motion_checkbox;
  std::map<std::string, ScreenRect> probe_label_buttons;  // "10", "100", "1000"
};

// When a tab's derived view (codes, scores, samples) was last computed: it is recomputed when the
// weights have changed, but at most every `interval` seconds, so a training model does not make
// every frame redo it.
struct Freshness {
  uint64_t version = 0;   // the viewer version it was computed for
  double at = -1.0;       // ImGui time
  bool due(uint64_t current_version, double now, double interval) const {
    return version != current_version && now - at >= interval;
  }
  void mark(uint64_t current_version, double now) {
    version = current_version;
    at = now;
  }
  // Due in the next frame, whatever the version and the interval.
  void invalidate() {
    version = ~0ull;
    at = -1.0;
  }
};

// The tabs of the right-hand column.
enum class SideTab { kTraining, kLatent, kGenerate, kAnomaly, kFeatures, kCompression };
// Its title on screen and in the automation state: "Training", "Latent", ...
const char* tab_name(SideTab tab);
// What went wrong, for a notice: "not enough memory" for std::bad_alloc, else what() says.
std::string error_text(const std::exception& error);

// 2-D points and the window that frames them.
struct Scatter {
  std::vector<float> xy;                    // count · 2, row-major
  float min_x = -1, max_x = 1, min_y = -1, max_y = 1;
  uint64_t revision = 0;                    // bumped with each new set of points
  uint64_t uploaded_revision = 0;           // the set the GPU holds
};

// The Latent tab: the test set's codes seen in 2-D, and the user's drawing among them; beside it,
// optionally, the same images through linear PCA with as many components.
struct LatentView {
  static constexpr int kPoints = 1000;      // the MNIST-10k test split, all of it
  Freshness computed;                       // refreshed at most twice a second
  bn::Projection2d projection;
  Scatter points;
  std::vector<uint8_t> labels;
  int components[2] = {0, 1};               // the principal directions shown (codes wider than 2)
  int computed_components[2] = {0, 1};
  bool beside_pca = false;
  bool computed_beside_pca = false;
  Scatter pca_points;                       // PCA's first two components of the same images
  float model_mse = 0, pca_mse = 0;         // over the same images
  bool has_marker = false;                  // the drawing's code, projected
  float marker_x = 0, marker_y = 0;
  int hovered = -1;                         // the test image under the pointer
  std::vector<float> decoded;               // what a clicked empty spot decodes to
  uint64_t decoded_revision = 0;
  uint64_t decoded_texture_revision = 0;
};

// The Generate tab (VAE): random samples from the prior, and the 2-D manifold.
struct GenerateView {
  static constexpr int kGrid = 6;           // kGrid × kGrid samples
  static constexpr int kManifold = 10;      // kManifold × kManifold decoded grid points
  float temperature = 1.0f;
  uint32_t draws = 0;                       // Resample presses: each is a new seed
  Freshness computed;                       // follows training at most twice a second
  uint64_t computed_draws = ~0ull;
  float computed_temperature = -1.0f;
  std::vector<float> samples;               // a (kGrid·28)² image
  std::vector<float> manifold;              // a (kManifold·28)² image
  uint64_t revision = 0;
  int dims[2] = {0, 1};                     // the code numbers the manifold walks (x, y)
  int computed_dims[2] = {0, 1};
  static constexpr float kManifoldReach = 2.5f;  // the grid covers ±2.5 σ of the prior

  // A point in the code space held with the pointer over the manifold, and its decoded digit.
  bool holding = false;
  float held_x = 0, held_y = 0;             // in code units, along dims[0] and dims[1]
  std::vector<float> held_image;
  uint64_t held_revision = 0, held_texture_revision = 0;

  // Interpolation from the drawing's code to the far end's: a drawing the user kept ("Keep this
  // drawing", then draw another) or else a test digit. A strip of frames and an animation.
  static constexpr int kFrames = 8;
  uint32_t partner_draws = 0;               // "Another digit" presses
  int partner = -1;                         // the test image at the far end, when none is kept
  std::vector<float> kept_drawing;          // 784 pixels, or empty
  uint32_t kept_revision = 0;               // bumped whenever kept_drawing changes
  Freshness interpolated;
  uint64_t interpolated_pad_revision = 0;
  uint32_t interpolated_partner_draws = ~0u;
  uint32_t interpolated_kept_revision = ~0u;
  bn::Matrix ends;                          // [2, latent]: the drawing's code and the far end's
  std::vector<float> strip;                 // 28 × (kFrames·28)
  uint64_t strip_revision = 0, strip_texture_revision = 0;
  bool animate = true;
  std::vector<float> animated;              // one 28×28 frame, decoded every frame
};

// The Anomaly tab: reconstruction error of normal test images against anomalies (the other data
// set), and of the drawing.
struct AnomalyView {
  Freshness computed;                       // at most once a second: 2,000 reconstructions
  std::vector<float> normal_scores;         // per-image MSE, the test split
  std::vector<float> anomaly_scores;        // per-image MSE, the other data set's 1,000 test images
  std::vector<bn::RocPoint> roc;
  double auroc = 0.0;
  float threshold = 0.0f;                   // above it: "anomaly"
  bool threshold_moved = false;             // the user's choice survives new weights
  float drawing_score = 0.0f;               // the clean drawing's reconstruction MSE
  bool has_drawing = false;
};

// The Features tab: the few-label linear probe, on the codes and on the pixels, trained a little
// each frame so the UI never stalls.
struct FeaturesView {
  int labels = 100;                          // N: 10, 100 or 1000 labelled training images
  uint64_t computed_version = 0;             // the weights the probes were started for
  int computed_labels = 0;
  std::unique_ptr<bn::SoftmaxProbe> codes_probe;
  std::unique_ptr<bn::SoftmaxProbe> pixels_probe;
  bn::Matrix test_codes;
  bn::ProbeResult codes;
  bn::ProbeResult pixels;
  bool done = false;
};

// The Compression tab: the code as a compressed image, at three precisions, for the model and for
// PCA with as many components.
struct CompressionView {
  struct Row {
    const char* format;       // "float32", "float16", "8-bit"
    int bytes = 0;            // per image
    float model_psnr = 0;     // over the test split
    float pca_psnr = 0;       // NaN when PCA does not apply (a code size PCA was not fitted for)
  };
  Freshness computed;                       // at most once a second
  std::vector<Row> rows;
  int latent = 0;
  std::string kind;                         // of the model the rows were measured on
};

// The Training tab's editor: a model config being edited, apart from the one training.
struct ModelDraft {
  bn::ModelConfig config;
  char hidden_text[64] = "256,128";          // the encoder widths as typed
  uint64_t synced_generation = ~0ull;        // the trainer's model the draft was copied from
  bool edited = false;                       // changed since: a new model does not overwrite it
  std::string error;                         // why the last Build was refused
};

// The Training tab's fixed grid of test digits and their current reconstructions.
struct TrainingGrid {
  static constexpr int kSide = 4;            // kSide × kSide digits
  Freshness computed;                        // follows training at most twice a second
  std::vector<float> originals;              // (kSide·28)² each
  std::vector<float> reconstructions;
  uint64_t revision = 0;
  uint64_t texture_revision = 0;
};

struct DataLoading {
  std::string what = "MNIST";
  float progress = 0.0f;       // 0..1, reported by the page while it downloads
  std::string error;           // shown instead of the playground when set
};

// The data sets the playground trains on. Each ships as "<id>10k.bnds", laid out like PRODUCT.md's
// MNIST-10k (index % 10 == 9 is test: 9,000 train / 1,000 test), with pretrained weights
// "<id>-<kind>.safetensors"; the other one's test images are this one's anomalies.
struct DatasetInfo {
  const char* id;       // "mnist"
  const char* title;    // "MNIST"
  const char* items;    // "digits": what a student calls its images
  const char* item;     // "digit"
};
inline constexpr DatasetInfo kDatasets[] = {{"mnist", "MNIST", "digits", "digit"},
                                            {"fashion", "Fashion-MNIST", "clothes", "garment"}};
// The entry for `id`; nullptr for an unknown id.
const DatasetInfo* find_dataset(const std::string& id);

// A data set once it is in: its two splits.
struct LoadedDataset {
  std::shared_ptr<const bn::Dataset> train;
  std::shared_ptr<const bn::Dataset> test;
};

struct AppState {
  bool threaded = false;       // the mt build: the trainer has its own thread
  DataLoading loading;

  // The data set the trainer trains on, and the one the Training tab asks for: the platform layer
  // (main.cpp) sees `dataset_wanted` move on, fetches it (the page downloads it; the desktop reads
  // it) and hands it over with app_receive_dataset. Until then the current one keeps working.
  std::string dataset = "mnist";
  std::string dataset_wanted = "mnist";
  std::string dataset_requested = "mnist";            // asked of the platform, or already in
  float dataset_progress = 0.0f;                      // of the wanted one's download
  std::map<std::string, LoadedDataset> datasets;      // by id, once in

  std::shared_ptr<const bn::Dataset> train_set;
  std::shared_ptr<const bn::Dataset> test_set;
  std::shared_ptr<const bn::Dataset> anomaly_set;     // the other data set's test images, for the Anomaly tab
  std::shared_ptr<const bn::Dataset> fashion_anomalies;  // app_receive_anomalies' (before Fashion is in)
  std::unique_ptr<bn::Trainer> trainer;
  std::unique_ptr<bn::TrainerThread> trainer_thread;  // mt only
  std::shared_ptr<const bn::TrainingSnapshot> snapshot;

  std::unique_ptr<bn::Model> viewer;                  // holds the snapshot's weights
  uint64_t viewer_version = 0;
  uint64_t viewer_generation = 0;                     // rebuilt when the trainer's model is replaced

  // Pretrained weights the page downloaded, by data set id and kind name ("ae", "vae", ...):
  // safetensors bytes, and the data sets whose every weights file the page has sent (or failed).
  std::map<std::string, std::map<std::string, std::vector<uint8_t>>> pretrained;
  std::set<std::string> weights_done;
  std::string preset;                                 // the one last applied ("" before the first)
  std::string pending_preset = "Denoising";           // applied once the data (and its weights) are in
  std::string notice;                                 // a one-line message under the header, e.g. an error

  // Presentation: the whole UI's scale (1 to 3, for projectors) and its theme; the platform layer
  // (main.cpp) rebuilds the font and the style when they change.
  static constexpr float kMinUiScale = 1.0f, kMaxUiScale = 3.0f;
  float ui_scale = 1.0f;
  bool light_theme = false;
  float header_height = 90.0f;                        // measured each frame: the preset row wraps
  bool show_help = false;                             // the `?` overlay of keyboard shortcuts
  bool loss_log_scale = false;                        // the Training tab's loss axis
  bool slow_motion = false;                           // train one step every kSlowMotionStep
  double last_slow_step = 0.0;
  SideTab side_tab = SideTab::kTraining;
  bool side_tab_requested = false;                    // select side_tab in the tab bar next frame
  LatentView latent;
  GenerateView generate;
  AnomalyView anomaly;
  FeaturesView features;
  CompressionView compression;
  ModelDraft draft;
  TrainingGrid grid;
  std::unique_ptr<DigitTexture> grid_originals_texture;
  std::unique_ptr<DigitTexture> grid_reconstructions_texture;
  std::unique_ptr<bn::Model> pca;                     // the pretrained PCA-32 baseline
  float pca_drawing_psnr = 0.0f;                      // PCA's rebuild of the (noisy) drawing, in dB
  std::unique_ptr<ScatterRenderer> latent_scatter;    // the Latent tab's points, on the GPU
  std::unique_ptr<ScatterRenderer> pca_scatter;
  std::unique_ptr<DigitTexture> hovered_texture;
  std::unique_ptr<DigitTexture> decoded_texture;
  std::unique_ptr<DigitTexture> samples_texture;
  std::unique_ptr<DigitTexture> manifold_texture;
  std::unique_ptr<DigitTexture> held_texture;
  std::unique_ptr<DigitTexture> strip_texture;
  std::unique_ptr<DigitTexture> animated_texture;
  uint64_t samples_texture_revision = 0;

  bn::Noise noise;                                    // what the drawing goes through first
  uint64_t noise_revision = 1;

  // The drawing as made (fine ink, hidden mask, undo), what the pad shows of it (28×28), and the
  // model's clean input `pad`: the same pixels, or MNIST-framed when `mnist_framing` is on.
  Drawing drawing;
  BrushTool brush_tool = BrushTool::kInk;
  bool mnist_framing = false;
  float pen_pressure = 1.0f;                          // from the page's pointer events (pens only)
  std::vector<float> drawn = std::vector<float>(kPadSide * kPadSide, 0.0f);
  std::vector<float> hidden = std::vector<float>(kPadSide * kPadSide, 0.0f);  // the mask, framed like `pad`
  int hidden_count = 0;
  std::vector<float> pad = std::vector<float>(kPadSide * kPadSide, 0.0f);
  std::vector<float> noisy = std::vector<float>(kPadSide * kPadSide, 0.0f);          // the pad, corrupted
  std::vector<float> reconstruction = std::vector<float>(kPadSide * kPadSide, 0.0f); // from `noisy`
  std::vector<float> error_map = std::vector<float>(kPadSide * kPadSide, 0.0f);      // |output − pad|
  float psnr_noisy = 0.0f;                            // against the clean pad, in dB (inf: identical)
  float psnr_output = 0.0f;
  uint64_t reconstructed_noise_revision = 0;
  uint64_t pad_revision = 1;                          // bumped on every change to `pad`
  uint64_t reconstructed_revision = 0;
  uint64_t reconstructed_version = 0;
  // "Pick a test image": the one last put on the pad, and the class browsing keeps to.
  uint32_t random_digit_counter = 0;
  int browsed_test_image = -1;                        // index in test_set; -1 before the first
  int browse_label = -1;                              // -1: any class
  uint64_t browsed_pad_revision = 0;                  // the pad still shows it while pad_revision is this
  bool stroking = false;                              // the pointer is down on the pad
  float stroke_x = 0.0f, stroke_y = 0.0f;             // its last position, in pad pixels

  // GL textures of the two images, re-uploaded when their revision moves on.
  std::unique_ptr<DigitTexture> pad_texture;
  std::unique_ptr<DigitTexture> reconstruction_texture;
  std::unique_ptr<DigitTexture> noisy_texture;       // the Noise panel's three thumbnails
  std::unique_ptr<DigitTexture> output_texture;
  std::unique_ptr<DigitTexture> error_texture;
  uint64_t noisy_texture_revision = 0;
  uint64_t pad_texture_revision = 0;
  uint64_t reconstruction_texture_revision = 0;
  uint64_t reconstruction_revision = 0;               // bumped when `reconstruction` changes

  uint64_t view_out_of_memory_version = ~0ull;       // the open tab's view did not fit the heap for these weights
  double rest_adjusted_at = 0.0;                      // when the mt trainer's rest last followed the frame rate
  float fps = 0.0f;
  uint64_t frames = 0;                                // drawn since start: tests wait on frames, not milliseconds
  TimeHistory frame_ms;                               // from one frame's start to the next's
  // The main thread's own share of each frame (update, UI, GL submission), measured by main.cpp:
  // what is left of frame_ms is the browser's compositing and waiting for the next frame.
  TimeHistory work_ms;
  WidgetLayout layout;

  bool ready() const { return trainer != nullptr && snapshot != nullptr; }
};

AppState& app_state();

// Parses a data set (`id` of kDatasets) the platform fetched and trains on it from now on, with the
// current preset's pretrained model for it. Bad data: on the first data set, loading.error (the
// playground cannot start); later, state.notice, and the current data set stays.
void app_receive_dataset(AppState& state, const std::string& id, const std::vector<uint8_t>& bytes);
// The platform could not fetch the data set it was asked for: says so, and stays on the current one.
void app_dataset_failed(AppState& state, const std::string& id, const std::string& why);
// The Training tab's choice: asks the platform for the data set (or, if it is in, switches to it at
// the start of the next frame).
// Returns false (and sets state.notice) for an unknown id.
bool app_choose_dataset(AppState& state, const std::string& id);
// Called when the page has sent every weights file it could for a data set (some may have failed).
inline void app_weights_done(AppState& state, const std::string& dataset) { state.weights_done.insert(dataset); }
// The anomalies the Anomaly tab scores against while training on MNIST: the first 1,000 Fashion-MNIST
// test items (a .bnds file; the page sends it before Fashion is ever chosen). Bad data: state.notice.
void app_receive_anomalies(AppState& state, const std::string& name, const std::vector<uint8_t>& bytes);
// Pretrained weights for one kind (e.g. "denoise") trained on one data set.
void app_receive_weights(AppState& state, const std::string& dataset, const std::string& kind,
                         const std::vector<uint8_t>& bytes);
// Loads a preset's pretrained model into the trainer and sets its noise. Returns false (and sets
// state.notice) for an unknown name.
bool app_select_preset(AppState& state, const std::string& name);
void clear_pad(AppState& state);
// After any change to state.drawing: recomputes `drawn`, `pad` and `hidden` at once, so a reader in
// the same frame sees the new pixels.
void app_drawing_changed(AppState& state);
// One step back in the drawing's history (the `u` key, Ctrl+Z); false when there is none.
bool app_undo(AppState& state);
// Loads a 28×28 image (a test digit) as the drawing, undoably.
void app_load_image(AppState& state, const float* pixels);
// "Pick a test image": the next (step 1) or previous (step -1) test image of the chosen class,
// wrapping around, or a random one; each goes on the pad, undoably.
void app_browse_test_image(AppState& state, int step);
void app_random_test_image(AppState& state);
// The test image the pad shows, or -1 when it shows a drawing (or an edited test image).
int app_shown_test_image(const AppState& state);
// What a label means in the current data set: "7", or "Trouser" for Fashion-MNIST.
const char* label_name(const AppState& state, int label);
// `text` written about digits, in the words of the current data set ("digit" -> "garment").
std::string in_words_of_dataset(const AppState& state, const std::string& text);
// The data set being trained on, and the other one (whose test images are the anomalies).
const DatasetInfo& current_dataset(const AppState& state);
const DatasetInfo& other_dataset(const AppState& state);
// The `n` key: the next noise type, at a level that shows what it does.
void cycle_noise(AppState& state);
// Back to the current preset's pretrained weights, keeping the noise and the open tab.
void app_load_pretrained(AppState& state);
// Sets the UI scale, clamped to [kMinUiScale, kMaxUiScale].
void app_set_ui_scale(AppState& state, float scale);
// Shows a tab of the right-hand column.
void app_show_tab(AppState& state, SideTab tab);
// Throws std::invalid_argument for a level the noise type does not allow.
void app_set_noise(AppState& state, const bn::Noise& noise);
// Once per frame, before the panels: train a slice (st), pick up the newest snapshot, and
// reconstruct the pad when the pad or the weights changed.
void app_update(AppState& state);
// Draws every panel.
void app_draw(AppState& state);

}  // namespace bn_app
