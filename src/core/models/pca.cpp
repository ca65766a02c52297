#include "core/models/pca.h"

#include <Eigen/Eigenvalues>
#include <stdexcept>
#include <utility>

#include "core/losses/mse.h"

namespace bn {

Pca::Pca(const ModelConfig& config) : config_(config) {
  validate(config_);
  const int pixels = config_.input_size();
  mean_ = arena_.reserve("mean", {pixels}, pixels);
  mean_.rows = 1;
  mean_.cols = pixels;
  components_ = arena_.reserve("components", {config_.latent, pixels}, pixels);
  arena_.allocate();
}

void Pca::fit(const Matrix& images) {
  if (images.cols() != config_.input_size())
    throw std::invalid_argument("PCA: images have " + std::to_string(images.cols()) + " pixels, expected " +
                                std::to_string(config_.input_size()));
  if (images.rows() < 2) throw std::invalid_argument("PCA needs at least two images to fit");
  using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic>;
  const Eigen::RowVectorXd mean = images.cast<double>().colwise().mean();
  const MatrixD centred = images.cast<double>().rowwise() - mean;
  const MatrixD covariance = (centred.transpose() * centred) / static_cast<double>(images.rows() - 1);
  Eigen::SelfAdjointEigenSolver<MatrixD> solver(covariance);
  if (solver.info() != Eigen::Success) throw std::runtime_error("PCA: the eigensolver did not converge");
  // Eigenvalues come in increasing order: the last columns are the principal directions.
  const int pixels = config_.input_size(), k = config_.latent;
  MatrixMap components = arena_.value(components_);
  for (int i = 0; i < k; ++i) {
    Eigen::VectorXd direction = solver.eigenvectors().col(pixels - 1 - i);
    Eigen::Index largest = 0;
    direction.cwiseAbs().maxCoeff(&largest);
    if (direction(largest) < 0) direction = -direction;
    components.row(i) = direction.transpose().cast<float>();
  }
  arena_.value(mean_).row(0) = mean.cast<float>();
}

Matrix Pca::encode(const Matrix& x) {
  const ConstMatrixMap mean = std::as_const(arena_).value(mean_);
  return (x.rowwise() - mean.row(0)) * std::as_const(arena_).value(components_).transpose();
}

Matrix Pca::decode(const Matrix& codes) {
  Matrix images = codes * std::as_const(arena_).value(components_);
  images.rowwise() += std::as_const(arena_).value(mean_).row(0);
  return images.cwiseMax(0.0f).cwiseMin(1.0f);
}

Matrix Pca::reconstruct_linear(const Matrix& x) {
  Matrix images = encode(x) * std::as_const(arena_).value(components_);
  images.rowwise() += std::as_const(arena_).value(mean_).row(0);
  return images;
}

float Pca::train_step(const Matrix&) {
  throw std::logic_error("PCA is fitted on the whole training set in one go (fit), not trained by steps");
}

LossTerms Pca::loss_gradients(const Matrix& x) { return {train_step(x), 0.0f, 0.0f}; }

LossTerms Pca::loss_terms(const Matrix& x) {
  const float error = mse_forward(reconstruct_linear(x), x);
  return {error, error, 0.0f};
}

}  // namespace bn
