// A GL texture holding a small image of values in [0, 1] (one channel), drawn through our colour-map
// shader (shaders/image.frag): grey (white ink on black, like MNIST) or an error heat map. Nearest
// filtering keeps the 28×28 pixels crisp at any zoom.
//
//   DigitTexture texture(28, 28, ColorMap::kHeat);
//   texture.upload(values);                 // when the values change
//   texture.draw(ImVec2(120, 120));         // in place of ImGui::Image
#pragma once

#include <cstdint>
#include <vector>

#include "imgui.h"

namespace bn_app {

enum class ColorMap { kGray = 0, kHeat = 1 };

class DigitTexture {
 public:
  DigitTexture(int width, int height, ColorMap map = ColorMap::kGray);
  ~DigitTexture();
  DigitTexture(const DigitTexture&) = delete;
  DigitTexture& operator=(const DigitTexture&) = delete;

  void upload(const float* values);  // width·height values in [0, 1]
  // An ImGui item of `size` at the cursor, like ImGui::Image.
  void draw(ImVec2 size) const;
  // Into a draw list at a rectangle, like ImDrawList::AddImage.
  void draw_at(ImDrawList* list, ImVec2 min, ImVec2 max) const;

 private:
  ImTextureID id() const;
  int width_;
  int height_;
  ColorMap map_;
  unsigned int texture_ = 0;
  std::vector<uint8_t> levels_;
};

}  // namespace bn_app
