// A GL texture showing a small image, drawn by ImGui::Image: grayscale (white ink on black, like
// MNIST) or an error heat map (black through red and orange to pale yellow). Nearest filtering
// keeps the 28×28 pixels crisp at any zoom.
#pragma once

#include <cstdint>
#include <vector>

#include "imgui.h"

namespace bn_app {

enum class ColorMap { kGray, kHeat };

class DigitTexture {
 public:
  DigitTexture(int width, int height, ColorMap map = ColorMap::kGray);
  ~DigitTexture();
  DigitTexture(const DigitTexture&) = delete;
  DigitTexture& operator=(const DigitTexture&) = delete;

  void upload(const float* values);  // width·height values in [0, 1]
  ImTextureID id() const;

 private:
  int width_;
  int height_;
  ColorMap map_;
  unsigned int texture_ = 0;
  std::vector<uint8_t> rgba_;
};

}  // namespace bn_app
