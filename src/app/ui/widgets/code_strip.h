// The code a drawing becomes, drawn as one bar per unit under the reconstruction: the bottleneck
// itself, on screen. A bar can be dragged to change that one number; the decoder then runs on the
// edited code, so "what does unit 7 do?" gets an answer by hand.
#pragma once

#include <vector>

#include "app/session/pad.h"
#include "app/ui/widget_probes.h"
#include "imgui.h"

namespace bn_app {

// Draws the strip across the content width, `height` pixels high, and applies a drag to `rebuild`:
// a sparse model's firing units lit, the others dim; a VAE's μ with ±σ whiskers; edited units in
// the hover colour.
void code_strip(PadReconstruction& rebuild, WidgetProbes& probes, float height);

}  // namespace bn_app
