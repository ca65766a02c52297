#include "core/layers/relu.h"

namespace bn {

void relu_forward(const Matrix& x, Matrix& y) { y = x.cwiseMax(0.0f); }

void relu_backward(const Matrix& x, const Matrix& dy, Matrix& dx) {
  // dy and-ed with the mask of x > 0, a SIMD packet at a time: Eigen's select of a comparison went
  // element by element, 2.5% of AE-32's training step in a Chromium profile, on the one thread.
  using Packet = Eigen::internal::packet_traits<float>::type;
  constexpr Eigen::Index kWidth = Eigen::internal::unpacket_traits<Packet>::size;
  namespace simd = Eigen::internal;
  dx.resize(x.rows(), x.cols());
  const Packet zero = simd::pset1<Packet>(0.0f);
  const Eigen::Index size = x.size();
  Eigen::Index i = 0;
  for (; i + kWidth <= size; i += kWidth) {
    const Packet positive = simd::pcmp_lt(zero, simd::ploadu<Packet>(x.data() + i));
    simd::pstoreu(dx.data() + i, simd::pand(positive, simd::ploadu<Packet>(dy.data() + i)));
  }
  for (; i < size; ++i) dx.data()[i] = x.data()[i] > 0.0f ? dy.data()[i] : 0.0f;
}

void ReLU::forward(const ParameterArena&, const Matrix& input, Matrix& output) {
  input_ = input;
  relu_forward(input, output);
}

void ReLU::backward(ParameterArena&, const Matrix& grad_output, Matrix& grad_input) {
  relu_backward(input_, grad_output, grad_input);
}

}  // namespace bn
