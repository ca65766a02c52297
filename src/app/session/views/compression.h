// The Compression tab: the code as a compressed image, at three precisions, for the model and for
// PCA with as many components.
#pragma once

#include <string>
#include <vector>

#include "app/session/state_writer.h"
#include "app/session/views/view_inputs.h"

namespace bn_app {

class CompressionView {
 public:
  static constexpr double kInterval = 1.0;

  struct Row {
    const char* format;    // "float32", "float16", "8-bit"
    int bytes = 0;         // per image
    float model_psnr = 0;  // over the test split
    float pca_psnr = 0;    // NaN when PCA does not apply (a code size PCA was not fitted for)
  };

  void refresh(const ViewInputs& in);
  void invalidate() { computed_.invalidate(); }
  const std::vector<Row>& rows() const { return rows_; }
  int latent() const { return latent_; }
  const std::string& kind() const { return kind_; }  // of the model the rows were measured on

  // One object per row, into an array the caller opened: format, kind, bytes, modelPsnr, pcaPsnr.
  void describe(StateWriter& out) const;

 private:
  Throttle computed_;
  std::vector<Row> rows_;
  int latent_ = 0;
  std::string kind_;
};

}  // namespace bn_app
