#include "app/digit_texture.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace bn_app {

DigitTexture::DigitTexture(int width, int height)
    : width_(width), height_(height), rgba_(static_cast<size_t>(width) * height * 4, 255) {
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
    auto level = static_cast<uint8_t>(std::lround(std::clamp(values[i], 0.0f, 1.0f) * 255.0f));
    rgba_[4 * i + 0] = rgba_[4 * i + 1] = rgba_[4 * i + 2] = level;
  }
  glBindTexture(GL_TEXTURE_2D, texture_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width_, height_, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba_.data());
}

ImTextureID DigitTexture::id() const { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture_)); }

}  // namespace bn_app
