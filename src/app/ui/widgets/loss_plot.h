// A small chart of the train and test loss against the training step, drawn with ImGui's draw list.
// With `log_scale` the loss axis is logarithmic (every loss here is positive), which keeps the
// slow late progress visible after the steep first drop.
#pragma once

#include <vector>

#include "core/train/trainer.h"
#include "imgui.h"

namespace bn_app {

// `can_train`: the page offers training (not an embed without controls), so an untrained curve
// says where it will grow.
void loss_plot(const char* id, const std::vector<bn::LossPoint>& train, const std::vector<bn::LossPoint>& test,
               ImVec2 size, bool log_scale = false, bool can_train = true);

}  // namespace bn_app
