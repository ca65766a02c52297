// Seeded initialisation shared by the layers with weights (Dense, Conv2d, ConvTranspose2d).
#pragma once

#include "core/layers/layer.h"

namespace bn {

// Fills `weight` and `bias` following `init` (see layer.h) for the given fans.
void initialize_weight_and_bias(MatrixMap weight, MatrixMap bias, int fan_in, int fan_out, Random& rng, Init init);

}  // namespace bn
