// A small seeded random number generator that gives the same numbers on every platform.
//
// The standard library's distributions are implementation-defined (libstdc++ natively and libc++
// in WebAssembly draw different numbers from the same engine), so training would not be
// reproducible from a seed across the two builds. PCG32 plus our own float and normal draws is.
//
//   bn::Random rng(seed);
//   float u = rng.uniform();          // [0, 1)
//   float z = rng.normal();           // N(0, 1)
//   uint32_t k = rng.below(n);        // [0, n)
#pragma once

#include <cmath>
#include <cstdint>

namespace bn {

class Random {
 public:
  explicit Random(uint64_t seed, uint64_t stream = 0x2545F4914F6CDD1DULL) {
    increment_ = (stream << 1u) | 1u;
    next_u32();
    state_ += seed;
    next_u32();
  }

  uint32_t next_u32() {
    uint64_t old = state_;
    state_ = old * 6364136223846793005ULL + increment_;
    uint32_t xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
    uint32_t rot = static_cast<uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
  }

  // 24 random bits, so every value is exactly representable as a float in [0, 1).
  float uniform() { return static_cast<float>(next_u32() >> 8) * (1.0f / 16777216.0f); }

  float uniform(float low, float high) { return low + (high - low) * uniform(); }

  // Lemire's unbiased bounded draw.
  uint32_t below(uint32_t bound) {
    uint64_t m = static_cast<uint64_t>(next_u32()) * bound;
    uint32_t low = static_cast<uint32_t>(m);
    if (low < bound) {
      uint32_t threshold = static_cast<uint32_t>(-bound) % bound;
      while (low < threshold) {
        m = static_cast<uint64_t>(next_u32()) * bound;
        low = static_cast<uint32_t>(m);
      }
    }
    return static_cast<uint32_t>(m >> 32);
  }

  // Box-Muller in double, so the result does not depend on float transcendental rounding.
  float normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u1 = (static_cast<double>(next_u32()) + 1.0) / 4294967296.0;
    double u2 = static_cast<double>(next_u32()) / 4294967296.0;
    double radius = std::sqrt(-2.0 * std::log(u1));
    double angle = 6.283185307179586 * u2;
    spare_ = static_cast<float>(radius * std::sin(angle));
    has_spare_ = true;
    return static_cast<float>(radius * std::cos(angle));
  }

 private:
  uint64_t state_ = 0;
  uint64_t increment_ = 0;
  float spare_ = 0.0f;
  bool has_spare_ = false;
};

}  // namespace bn
