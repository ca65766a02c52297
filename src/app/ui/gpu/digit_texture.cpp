#include "app/ui/gpu/digit_texture.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>

#include <GLES3/gl3.h>

#include "app/shaders.h"
#include "app/ui/gpu/shader_program.h"

namespace bn_app {

namespace {

const ShaderProgram& image_program() {
  static const ShaderProgram program("image", shaders::kImageVert, shaders::kImageFrag);
  return program;
}

// Runs inside ImGui's renderer, just before the image's quad: the quad is then drawn by our
// program with ImGui's vertices. The colour map travels in the callback's user data.
void use_image_program(const ImDrawList*, const ImDrawCmd* command) {
  const ShaderProgram& program = image_program();
  float projection[16];
  imgui_projection(projection);
  glUseProgram(program.id());
  glUniformMatrix4fv(program.uniform("projection"), 1, GL_FALSE, projection);
  glUniform1i(program.uniform("image"), 0);
  glUniform1i(program.uniform("colormap"), static_cast<GLint>(reinterpret_cast<intptr_t>(command->UserCallbackData)));
}

void* map_as_user_data(ColorMap map) { return reinterpret_cast<void*>(static_cast<intptr_t>(map)); }

}  // namespace

DigitTexture::DigitTexture(int width, int height, ColorMap map)
    : width_(width), height_(height), map_(map), levels_(static_cast<size_t>(width) * height, 0) {
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
  for (int i = 0; i < width_ * height_; ++i)
    levels_[i] = static_cast<uint8_t>(std::lround(std::clamp(values[i], 0.0f, 1.0f) * 255.0f));
  glBindTexture(GL_TEXTURE_2D, texture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // rows of one byte a pixel need not be 4-aligned
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width_, height_, 0, GL_RED, GL_UNSIGNED_BYTE, levels_.data());
}

void DigitTexture::draw(ImVec2 size) const {
  ImDrawList* list = ImGui::GetWindowDrawList();
  list->AddCallback(use_image_program, map_as_user_data(map_));
  ImGui::Image(id(), size);
  list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void DigitTexture::draw_at(ImDrawList* list, ImVec2 min, ImVec2 max) const {
  list->AddCallback(use_image_program, map_as_user_data(map_));
  list->AddImage(id(), min, max);
  list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

ImTextureID DigitTexture::id() const { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture_)); }

}  // namespace bn_app
