#include "core/optim/adam.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/optim/flush_subnormal.h"
#include "core/parallel/thread_pool.h"

namespace bn {

Adam::Adam(size_t parameter_count, AdamOptions options)
    : options_(options), first_moment_(parameter_count, 0.0f), second_moment_(parameter_count, 0.0f) {}

namespace {

struct AdamConstants {
  float beta1, beta2, step_size, inv_sqrt_bias2, epsilon;
};

// Elements [begin, end) of the four buffers, a SIMD packet at a time (AVX natively, 128-bit in
// WASM): the profile had the scalar loop at a sixth of a training step, for its sqrt and division
// per weight. Multiply and add stay separate (no fused multiply-add), so every platform rounds as
// the scalar tail below does, and native and WASM runs agree.
void update_range(const AdamConstants& k, float* m, float* v, float* w, const float* g, size_t begin, size_t end) {
  using Packet = Eigen::internal::packet_traits<float>::type;
  constexpr size_t kWidth = Eigen::internal::unpacket_traits<Packet>::size;
  namespace simd = Eigen::internal;
  const Packet b1 = simd::pset1<Packet>(k.beta1), c1 = simd::pset1<Packet>(1.0f - k.beta1);
  const Packet b2 = simd::pset1<Packet>(k.beta2), c2 = simd::pset1<Packet>(1.0f - k.beta2);
  const Packet lr = simd::pset1<Packet>(k.step_size), root_bias = simd::pset1<Packet>(k.inv_sqrt_bias2);
  const Packet eps = simd::pset1<Packet>(k.epsilon);
  const Packet smallest_normal = simd::pset1<Packet>(std::numeric_limits<float>::min());
  // flush_subnormal (flush_subnormal.h) on a packet: clears the lanes below the smallest normal.
  auto flush = [&](const Packet& x) { return simd::pandnot(x, simd::pcmp_lt(simd::pabs(x), smallest_normal)); };
  size_t i = begin;
  for (; i + kWidth <= end; i += kWidth) {
    const Packet gi = simd::ploadu<Packet>(g + i);
    const Packet mi = flush(simd::padd(simd::pmul(b1, simd::ploadu<Packet>(m + i)), simd::pmul(c1, gi)));
    const Packet vi =
        flush(simd::padd(simd::pmul(b2, simd::ploadu<Packet>(v + i)), simd::pmul(simd::pmul(c2, gi), gi)));
    const Packet denominator = simd::padd(simd::pmul(simd::psqrt(vi), root_bias), eps);
    simd::pstoreu(m + i, mi);
    simd::pstoreu(v + i, vi);
    simd::pstoreu(w + i, simd::psub(simd::ploadu<Packet>(w + i), simd::pdiv(simd::pmul(lr, mi), denominator)));
  }
  for (; i < end; ++i) {
    m[i] = flush_subnormal(k.beta1 * m[i] + (1.0f - k.beta1) * g[i]);
    v[i] = flush_subnormal(k.beta2 * v[i] + (1.0f - k.beta2) * g[i] * g[i]);
    w[i] -= k.step_size * m[i] / (std::sqrt(v[i]) * k.inv_sqrt_bias2 + k.epsilon);
  }
}

// Floats a chunk of the pool's work: fixed, so where the vector loop ends and the scalar tail
// begins never depends on the thread count (a multiple of every packet width besides).
constexpr size_t kChunk = 1 << 15;

}  // namespace

void Adam::step(FloatBuffer& values, const FloatBuffer& gradients) {
  if (values.size() != first_moment_.size() || gradients.size() != first_moment_.size())
    throw std::invalid_argument("Adam: parameter count changed");
  ++steps_;
  const double t = static_cast<double>(steps_);
  const float bias1 = static_cast<float>(1.0 - std::pow(static_cast<double>(options_.beta1), t));
  const float bias2 = static_cast<float>(1.0 - std::pow(static_cast<double>(options_.beta2), t));
  const AdamConstants constants{options_.beta1, options_.beta2, options_.learning_rate / bias1, 1.0f / std::sqrt(bias2),
                                options_.epsilon};
  parallel_for_ranges(values.size(), kChunk, [&](size_t begin, size_t end) {
    update_range(constants, first_moment_.data(), second_moment_.data(), values.data(), gradients.data(), begin, end);
  });
}

void Adam::reset() {
  std::fill(first_moment_.begin(), first_moment_.end(), 0.0f);
  std::fill(second_moment_.begin(), second_moment_.end(), 0.0f);
  steps_ = 0;
}

}  // namespace bn
