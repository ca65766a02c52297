#include "core/eval/projection.h"

#include <Eigen/Eigenvalues>
#include <stdexcept>
#include <string>

namespace bn {

Matrix Projection2d::project(const Matrix& codes) const { return (codes.rowwise() - mean) * basis.transpose(); }

Matrix Projection2d::unproject(float x, float y) const {
  Matrix code = x * basis.row(0) + y * basis.row(1);
  code.row(0) += mean;
  return code;
}

Projection2d fit_projection_2d(const Matrix& codes, int x_component, int y_component) {
  if (codes.rows() < 2) throw std::invalid_argument("a 2-D projection needs at least two codes");
  const Eigen::Index latent = codes.cols();
  if (latent > 2)
    for (int component : {x_component, y_component})
      if (component < 0 || component >= latent)
        throw std::invalid_argument("principal direction " + std::to_string(component) +
                                    " does not exist: the code has " + std::to_string(latent) + " numbers");
  Projection2d view;
  if (latent <= 2) {
    // Already at most 2-D: show the codes as they are (a 1-D code lies on the x axis).
    view.mean = Eigen::RowVectorXf::Zero(latent);
    view.basis = Matrix::Zero(2, latent);
    for (Eigen::Index i = 0; i < latent; ++i) view.basis(i, i) = 1.0f;
    return view;
  }
  using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic>;
  const Eigen::RowVectorXd mean = codes.cast<double>().colwise().mean();
  const MatrixD centred = codes.cast<double>().rowwise() - mean;
  Eigen::SelfAdjointEigenSolver<MatrixD> solver(centred.transpose() * centred);
  view.mean = mean.cast<float>();
  view.basis.resize(2, latent);
  const int components[2] = {x_component, y_component};
  for (int i = 0; i < 2; ++i) {
    Eigen::VectorXd direction = solver.eigenvectors().col(latent - 1 - components[i]);
    Eigen::Index largest = 0;
    direction.cwiseAbs().maxCoeff(&largest);
    if (direction(largest) < 0) direction = -direction;
    view.basis.row(i) = direction.transpose().cast<float>();
  }
  return view;
}

}  // namespace bn
