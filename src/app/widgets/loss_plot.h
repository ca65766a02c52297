// A small chart of the train and test loss against the training step, drawn with ImGui's draw list.
#pragma once

#include <vector>

#include "core/train/trainer.h"
#include "imgui.h"

namespace bn_app {

void loss_plot(const char* id, const std::vector<bn::LossPoint>& train, const std::vector<bn::LossPoint>& test,
               ImVec2 size);

}  // namespace bn_app
