#include "app/ui/gpu/scatter_renderer.h"

#include <algorithm>
#include <cmath>

#include <GLES3/gl3.h>

#include "app/shaders.h"
#include "app/ui/gpu/shader_program.h"

namespace bn_app {

namespace {

// Tableau 10: ten colours that stay apart on a dark background (as the legend's).
// Tableau 10 for the classes 0-9, and a dim grey for an image without a label.
constexpr int kColours = 11;
constexpr int kUnlabelledColour = 10;
constexpr float kPalette[kColours][3] = {{78, 121, 167}, {242, 142, 43},  {225, 87, 89},   {118, 183, 178},
                                         {89, 161, 79},  {237, 201, 72},  {176, 122, 161}, {255, 157, 167},
                                         {156, 117, 95}, {186, 176, 172}, {110, 110, 118}};

int colour_of(int label) { return label >= 0 && label <= 9 ? label : kUnlabelledColour; }

const ShaderProgram& scatter_program() {
  static const ShaderProgram program("scatter", shaders::kScatterVert, shaders::kScatterFrag);
  return program;
}

}  // namespace

ImU32 label_colour(int label) {
  const float* rgb = kPalette[colour_of(label)];
  return IM_COL32(static_cast<int>(rgb[0]), static_cast<int>(rgb[1]), static_cast<int>(rgb[2]), 255);
}

ScatterRenderer::ScatterRenderer() {
  glGenVertexArrays(1, &array_);
  glGenBuffers(1, &buffer_);
  glBindVertexArray(array_);
  glBindBuffer(GL_ARRAY_BUFFER, buffer_);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 3 * sizeof(float), nullptr);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, 3 * sizeof(float), reinterpret_cast<void*>(2 * sizeof(float)));
  glBindVertexArray(0);
}

ScatterRenderer::~ScatterRenderer() {
  glDeleteBuffers(1, &buffer_);
  glDeleteVertexArrays(1, &array_);
}

void ScatterRenderer::upload(const std::vector<float>& xy, const std::vector<uint8_t>& labels) {
  count_ = static_cast<int>(std::min(xy.size() / 2, labels.size()));
  std::vector<float> vertices(static_cast<size_t>(count_) * 3);
  for (int i = 0; i < count_; ++i) {
    vertices[3 * i] = xy[2 * i];
    vertices[3 * i + 1] = xy[2 * i + 1];
    vertices[3 * i + 2] = static_cast<float>(colour_of(labels[i]));
  }
  glBindBuffer(GL_ARRAY_BUFFER, buffer_);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(float)), vertices.data(),
               GL_STATIC_DRAW);
}

void ScatterRenderer::draw(ImDrawList* list, ImVec2 origin, ImVec2 size, const DataWindow& window,
                           float point_diameter) {
  origin_ = origin;
  size_ = size;
  window_ = window;
  diameter_ = point_diameter;
  list->AddCallback(&ScatterRenderer::render, this);
  list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void ScatterRenderer::render(const ImDrawList*, const ImDrawCmd* command) {
  const auto* self = static_cast<const ScatterRenderer*>(command->UserCallbackData);
  if (self->count_ == 0) return;
  const ImDrawData* data = ImGui::GetDrawData();
  const ImVec2 scale = data->FramebufferScale;
  const float framebuffer_height = data->DisplaySize.y * scale.y;
  // Only the plot: ImGui applies clip rectangles to its own commands, not to callbacks.
  glEnable(GL_SCISSOR_TEST);
  glScissor(static_cast<GLint>((self->origin_.x - data->DisplayPos.x) * scale.x),
            static_cast<GLint>(framebuffer_height - (self->origin_.y - data->DisplayPos.y + self->size_.y) * scale.y),
            static_cast<GLsizei>(self->size_.x * scale.x), static_cast<GLsizei>(self->size_.y * scale.y));
  const ShaderProgram& program = scatter_program();
  float projection[16];
  imgui_projection(projection);
  glUseProgram(program.id());
  glUniformMatrix4fv(program.uniform("projection"), 1, GL_FALSE, projection);
  const DataWindow& w = self->window_;
  glUniform4f(program.uniform("data_window"), w.min_x, w.min_y, w.max_x, w.max_y);
  glUniform4f(program.uniform("screen_rect"), self->origin_.x, self->origin_.y, self->size_.x, self->size_.y);
  glUniform1f(program.uniform("point_size"), self->diameter_ * scale.x);
  float palette[3 * kColours];
  for (int i = 0; i < 3 * kColours; ++i) palette[i] = kPalette[i / 3][i % 3] / 255.0f;
  glUniform3fv(program.uniform("palette"), kColours, palette);
  glBindVertexArray(self->array_);
  glDrawArrays(GL_POINTS, 0, self->count_);
  glBindVertexArray(0);
}

}  // namespace bn_app
