// The interface: Dear ImGui panels that read the session (src/app/session) and send it commands.
// The app owns one Ui; its GL resources live in `textures` and go before the GL context does.
//
//   Ui ui;
//   draw_ui(session, ui);     // each frame, between ImGui::NewFrame and ImGui::Render
//   ui.textures.clear();      // at exit, while the context is current
#pragma once

#include <string>

#include "app/session/session.h"
#include "app/ui/texture_cache.h"
#include "app/ui/ui_state.h"
#include "app/ui/widget_probes.h"

namespace bn_app {

// The model editor's draft: a config being edited, apart from the one training.
struct ModelDraft {
  bn::ModelConfig config;
  char hidden_text[64] = "256,128";  // the encoder widths as typed
  uint64_t synced_model = ~0ull;     // the Training::model_revision the draft was copied from
  bool edited = false;               // changed since: a new model does not overwrite it
  std::string error;                 // why the last Build was refused
};

// The pen on the pad: the brush chosen, and a stroke in progress.
struct PadPointer {
  BrushTool brush = BrushTool::kInk;
  bool stroking = false;      // the pointer is down on the pad
  float x = 0.0f, y = 0.0f;   // its last position, in pad pixels
  float pressure = 1.0f;      // the pen's, from the page's pointer events (1 for mice and fingers)
};

// What every panel draws with: the GPU resources and the registry of widget rectangles.
struct UiTools {
  TextureCache& textures;
  WidgetProbes& probes;
};

struct Ui {
  UiState state;
  TextureCache textures;
  WidgetProbes probes;
  ModelDraft draft;
  PadPointer pointer;
};

// Counts the frame, handles the keyboard shortcuts and draws every panel.
void draw_ui(Session& session, Ui& ui);

}  // namespace bn_app
