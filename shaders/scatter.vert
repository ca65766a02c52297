#version 300 es
// The latent scatter: one point sprite per code, placed by a data-to-screen mapping so a refit of
// the view moves no bytes but two uniforms.
precision highp float;
layout (location = 0) in vec2 point;   // in data units
layout (location = 1) in float label;  // 0..9
uniform mat4 projection;               // screen pixels to clip space (ImGui's)
uniform vec4 data_window;              // min x, min y, max x, max y
uniform vec4 screen_rect;              // left, top, width, height in screen pixels
uniform float point_size;              // in framebuffer pixels
flat out int point_label;
void main() {
  vec2 unit = (point - data_window.xy) / (data_window.zw - data_window.xy);
  vec2 screen = screen_rect.xy + vec2(unit.x, 1.0 - unit.y) * screen_rect.zw;
  gl_Position = projection * vec4(screen, 0.0, 1.0);
  gl_PointSize = point_size;
  point_label = int(label + 0.5);
}
