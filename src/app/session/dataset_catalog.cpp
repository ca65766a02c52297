#include "app/session/dataset_catalog.h"

#include "core/data/dataset.h"

namespace bn_app {

const DatasetInfo* find_dataset(const std::string& id) {
  for (const DatasetInfo& info : kDatasets)
    if (id == info.id) return &info;
  return nullptr;
}

const DatasetInfo& dataset_or_default(const std::string& id) {
  const DatasetInfo* info = find_dataset(id);
  return info ? *info : kDatasets[0];
}

const DatasetInfo& other_dataset(const DatasetInfo& dataset) {
  return &dataset == &kDatasets[1] ? kDatasets[0] : kDatasets[1];
}

const char* label_name(const DatasetInfo& dataset, int label) {
  static const char* const kDigits[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  static const char* const kFashion[] = {"T-shirt", "Trouser", "Pullover", "Dress", "Coat",
                                         "Sandal",  "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  if (label == bn::kNoLabel) return "unlabelled";
  if (label < 0 || label > 9) return "?";
  return &dataset == &kDatasets[1] ? kFashion[label] : kDigits[label];
}

std::string in_words_of(const DatasetInfo& dataset, const std::string& text) {
  if (&dataset == &kDatasets[0]) return text;
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 6, "digits") == 0) {
      out += dataset.items;
      i += 6;
    } else if (text.compare(i, 5, "digit") == 0) {
      out += dataset.item;
      i += 5;
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace bn_app
