#include "app/app_state.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "app/panels/panels.h"
#include "core/parallel/thread_pool.h"
#include "imgui.h"

namespace bn_app {

namespace {

// Workers must exist in Emscripten's pre-started pool (PTHREAD_POOL_SIZE in CMakeLists.txt, which
// also counts the trainer thread), so this stays below it.
constexpr int kMaxComputeThreads = 3;

// The single-thread build trains inside the frame: this much of each ~16.7 ms frame, so the UI
// keeps 60 fps while training.
constexpr auto kSingleThreadTrainingSlice = std::chrono::milliseconds(8);

}  // namespace

AppState& app_state() {
  static AppState state;
  return state;
}

void app_receive_dataset(AppState& state, const std::string& name, const std::vector<uint8_t>& bytes) {
  try {
    bn::Dataset all = bn::parse_dataset(bytes.data(), bytes.size(), name);
    auto [train, test] = bn::split_mnist10k(all);
    state.train_set = std::make_shared<const bn::Dataset>(std::move(train));
    state.test_set = std::make_shared<const bn::Dataset>(std::move(test));
    bn::ModelConfig config;
    state.trainer = std::make_unique<bn::Trainer>(config, state.train_set, state.test_set);
    state.viewer = bn::make_model(config);
    state.snapshot = state.trainer->snapshot();
    if (state.threaded) {
      // The UI thread and the trainer already take two cores; compute workers get what is left
      // (none on a 2-core laptop, where an extra worker would only steal frames from the UI).
      const int cores = static_cast<int>(std::thread::hardware_concurrency());
      bn::set_compute_threads(std::clamp(cores - 1, 1, kMaxComputeThreads));
      state.trainer_thread = std::make_unique<bn::TrainerThread>(*state.trainer);
    }
    state.loading.progress = 1.0f;
    state.loading.error.clear();
  } catch (const std::exception& e) {
    state.loading.error = std::string("Could not load the data set: ") + e.what();
  }
}

void app_update(AppState& state) {
  state.fps = ImGui::GetIO().Framerate;
  if (!state.trainer) return;
  if (!state.threaded) state.trainer->run_for(kSingleThreadTrainingSlice);
  state.snapshot = state.trainer->snapshot();
  if (state.snapshot->model_generation != state.viewer_generation) {
    state.viewer = bn::make_model(*state.snapshot->config);
    state.viewer_generation = state.snapshot->model_generation;
  }
  if (state.snapshot->version != state.viewer_version) {
    state.viewer->parameters().values() = state.snapshot->weights;
    state.viewer_version = state.snapshot->version;
  }
  if (state.reconstructed_revision != state.pad_revision || state.reconstructed_version != state.viewer_version) {
    bn::Matrix input = bn::ConstMatrixMap(state.pad.data(), 1, kPadSide * kPadSide);
    bn::Matrix output = state.viewer->reconstruct(input);
    state.reconstruction.assign(output.data(), output.data() + output.size());
    state.reconstructed_revision = state.pad_revision;
    state.reconstructed_version = state.viewer_version;
    ++state.reconstruction_revision;
  }
}

void app_draw(AppState& state) {
  ImGuiIO& io = ImGui::GetIO();
  if (state.trainer && !io.WantTextInput && ImGui::IsKeyPressed(ImGuiKey_Space, false))
    state.trainer->post(bn::TrainerCommand::kToggle);

  const PanelLayout layout = compute_panel_layout(io.DisplaySize);
  header_panel(state, layout.header);
  draw_pad_panel(state, layout.draw);
  reconstruction_panel(state, layout.reconstruction);
  training_panel(state, layout.training);
}

}  // namespace bn_app
