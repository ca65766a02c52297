// A 2-D view of codes for the latent scatter: the codes themselves when the latent is 2-D,
// otherwise their top two principal directions. Signs are fixed (each direction's largest entry is
// positive) so the picture does not flip between refits as a model trains.
//
//   bn::Projection2d view = bn::fit_projection_2d(codes);   // codes: [n, latent]
//   bn::Matrix xy = view.project(codes);                     // [n, 2]
//   bn::Matrix code = view.unproject(0.5f, -1.0f);           // [1, latent]: a point back in code space
#pragma once

#include "core/tensor.h"

namespace bn {

struct Projection2d {
  Eigen::RowVectorXf mean;  // [latent]
  Matrix basis;             // [2, latent], orthonormal rows
  Matrix project(const Matrix& codes) const;
  Matrix unproject(float x, float y) const;
};

// Throws std::invalid_argument for fewer than two codes.
Projection2d fit_projection_2d(const Matrix& codes);

}  // namespace bn
