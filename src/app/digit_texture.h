// A GL texture showing a grayscale image (white ink on black, like MNIST), drawn by ImGui::Image.
// Nearest filtering keeps the 28×28 pixels crisp at any zoom.
#pragma once

#include <cstdint>
#include <vector>

#include "imgui.h"

namespace bn_app {

class DigitTexture {
 public:
  DigitTexture(int width, int height);
  ~DigitTexture();
  DigitTexture(const DigitTexture&) = delete;
  DigitTexture& operator=(const DigitTexture&) = delete;

  void upload(const float* values);  // width·height values in [0, 1]
  ImTextureID id() const;

 private:
  int width_;
  int height_;
  unsigned int texture_ = 0;
  std::vector<uint8_t> rgba_;
};

}  // namespace bn_app
