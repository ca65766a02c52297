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

// A vector of lanes at a time in plain vector arithmetic: 4 in WebAssembly (SIMD128), 16 natively
// with AVX-512 (the native profile had the 4-lane pass at 9% of a step). Every lane does the same
// operations, so the gradient does not depend on the width; the loss's sum does, in its last bits.
// Eigen's exp and log1p went through Emscripten's SSE emulation, where float-to-int conversions are
// done lane by lane: the BCE took a ninth of a training step in a Chromium profile.
#if defined(__AVX512F__)
constexpr int kLanes = 16;
#elif defined(__AVX2__)
constexpr int kLanes = 8;
#else
constexpr int kLanes = 4;
#endif
using Floats = float __attribute__((vector_size(4 * kLanes)));
using Ints = int32_t __attribute__((vector_size(4 * kLanes)));
using Doubles = double __attribute__((vector_size(8 * kLanes)));

Floats splat(float value) {
  Floats v;
  for (int lane = 0; lane < kLanes; ++lane) v[lane] = value;
  return v;
}

// mask ? a : b, lane by lane, for a mask of all-ones or all-zeros lanes (a vector comparison's).
Floats select(Ints mask, Floats a, Floats b) { return (Floats)((mask & (Ints)a) | (~mask & (Ints)b)); }

// e^x for x <= 0, as Cephes' expf: x = n ln 2 + r with |r| <= ln 2 / 2, a polynomial in r, times
// 2^n made in the exponent bits. Below -87 it gives e^-87 (1.6e-38), so 2^n stays a normal float.
Floats exp_nonpositive(Floats x) {
  x = select(x < -87.0f, splat(-87.0f), x);
  const Floats scaled = x * 1.44269504088896341f + 0.5f;
  Ints n = __builtin_convertvector(scaled, Ints);            // toward zero ...
  n += (Ints)(__builtin_convertvector(n, Floats) > scaled);  // ... then down: floor (true is -1)
  const Floats whole = __builtin_convertvector(n, Floats);
  const Floats r = (x - whole * 0.693359375f) - whole * -2.12194440e-4f;
  Floats p = r * 1.9875691500e-4f + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * (r * r) + r + 1.0f;
  return p * (Floats)((n + 127) << 23);
}

// ln u for u in [1, 2], as Cephes' logf: u = m 2^k with m in [sqrt(1/2), sqrt(2)), a polynomial in
// m - 1.
Floats log_one_to_two(Floats u) {
  const Ints halve = u > 1.41421356237f;
  const Floats k = select(halve, splat(1.0f), splat(0.0f));
  const Floats f = select(halve, u * 0.5f, u) - 1.0f;
  const Floats z = f * f;
  Floats p = f * 7.0376836292e-2f - 1.1514610310e-1f;
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
  Doubles sums = {};  // lane by lane
  auto lanes = [&](Floats z, Floats t, float* grad_out, int valid) {
    const Floats e = exp_nonpositive((Floats)((Ints)z | (Ints)splat(-0.0f)));  // -|z|
    const Floats u = 1.0f + e;
    const Floats inverse = 1.0f / u;
    // log1p(e) = ln u, plus what rounding 1 + e to u lost, as a first-order correction.
    const Floats log1p_e = log_one_to_two(u) + (e - (u - 1.0f)) * inverse;
    const Ints positive = z >= 0.0f;
    Floats term = select(positive, z, splat(0.0f)) - z * t + log1p_e;
    for (int lane = valid; lane < kLanes; ++lane) term[lane] = 0.0f;
    sums += __builtin_convertvector(term, Doubles);
    if (grad_out) {
      const Floats g = (select(positive, inverse, e * inverse) - t) * grad_scale;
      std::memcpy(grad_out, &g, sizeof(float) * static_cast<size_t>(valid));
    }
  };
  Eigen::Index i = 0;
  for (; i + kLanes <= count; i += kLanes) {
    Floats z, t;
    std::memcpy(&z, logits + i, sizeof z);
    std::memcpy(&t, target + i, sizeof t);
    lanes(z, t, grad ? grad + i : nullptr, kLanes);
  }
  if (i < count) {
    Floats z = splat(0.0f), t = splat(0.0f);
    const int valid = static_cast<int>(count - i);
    for (int lane = 0; lane < valid; ++lane) z[lane] = logits[i + lane], t[lane] = target[i + lane];
    lanes(z, t, grad ? grad + i : nullptr, valid);
  }
  // The lanes' sums added pairwise, in a fixed order: with 4 lanes, (0 + 1) + (2 + 3).
  for (int width = kLanes / 2; width >= 1; width /= 2) {
    for (int lane = 0; lane < width; ++lane) sums[lane] = sums[2 * lane] + sums[2 * lane + 1];
  }
  return sums[0];
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
