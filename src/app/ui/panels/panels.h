// One function per panel, each drawing one ImGui window into the rectangle the layout gives it.
// Each takes the parts of the session it reads and changes, and nothing more.
//
//   header          the title, the build and the frame rate; the preset buttons and their caption
//   draw_pad        the 28×28 drawing pad: draw, clear, a random test image
//   reconstruction  what the model rebuilds from the drawing's code
//   noise           the noise the drawing goes through, and the PSNR of input and output
//   side            the right-hand column's tabs:
//     training_tab  Train / Pause / Step / Reset, live losses, 16 test images rebuilt, the loss
//                   curves, and model_editor: build a new model (kind, layers, hyper-parameters)
//     latent_tab    the test set's codes in 2-D, coloured by label, with the drawing's marker
//     generate_tab  a VAE's samples from the prior, its 2-D manifold, and an interpolation
//     anomaly_tab   error histograms of normal images and anomalies, a threshold, the ROC, a verdict
//     features_tab  the few-label linear probe: codes against pixels, and a confusion matrix
//     compression_tab  the code as a compressed image: bytes and PSNR, the model against PCA
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/ui/ui.h"
#include "imgui.h"

namespace bn_app {

struct PanelRect {
  ImVec2 pos;
  ImVec2 size;
};

// Where each panel goes on the page, in CSS pixels.
struct PanelLayout {
  PanelRect header;
  PanelRect draw;
  PanelRect reconstruction;
  PanelRect noise;
  PanelRect side;
  float image_side = 280.0f;  // the pad and the reconstruction are drawn this large
  float page_width = 0, page_height = 0;
  bool scrolls = false;  // the page is larger than the display (a big UI scale, a small screen)
};

// The panels on the page: all of them, unless a link's `panels` chose some (an embedded page).
struct PanelChoice {
  bool draw = true, reconstruction = true, noise = true, side = true;
  std::vector<SideTab> tabs;  // the side panel's tabs; empty: all
  bool embedded = false;      // in another page: the tabs go beside the images whenever they fit
  bool shows(SideTab tab) const;
};
// The names `panels=` takes: draw, reconstruction, noise, tabs (every tab), and each tab's.
const std::vector<std::string>& panel_names();
bool is_panel_name(const std::string& name);
PanelChoice panels_shown(const PageMode& mode);

// Three columns on a laptop (draw and rebuild side by side, the noise strip under them, the tabs
// on the right); when narrow, the tabs go below everything. Panels not chosen take no room. No
// panel shrinks below what its controls need: what does not fit scrolls. `header_height` is the
// header's measured height, 0 for none.
PanelLayout compute_panel_layout(ImVec2 display, float header_height, const PanelChoice& shown);
// One scrolling page holds every panel; begin_page / end_page wrap the panels each frame.
void begin_page(ImVec2 display);
void end_page(const PanelLayout& layout);
// Begins a panel (a child window of the page) at `rect`, with a title bar unless the title starts
// with '#'. Returns false when it is scrolled out of sight; end_panel(title) must always follow.
bool begin_panel(const char* title, const PanelRect& rect);
void end_panel(const char* title);
// A square image with a border, at the cursor.
void framed_image(const DigitTexture& texture, ImVec2 size);

// In embed mode, only the notice.
void header_panel(Session& session, Ui& ui, UiTools& tools, const PanelRect& rect);
// The Noise panel's thumbnails go below its controls when beside them they would be smaller than
// 4 em (`content_width`: the panel's inside); the layout makes room for them there.
bool noise_thumbnails_below(float content_width);
// Puts the next item on this line if `width` still fits, else on a new one: rows of buttons wrap.
void same_line_if_room(float width);
// The pad's hint for an empty pad. Embedded, the header and its Lessons button are hidden: it names
// only the keys.
const char* pad_hint(bool embedded);
void draw_pad_panel(DrawingPad& pad, const bn::Dataset* test, const DatasetInfo& dataset, PadPointer& pointer,
                    UiTools& tools, const PanelRect& rect, bool embedded);
// `pad_empty`: the caption says why a model shows something for a blank pad.
void reconstruction_panel(PadReconstruction& rebuild, bool pad_empty, const DatasetHub& datasets,
                          const Training& training, UiTools& tools, const PanelRect& rect);
void noise_panel(PadReconstruction& rebuild, UiTools& tools, const PanelRect& rect);
void side_panel(Session& session, Ui& ui, const PanelRect& rect, const PanelChoice& shown);
// The `?` overlay: every keyboard shortcut.
void help_overlay(UiState& ui);
// The Lessons window (L): the lesson list, or the current lesson's step.
void lessons_window(Session& session, UiState& ui, WidgetProbes& probes);

void training_tab(Session& session, Ui& ui);
// Returns the config to build when Build was pressed and the draft is valid (else the draft says why).
std::optional<bn::ModelConfig> model_editor(const Training& training, ModelDraft& draft, UiTools& tools);
void latent_tab(LatentView& view, Training& training, const bn::Model* pca, const LoadedDataset& splits,
                const DatasetInfo& dataset, UiTools& tools);
// Returns true when the user asks for the VAE preset (the tab needs a VAE).
bool generate_tab(SamplesView& view, InterpolationView& interpolation, Training& training, const DrawingPad& pad,
                  const DatasetInfo& dataset, UiTools& tools);
void anomaly_tab(AnomalyView& view, DatasetHub& datasets, UiTools& tools);
void features_tab(FeaturesView& view, const DatasetInfo& dataset, UiTools& tools);
void compression_tab(const CompressionView& view, const PadReconstruction& rebuild, bool drawn, bool has_pca);

}  // namespace bn_app
