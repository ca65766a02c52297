// The data sets the playground trains on. MNIST and Fashion-MNIST ship as "<id>10k.bnds", laid out
// like PRODUCT.md's MNIST-10k (index % 10 == 9 is test: 9,000 train / 1,000 test), with pretrained
// weights "<id>-<kind>.safetensors"; the other one's test images are this one's anomalies. "Your
// images" are the files a user drops on the page (core/data/own_images.h): never downloaded,
// without pretrained weights, and with Fashion-MNIST's clothes as their anomalies.
#pragma once

#include <string>

namespace bn_app {

struct DatasetInfo {
  const char* id;     // "mnist"
  const char* title;  // "MNIST"
  const char* items;  // "digits": what a student calls its images
  const char* item;   // "digit"
  bool own = false;   // the user's files, there only once dropped
};

inline constexpr DatasetInfo kDatasets[] = {{"mnist", "MNIST", "digits", "digit"},
                                            {"fashion", "Fashion-MNIST", "clothes", "garment"},
                                            {"yours", "Your images", "pictures", "picture", true}};
// The id of the user's own images.
inline constexpr const char* kOwnDataset = "yours";
// The pretrained weights each data set ships with, one safetensors file per kind of model. The
// desktop reads them all with the data set; the page fetches each one when the session asks for it.
inline constexpr const char* kPretrainedKinds[] = {"denoise", "ae", "sparse", "vae", "conv", "pca"};

// The entry for `id`; nullptr for an unknown id.
const DatasetInfo* find_dataset(const std::string& id);
// The entry for `id`, or MNIST's for an unknown id.
const DatasetInfo& dataset_or_default(const std::string& id);
// The other data set, whose test images are this one's anomalies.
const DatasetInfo& other_dataset(const DatasetInfo& dataset);
// What a label means in a data set: "7", or "Trouser" for Fashion-MNIST; "unlabelled" for
// bn::kNoLabel, "?" for another label out of range.
const char* label_name(const DatasetInfo& dataset, int label);
// `text` written about digits, in the words of a data set ("digit" -> "garment").
std::string in_words_of(const DatasetInfo& dataset, const std::string& text);

}  // namespace bn_app
