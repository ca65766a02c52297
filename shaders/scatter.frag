#version 300 es
// A round, anti-aliased dot in its label's colour.
precision mediump float;
uniform vec3 palette[11];  // the classes 0-9, then unlabelled
flat in int point_label;
out vec4 colour;
void main() {
  float r = length(gl_PointCoord - vec2(0.5)) * 2.0;
  float alpha = 1.0 - smoothstep(0.7, 1.0, r);
  if (alpha <= 0.0) discard;
  colour = vec4(palette[clamp(point_label, 0, 10)], alpha * 0.9);
}
