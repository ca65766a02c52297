// The interface: Dear ImGui panels that read the session (src/app/session) and send it commands.
// The app owns one Ui; its GL resources live in `textures` and go before the GL context does.
//
//   Ui ui;
//   draw_ui(session, ui);     // each frame, between ImGui::NewFrame and ImGui::Render
//   ui.textures.clear();      // at exit, while the context is current
#pragma once

#include <functional>
#include <string>
#include <vector>

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

// One reading of the pointer (a mouse, a finger or a pen), in CSS pixels. The pad draws from these
// alone: position and pressure come through this one channel, fed by the page's pointer events in
// the browser (every coalesced one) and by SDL's mouse events on the desktop.
struct PenSample {
  float x = 0.0f, y = 0.0f;
  float pressure = 1.0f;  // in (0, 1]: a pen's; 1 for mice and fingers
  bool down = false;      // pressed (a button, a finger on the screen, a pen on the tablet)
  bool erase = false;     // the right button: always the eraser
};

// The pen on the pad: the brush chosen, the readings since the last frame, and a stroke in progress.
struct PadPointer {
  BrushTool brush = BrushTool::kInk;
  std::vector<PenSample> samples;  // the Draw panel takes them each frame
  bool down = false;               // the last reading was pressed
  bool stroking = false;           // ... and the press began on the pad
  float x = 0.0f, y = 0.0f;        // the stroke's last point, in pad pixels
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
  // Puts text on the system clipboard: the platform's (the page asks the browser).
  std::function<void(const std::string&)> copy_text;
  // Hands a file to the user (the page downloads it), and asks the user for a model file to load
  // (the page's file picker, which calls Session::load_model_file). Unset where there are none.
  std::function<void(const std::string& name, const std::vector<uint8_t>& bytes)> save_file;
  std::function<void()> open_model_file;
  // Asks the user for pictures, CSVs or zips of their own (the page's file picker, which hands
  // them to Session::receive_own_images). Unset where there is none.
  std::function<void()> open_own_files;
};

// [links] Everything on screen as one Settings: the session's part, the brush, the look and the
// page's mode.
Settings current_settings(const Session& session, const Ui& ui);
// Applies a link's text (a URL's hash): the interface's part at once, the session's when its data
// is in. What the text had that was ignored or changed goes into the session's notice.
void apply_link(Session& session, Ui& ui, const std::string& text);
// The page's address with `settings` as its hash; "" where there is no page (the desktop).
std::string link_address(const Ui& ui, const Settings& settings);
// An <iframe> of `settings` in embed mode, for a blog post or a tutorial.
std::string embed_code(const Ui& ui, Settings settings);

// One drawn frame: counts it, handles the keyboard shortcuts and draws every panel.
void draw_ui(Session& session, Ui& ui);
// One touch pointer reading from the page (x, y in CSS pixels; phase TouchPan::Phase).
void touch_event(UiState& ui, float x, float y, int phase);
// The interface's part of the automation state: fps, frame, drawnFrames, frameMs and workMs ({median, p95,
// count}), helpOpen, typing, ui: {scale, theme}, editor: {error, hidden, latent, learningRate},
// and drawing: the brush's tool with the pad's own report; link: {text, settled, copied} and page:
// {embed, panels, controls, lesson}.
void describe_ui(const Ui& ui, const Session& session, StateWriter& out);

}  // namespace bn_app
