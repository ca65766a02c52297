// The GL state reads of ImGui's OpenGL3 renderer, which saves the state it changes before each frame
// and restores it after. In Chromium the scissor box and the blend state are not mirrored in the
// page, so reading one is a synchronous round trip to the GPU process, and the reply waits for every
// command queued before it: under headless SwiftShader that wait was 25 of a frame's 27 ms (the
// blend-source and scissor-box reads alone; measured by timing each WebGL call from the page).
//
// Nothing but ImGui draws into our context, so the state it saves is GL's initial one: these reads
// answer with it, and every other read goes to GL. CMakeLists.txt points the renderer's
// glGetIntegerv here for its one source file.
#include <GLES3/gl3.h>

extern "C" void bn_glGetIntegerv_without_round_trip(GLenum name, GLint* out) {
  switch (name) {
    case GL_SCISSOR_BOX:
      glGetIntegerv(GL_VIEWPORT, out);  // the whole drawable, as in a fresh context (the viewport is mirrored)
      return;
    case GL_BLEND_SRC_RGB:
    case GL_BLEND_SRC_ALPHA: *out = GL_ONE; return;
    case GL_BLEND_DST_RGB:
    case GL_BLEND_DST_ALPHA: *out = GL_ZERO; return;
    case GL_BLEND_EQUATION_RGB:
    case GL_BLEND_EQUATION_ALPHA: *out = GL_FUNC_ADD; return;
    default: glGetIntegerv(name, out);
  }
}
