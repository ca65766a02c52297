#include "app/ui/gpu/shader_program.h"

#include <stdexcept>
#include <vector>

#include "imgui.h"

namespace bn_app {

namespace {

GLuint compile(const std::string& name, GLenum stage, const char* source) {
  const GLuint shader = glCreateShader(stage);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok == GL_TRUE) return shader;
  GLint length = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
  std::vector<char> log(static_cast<size_t>(std::max(length, 1)));
  glGetShaderInfoLog(shader, length, nullptr, log.data());
  glDeleteShader(shader);
  throw std::runtime_error(name + (stage == GL_VERTEX_SHADER ? ".vert" : ".frag") + " does not compile: " + log.data());
}

}  // namespace

ShaderProgram::ShaderProgram(const std::string& name, const char* vertex_source, const char* fragment_source) {
  const GLuint vertex = compile(name, GL_VERTEX_SHADER, vertex_source);
  const GLuint fragment = compile(name, GL_FRAGMENT_SHADER, fragment_source);
  program_ = glCreateProgram();
  glAttachShader(program_, vertex);
  glAttachShader(program_, fragment);
  glLinkProgram(program_);
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  GLint ok = GL_FALSE;
  glGetProgramiv(program_, GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) {
    char log[1024] = {};
    glGetProgramInfoLog(program_, sizeof log, nullptr, log);
    glDeleteProgram(program_);
    throw std::runtime_error(name + " does not link: " + log);
  }
}

ShaderProgram::~ShaderProgram() { glDeleteProgram(program_); }

void imgui_projection(float out[16]) {
  const ImDrawData* data = ImGui::GetDrawData();
  const float left = data->DisplayPos.x, right = data->DisplayPos.x + data->DisplaySize.x;
  const float top = data->DisplayPos.y, bottom = data->DisplayPos.y + data->DisplaySize.y;
  const float matrix[16] = {2.0f / (right - left),
                            0,
                            0,
                            0,
                            0,
                            2.0f / (top - bottom),
                            0,
                            0,
                            0,
                            0,
                            -1,
                            0,
                            (right + left) / (left - right),
                            (top + bottom) / (bottom - top),
                            0,
                            1};
  for (int i = 0; i < 16; ++i) out[i] = matrix[i];
}

}  // namespace bn_app
