// A 2-D view of codes for the latent scatter: the codes themselves when the latent is 2-D,
// otherwise their top two principal directions. Signs are fixed (each direction's largest entry is
// positive) so the picture does not flip between refits as a model trains.
//
//   bn::Projection2d view = bn::fit_projection_2d(codes);   // codes: [n, latent]
//   bn::Matrix xy = view.project(codes);                     // [n, 2]
//   bn::Matrix code = view.unproject(0.5f, -1.0f);           // [1, latent]: a point back in code space
//   bn::fit_projection_2d(codes, 2, 3);                      // the third and fourth directions instead
#pragma once

#include "core/tensor.h"

namespace bn {

struct Projection2d {
  Eigen::RowVectorXf mean;  // [latent]
  Matrix basis;             // [2, latent], orthonormal rows
  Matrix project(const Matrix& codes) const;
  Matrix unproject(float x, float y) const;
};

// The principal directions `x_component` and `y_component` (0: the one of largest variance). A code
// of at most 2 numbers is shown as it is, and the components are ignored. Throws
// std::invalid_argument for fewer than two codes or a component outside [0, latent).
Projection2d fit_projection_2d(const Matrix& codes, int x_component = 0, int y_component = 1);

}  // namespace bn
