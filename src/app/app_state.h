// Everything the UI knows, in one place. Panels are functions of this state: they draw it each
// frame and turn clicks into commands for the trainer. They never touch the model being trained;
// they read the trainer's latest immutable snapshot, and a private "viewer" model holds a copy of
// its weights to reconstruct the user's drawing.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/models/model.h"
#include "core/train/trainer.h"
#include "core/train/trainer_thread.h"
#include "app/digit_texture.h"

namespace bn_app {

constexpr int kPadSide = 28;

struct ScreenRect {
  float x = 0, y = 0, w = 0, h = 0;
};

// Where the widgets that tests press are, in CSS pixels (see bindings/automation.cpp).
struct WidgetLayout {
  ScreenRect pad;
  ScreenRect train_button;
  ScreenRect clear_button;
};

struct DataLoading {
  std::string what = "MNIST";
  float progress = 0.0f;       // 0..1, reported by the page while it downloads
  std::string error;           // shown instead of the playground when set
};

struct AppState {
  bool threaded = false;       // the mt build: the trainer has its own thread
  DataLoading loading;

  std::shared_ptr<const bn::Dataset> train_set;
  std::shared_ptr<const bn::Dataset> test_set;
  std::unique_ptr<bn::Trainer> trainer;
  std::unique_ptr<bn::TrainerThread> trainer_thread;  // mt only
  std::shared_ptr<const bn::TrainingSnapshot> snapshot;

  std::unique_ptr<bn::Model> viewer;                  // holds the snapshot's weights
  uint64_t viewer_version = 0;
  uint64_t viewer_generation = 0;                     // rebuilt when the trainer's model is replaced

  std::vector<float> pad = std::vector<float>(kPadSide * kPadSide, 0.0f);
  std::vector<float> reconstruction = std::vector<float>(kPadSide * kPadSide, 0.0f);
  uint64_t pad_revision = 1;                          // bumped on every change to `pad`
  uint64_t reconstructed_revision = 0;
  uint64_t reconstructed_version = 0;
  uint32_t random_digit_counter = 0;
  bool stroking = false;                              // the pointer is down on the pad
  float stroke_x = 0.0f, stroke_y = 0.0f;             // its last position, in pad pixels

  // GL textures of the two images, re-uploaded when their revision moves on.
  std::unique_ptr<DigitTexture> pad_texture;
  std::unique_ptr<DigitTexture> reconstruction_texture;
  uint64_t pad_texture_revision = 0;
  uint64_t reconstruction_texture_revision = 0;
  uint64_t reconstruction_revision = 0;               // bumped when `reconstruction` changes

  float fps = 0.0f;
  WidgetLayout layout;

  bool ready() const { return trainer != nullptr && snapshot != nullptr; }
};

AppState& app_state();

// Parses the data set the page downloaded and starts the trainer; on bad data, sets loading.error.
void app_receive_dataset(AppState& state, const std::string& name, const std::vector<uint8_t>& bytes);
// Once per frame, before the panels: train a slice (st), pick up the newest snapshot, and
// reconstruct the pad when the pad or the weights changed.
void app_update(AppState& state);
// Draws every panel.
void app_draw(AppState& state);

}  // namespace bn_app
