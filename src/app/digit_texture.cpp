#include "app/digit_texture.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace bn_app {

namespace {

// A perceptually ordered "hot" ramp: a value's brightness grows steadily with it.
void heat_color(float value, uint8_t* rgb) {
  const float v = std::clamp(value, 0.0f, 1.0f);
  const float r = std::clamp(v * 2.2f, 0.0f, 1.0f);
  const float g = std::clamp(v * 2.2f - 0.8f, 0.0f, 1.0f);
  const float b = std::clamp(v * 3.0f - 2.0f, 0.0f, 0.8f);
  rgb[0] = static_cast<uint8_t>(std::lround(r * 255.0f));
  rgb[1] = static_cast<uint8_t>(std::lround(g * 255.0f));
  rgb[2] = static_cast<uint8_t>(std::lround(b * 255.0f));
}

}  // namespace

DigitTexture::DigitTexture(int width, int height, ColorMap map)
    : width_(width), height_(height), map_(map), rgba_(static_cast<size_t>(width) * height * 4, 255) {
  glGenTextures(1, &texture_);
  glBindTexture(GL_TEXTURE_2D, texture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  std::vector<float> black(static_cast<size_t>(width) * height, 0.0f);
  upload(black.data());
}

DigitTexture::~DigitTexture() { glDeleteTextures(1, &texture_); }

void DigitTexture::upload(const float* values) {
  for (int i = 0; i < width_ * height_; ++i) {
    if (map_ == ColorMap::kHeat) {
      heat_color(values[i], &rgba_[4 * i]);
      continue;
    }
    auto level = static_cast<uint8_t>(std::lround(std::clamp(values[i], 0.0f, 1.0f) * 255.0f));
    rgba_[4 * i + 0] = rgba_[4 * i + 1] = rgba_[4 * i + 2] = level;
  }
  glBindTexture(GL_TEXTURE_2D, texture_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width_, height_, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba_.data());
}

ImTextureID DigitTexture::id() const { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture_)); }

}  // namespace bn_app
