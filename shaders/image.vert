#version 300 es
// Images (digits, heat maps) drawn inside ImGui's own quads: the same vertex layout and projection
// as ImGui's shader, so the quad ImGui::Image emits lands where ImGui put it.
precision highp float;
layout (location = 0) in vec2 Position;
layout (location = 1) in vec2 UV;
layout (location = 2) in vec4 Color;
uniform mat4 projection;
out vec2 uv;
out vec4 tint;
void main() {
  uv = UV;
  tint = Color;
  gl_Position = projection * vec4(Position, 0.0, 1.0);
}
