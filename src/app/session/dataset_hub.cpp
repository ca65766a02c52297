#include "app/session/dataset_hub.h"

#include <stdexcept>

#include "app/session/dataset_catalog.h"
#include "core/data/own_images.h"

namespace bn_app {

namespace {

constexpr int kImageSide = 28;

// A data set file's images, checked to be the playground's size.
bn::Dataset parse_images(const std::string& id, const std::vector<uint8_t>& bytes, const std::string& part) {
  const DatasetInfo* info = find_dataset(id);
  if (!info) throw std::invalid_argument("there is no data set called '" + id + "'");
  bn::Dataset images = bn::parse_dataset(bytes.data(), bytes.size(), std::string(info->title) + part);
  if (images.rows != kImageSide || images.cols != kImageSide)
    throw bn::DatasetError("its images are " + std::to_string(images.rows) + "x" + std::to_string(images.cols) +
                           ", not 28x28");
  return images;
}

}  // namespace

const LoadedDataset* DatasetHub::find(const std::string& id) const {
  const auto found = sets_.find(id);
  return found == sets_.end() ? nullptr : &found->second;
}

bool DatasetHub::choose(const std::string& id) {
  const DatasetInfo* info = find_dataset(id);
  if (!info || (info->own && !sets_.count(id))) return false;
  wanted_ = id;
  progress_ = 0.0f;
  // In already: nothing to ask the platform for; the session switches at its next update.
  if (sets_.count(id)) requested_ = id;
  return true;
}

std::optional<DatasetHub::Request> DatasetHub::next_request() {
  if (wanted_ != requested_) {
    requested_ = wanted_;
    return Request{wanted_, ""};
  }
  while (!weights_queue_.empty()) {
    const WeightsKey next = weights_queue_.front();
    weights_queue_.pop_front();
    // Wanted, then had another way (the desktop's weights_done): nothing to fetch.
    if (!weights_settled(next.first, next.second)) return Request{next.first, next.second};
  }
  return std::nullopt;
}

void DatasetHub::retry_request(const Request& request) {
  if (request.weights.empty()) requested_.clear();
  else weights_queue_.push_front({request.dataset, request.weights});
}

std::optional<std::string> DatasetHub::pending_switch() const {
  if (has_current() && wanted_ != current_ && sets_.count(wanted_)) return wanted_;
  return std::nullopt;
}

bool DatasetHub::receive(const std::string& id, const std::vector<uint8_t>& bytes) {
  auto [train, test] = bn::split_mnist10k(parse_images(id, bytes, "-10k"));
  sets_[id] = {std::make_shared<const bn::Dataset>(std::move(train)),
               std::make_shared<const bn::Dataset>(std::move(test)), true};
  // One the user no longer wants waits until it is chosen.
  return !has_current() || (wanted_ == id && current_ != id);
}

bool DatasetHub::receive_test(const std::string& id, const std::vector<uint8_t>& bytes) {
  auto test = std::make_shared<const bn::Dataset>(parse_images(id, bytes, " (test)"));
  const auto known = sets_.find(id);
  if (known != sets_.end() && known->second.train_in) return false;  // a repeat: the copy in hand stands
  sets_[id] = {test, test, false};
  return !has_current() || (wanted_ == id && current_ != id);
}

bool DatasetHub::receive_train(const std::string& id, const std::vector<uint8_t>& bytes) {
  auto train = std::make_shared<const bn::Dataset>(parse_images(id, bytes, " (train)"));
  const auto known = sets_.find(id);
  if (known == sets_.end()) throw bn::DatasetError("its training images came before its test images");
  known->second.train = std::move(train);
  known->second.train_in = true;
  return id == current_;
}

void DatasetHub::receive_own(const bn::Dataset& all, const std::string& report) {
  auto [train, test] = bn::split_own_images(all);
  own_all_ = std::make_shared<const bn::Dataset>(all);
  const std::string id = kOwnDataset;
  sets_[id] = {std::make_shared<const bn::Dataset>(std::move(train)),
               std::make_shared<const bn::Dataset>(std::move(test)), true};
  own_report_ = report;
  wanted_ = requested_ = id;
  progress_ = 1.0f;
}

std::string DatasetHub::failed(const std::string& id, const std::string& why) {
  // A repeated download of a data set already in: the copy in hand stands.
  const auto known = sets_.find(id);
  if (known != sets_.end() && !known->second.train_in)
    return std::string("Could not load the training images of ") + dataset_or_default(id).title + " (" + why +
           "): the model can be tried but not trained. Reload the page to try again.";
  if (known != sets_.end() && (current_ == id || wanted_ != id)) return "";
  if (wanted_ == id) wanted_ = requested_ = current_.empty() ? id : current_;
  const DatasetInfo* info = find_dataset(id);
  const std::string title = info ? info->title : id;
  if (!has_current()) return "Could not load the " + title + " data set: " + why;
  return "Could not load the " + title + " data set (" + why + "); still training on " +
         dataset_or_default(current_).title + ".";
}

void DatasetHub::switched_to(const std::string& id) {
  current_ = wanted_ = requested_ = id;
  progress_ = 1.0f;
  first_load_ = {1.0f, ""};
}

void DatasetHub::set_progress(float fraction) {
  if (!has_current()) first_load_.progress = fraction;
  progress_ = fraction;
}

void DatasetHub::want_weights(const std::string& dataset, const std::string& kind) {
  if (!find_dataset(dataset) || find_dataset(dataset)->own || weights_settled(dataset, kind)) return;
  if (!weights_asked_.insert({dataset, kind}).second) return;
  weights_queue_.push_back({dataset, kind});
}

void DatasetHub::receive_weights(const std::string& dataset, const std::string& kind, std::vector<uint8_t> bytes) {
  weights_[dataset][kind] = std::move(bytes);
  weights_asked_.insert({dataset, kind});
}

void DatasetHub::weights_failed(const std::string& dataset, const std::string& kind) {
  weights_failed_.insert({dataset, kind});
}

bool DatasetHub::weights_settled(const std::string& dataset, const std::string& kind) const {
  const DatasetInfo* info = find_dataset(dataset);
  if (info && info->own) return true;  // there are none to wait for
  return weights(dataset, kind) || weights_done_.count(dataset) || weights_failed_.count({dataset, kind});
}

const std::vector<uint8_t>* DatasetHub::weights(const std::string& dataset, const std::string& kind) const {
  const auto set = weights_.find(dataset);
  if (set == weights_.end()) return nullptr;
  const auto found = set->second.find(kind);
  return found == set->second.end() ? nullptr : &found->second;
}

void DatasetHub::receive_anomalies(const std::string& name, const std::vector<uint8_t>& bytes) {
  fashion_anomalies_ = std::make_shared<const bn::Dataset>(bn::parse_dataset(bytes.data(), bytes.size(), name));
}

std::shared_ptr<const bn::Dataset> DatasetHub::anomalies() const {
  if (own_anomalies()) return own_all_;
  // Clothes for a digit model, digits for a clothes model. Fashion's are the first 1,000 of its
  // test set either way.
  if (current_ == "fashion") {
    const LoadedDataset* mnist = find("mnist");
    return mnist ? mnist->test : nullptr;
  }
  const LoadedDataset* fashion = find("fashion");
  return fashion ? fashion->test : fashion_anomalies_;
}

const DatasetInfo& DatasetHub::anomaly_source() const {
  return own_anomalies() ? *find_dataset(kOwnDataset) : other_dataset(dataset_or_default(current_));
}

void DatasetHub::describe(StateWriter& out) const {
  out.number("loadProgress", first_load_.progress);
  out.text("loadError", first_load_.error);
  out.text("dataset", has_current() ? current_ : wanted_);
  out.text("datasetWanted", wanted_);
  out.number("datasetProgress", progress_);
  const LoadedDataset* in_use = has_current() ? &current_sets() : nullptr;
  out.number("trainImages", in_use && in_use->train_in ? in_use->train->count() : 0);
  if (const LoadedDataset* own = find(kOwnDataset)) {
    out.begin_object("yours");
    out.number("train", own->train->count());
    out.number("test", own->test->count());
    out.text("report", own_report_);
    out.end_object();
  } else {
    out.null("yours");
  }
}

}  // namespace bn_app
