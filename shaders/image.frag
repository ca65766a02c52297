#version 300 es
// One channel in, a colour map out: the model's pixels stay numbers until the last moment.
//   colormap 0: grey, white ink on black, as MNIST.
//   colormap 1: "hot", black through red and orange to pale yellow, its brightness growing
//               steadily with the value, for error maps.
precision mediump float;
uniform sampler2D image;
uniform int colormap;
in vec2 uv;
in vec4 tint;
out vec4 colour;
vec3 hot(float v) {
  return vec3(clamp(v * 2.2, 0.0, 1.0), clamp(v * 2.2 - 0.8, 0.0, 1.0), clamp(v * 3.0 - 2.0, 0.0, 0.8));
}
void main() {
  float v = clamp(texture(image, uv).r, 0.0, 1.0);
  vec3 rgb = colormap == 1 ? hot(v) : vec3(v);
  colour = vec4(rgb, 1.0) * tint;
}
