#include "core/losses/bce.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "core/parallel/thread_pool.h"

namespace bn {

static void check_shapes(const Matrix& logits, const Matrix& target) {
  if (logits.rows() != target.rows() || logits.cols() != target.cols())
    throw std::invalid_argument("bce: logits and target shapes differ");
}

namespace {

// Elements a chunk of the pool's work: fixed, so the partial sums (and their rounding) never depend
// on the thread count. Small products of a few thousand pixels run on the calling thread alone.
constexpr Eigen::Index kChunk = 1024;
constexpr Eigen::Index kMinParallelSize = 16 * kChunk;

int chunk_count(Eigen::Index size) { return static_cast<int>((size + kChunk - 1) / kChunk); }

template <typename Body>
void for_each_chunk(Eigen::Index size, const Body& body) {
  if (size < kMinParallelSize) {
    for (int chunk = 0; chunk < chunk_count(size); ++chunk) body(chunk);
  } else {
    parallel_for(chunk_count(size), body);
  }
}

// Four lanes at a time in plain vector arithmetic (WASM SIMD in the browser, SSE natively). Eigen's
// exp and log1p went through Emscripten's SSE emulation, where float-to-int conversions are done
// lane by lane: the BCE took a ninth of a training step in a Chromium profile.
using Floats4 = float __attribute__((vector_size(16)));
using Ints4 = int32_t __attribute__((vector_size(16)));
using Doubles2 = double __attribute__((vector_size(16)));

Floats4 splat(float value) { return Floats4{value, value, value, value}; }

// mask ? a : b, lane by lane, for a mask of all-ones or all-zeros lanes (a vector comparison's).
Floats4 select(Ints4 mask, Floats4 a, Floats4 b) { return (Floats4)((mask & (Ints4)a) | (~mask & (Ints4)b)); }

// e^x for x <= 0, as Cephes' expf: x = n ln 2 + r with |r| <= ln 2 / 2, a polynomial in r, times
// 2^n made in the exponent bits. Below -87 it gives e^-87 (1.6e-38), so 2^n stays a normal float.
Floats4 exp_nonpositive(Floats4 x) {
  x = select(x < -87.0f, splat(-87.0f), x);
  const Floats4 scaled = x * 1.44269504088896341f + 0.5f;
  Ints4 n = __builtin_convertvector(scaled, Ints4);            // toward zero ...
  n += (Ints4)(__builtin_convertvector(n, Floats4) > scaled);  // ... then down: floor (true is -1)
  const Floats4 whole = __builtin_convertvector(n, Floats4);
  const Floats4 r = (x - whole * 0.693359375f) - whole * -2.12194440e-4f;
  Floats4 p = r * 1.9875691500e-4f + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * (r * r) + r + 1.0f;
  return p * (Floats4)((n + 127) << 23);
}

// ln u for u in [1, 2], as Cephes' logf: u = m 2^k with m in [sqrt(1/2), sqrt(2)), a polynomial in
// m - 1.
Floats4 log_one_to_two(Floats4 u) {
  const Ints4 halve = u > 1.41421356237f;
  const Floats4 k = select(halve, splat(1.0f), splat(0.0f));
  const Floats4 f = select(halve, u * 0.5f, u) - 1.0f;
  const Floats4 z = f * f;
  Floats4 p = f * 7.0376836292e-2f - 1.1514610310e-1f;
  p = p * f + 1.1676998740e-1f;
  p = p * f - 1.2420140846e-1f;
  p = p * f + 1.4249322787e-1f;
  p = p * f - 1.6668057665e-1f;
  p = p * f + 2.0000714765e-1f;
  p = p * f - 2.4999993993e-1f;
  p = p * f + 3.3333331174e-1f;
  p = p * f * z + k * -2.12194440e-4f - 0.5f * z;
  return (f + p) + k * 0.693359375f;
}

// One pass over [start, start + count) of the logits: with e = exp(-|z|), the loss terms
// max(z, 0) − z·t + log1p(e), summed in double in a fixed order, and, if `grad` is given,
// (sigmoid(z) − t)·grad_scale, with sigmoid(z) = 1/(1 + e) for z >= 0 and e/(1 + e) below, so
// neither overflows. Both share the one exp and the one division.
double bce_chunk(const float* logits, const float* target, float* grad, float grad_scale, Eigen::Index count) {
  Doubles2 low_sum = {0, 0}, high_sum = {0, 0};
  auto lanes = [&](Floats4 z, Floats4 t, float* grad_out, int valid) {
    const Floats4 e = exp_nonpositive((Floats4)((Ints4)z | (Ints4)splat(-0.0f)));  // -|z|
    const Floats4 u = 1.0f + e;
    const Floats4 inverse = 1.0f / u;
    // log1p(e) = ln u, plus what rounding 1 + e to u lost, as a first-order correction.
    const Floats4 log1p_e = log_one_to_two(u) + (e - (u - 1.0f)) * inverse;
    const Ints4 positive = z >= 0.0f;
    Floats4 term = select(positive, z, splat(0.0f)) - z * t + log1p_e;
    for (int lane = valid; lane < 4; ++lane) term[lane] = 0.0f;
    low_sum += __builtin_convertvector(__builtin_shufflevector(term, term, 0, 1), Doubles2);
    high_sum += __builtin_convertvector(__builtin_shufflevector(term, term, 2, 3), Doubles2);
    if (grad_out) {
      const Floats4 g = (select(positive, inverse, e * inverse) - t) * grad_scale;
      std::memcpy(grad_out, &g, sizeof(float) * static_cast<size_t>(valid));
    }
  };
  Eigen::Index i = 0;
  for (; i + 4 <= count; i += 4) {
    Floats4 z, t;
    std::memcpy(&z, logits + i, sizeof z);
    std::memcpy(&t, target + i, sizeof t);
    lanes(z, t, grad ? grad + i : nullptr, 4);
  }
  if (i < count) {
    Floats4 z = splat(0.0f), t = splat(0.0f);
    const int valid = static_cast<int>(count - i);
    for (int lane = 0; lane < valid; ++lane) z[lane] = logits[i + lane], t[lane] = target[i + lane];
    lanes(z, t, grad ? grad + i : nullptr, valid);
  }
  return (low_sum[0] + low_sum[1]) + (high_sum[0] + high_sum[1]);
}

// The mean loss over every element; with `grad_logits`, its gradient times `grad_scale` as well.
float bce_pass(const Matrix& logits, const Matrix& target, Matrix* grad_logits, float grad_scale) {
  check_shapes(logits, target);
  const Eigen::Index size = logits.size();
  const float per_element = grad_scale / static_cast<float>(size);
  if (grad_logits) grad_logits->resize(logits.rows(), logits.cols());
  float* grad = grad_logits ? grad_logits->data() : nullptr;
  // Each chunk's sum in double (a 64×784 batch adds 50k terms), and the chunks' sums added in
  // order; their buffer grows once and is reused, so the step allocates nothing.
  thread_local std::vector<double> reused_sums;
  std::vector<double>& chunk_sums = reused_sums;  // this thread's: the workers write into it too
  chunk_sums.resize(static_cast<size_t>(chunk_count(size)));
  for_each_chunk(size, [&](int chunk) {
    const Eigen::Index start = chunk * kChunk, count = std::min(kChunk, size - start);
    chunk_sums[static_cast<size_t>(chunk)] =
        bce_chunk(logits.data() + start, target.data() + start, grad ? grad + start : nullptr, per_element, count);
  });
  double sum = 0.0;
  for (double chunk_sum : chunk_sums) sum += chunk_sum;
  return static_cast<float>(sum / static_cast<double>(std::max<Eigen::Index>(1, size)));
}

}  // namespace

float bce_with_logits_forward(const Matrix& logits, const Matrix& target) {
  return bce_pass(logits, target, nullptr, 1.0f);
}

void bce_with_logits_backward(const Matrix& logits, const Matrix& target, Matrix& grad_logits) {
  bce_pass(logits, target, &grad_logits, 1.0f);
}

float bce_with_logits_forward_backward(const Matrix& logits, const Matrix& target, float grad_scale,
                                       Matrix& grad_logits) {
  return bce_pass(logits, target, &grad_logits, grad_scale);
}

}  // namespace bn
