// A linked GLSL ES 3.00 program from two embedded sources (shaders/, see cmake/embed_shaders.cmake).
// A shader that does not compile throws std::runtime_error with the driver's log: a broken shader is
// a build defect, and the message says which file and line.
#pragma once

#include <string>

#include <GLES3/gl3.h>

namespace bn_app {

class ShaderProgram {
 public:
  ShaderProgram(const std::string& name, const char* vertex_source, const char* fragment_source);
  ~ShaderProgram();
  ShaderProgram(const ShaderProgram&) = delete;
  ShaderProgram& operator=(const ShaderProgram&) = delete;

  GLuint id() const { return program_; }
  GLint uniform(const char* name) const { return glGetUniformLocation(program_, name); }

 private:
  GLuint program_ = 0;
};

// ImGui's orthographic projection for the frame being rendered, for shaders drawn inside it.
void imgui_projection(float out[16]);

}  // namespace bn_app
