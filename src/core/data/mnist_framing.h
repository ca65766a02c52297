// MNIST-style framing of a hand drawing, and the down-sampling of a fine drawing to the model's grid.
//
// MNIST's digits were scaled so their bounding box fits a 20×20 box (keeping the aspect ratio) and
// then shifted so their centre of mass sits at the centre of the 28×28 image. A drawing made in a
// corner, or very small, looks nothing like that to a model trained on MNIST; framing it the same
// way is what makes "draw a 3 anywhere" work.
//
//   bn::Frame frame = bn::fit_mnist_frame(drawing, 28);      // from the clean drawing
//   std::vector<float> input = bn::apply_frame(frame, drawing, 28);
//   std::vector<float> mask  = bn::apply_frame(frame, hidden, 28);   // the same move for a mask
//
// Images are side·side floats in [0, 1], row-major, white ink on black.
#pragma once

#include <vector>

namespace bn {

// Maps a target pixel position p to the source position (p − target_centre) / scale + source_centre.
struct Frame {
  float scale = 1.0f;
  float source_x = 0.0f, source_y = 0.0f;  // the drawing's centre of mass, in pixels
  float target_x = 0.0f, target_y = 0.0f;  // where it goes
  bool identity = true;                    // an empty drawing: nothing to move
};

// The frame that puts `image`'s ink box in a box of `box` pixels (20 for MNIST's 28) with its centre
// of mass at the image centre. The scale is kept within [1/4, 4], so a single dot does not become a
// blob. An image without ink gives the identity.
Frame fit_mnist_frame(const std::vector<float>& image, int side, float box = 20.0f);

// Resamples `image` through `frame` (bilinear, 2×2 samples a pixel), the same size out.
std::vector<float> apply_frame(const Frame& frame, const std::vector<float>& image, int side);

// Averages factor×factor blocks: a drawing made at (side·factor)² becomes side².
std::vector<float> downsample_by_area(const std::vector<float>& fine, int fine_side, int factor);

}  // namespace bn
