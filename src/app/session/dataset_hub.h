// The data sets and pretrained weights, as the platform hands them in. The page downloads them
// (web/loader.js) and the desktop reads them from disk; both answer the hub's requests the same
// way, through Session::receive_dataset and friends.
//
//   hub.choose("fashion");                       // the Training tab's choice
//   if (auto id = hub.next_request()) fetch(*id); // the platform, once a frame
//   bool switch_now = hub.receive(id, bytes);     // throws bn::DatasetError for bad bytes
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/session/dataset_catalog.h"
#include "app/session/state_writer.h"
#include "core/data/dataset.h"

namespace bn_app {

// A data set once it is in: its two splits.
struct LoadedDataset {
  std::shared_ptr<const bn::Dataset> train;
  std::shared_ptr<const bn::Dataset> test;
};

class DatasetHub {
 public:
  // What the loading screen shows until the first data set is in.
  struct FirstLoad {
    float progress = 0.0f;  // 0..1, of the first download
    std::string error;      // set: the playground cannot start, and says why
  };

  // The data set trained on ("" before the first), and the one asked for (they differ while it
  // downloads).
  const std::string& current() const { return current_; }
  const std::string& wanted() const { return wanted_; }
  const LoadedDataset* find(const std::string& id) const;
  const LoadedDataset& current_sets() const { return sets_.at(current_); }
  bool has_current() const { return !current_.empty(); }
  const FirstLoad& first_load() const { return first_load_; }
  float progress() const { return progress_; }  // of the wanted one's download

  // The Training tab's choice. Returns false for an unknown id, and for the user's own images
  // before any were dropped.
  bool choose(const std::string& id);
  // The data set the platform should fetch now, once per choice: nothing while every wanted one
  // is in or already asked for.
  std::optional<std::string> next_request();
  // The platform could not send the last request yet (the page is still starting): ask again.
  void retry_request() { requested_.clear(); }
  // The wanted data set is in but not yet trained on: the session switches to it.
  std::optional<std::string> pending_switch() const;
  // Parses and keeps a data set. Returns true when the session should switch to it now: it is the
  // first, or the one wanted. A repeated download of the one in use changes nothing. Throws
  // bn::DatasetError (or std::invalid_argument for an unknown id) and keeps nothing for bad bytes.
  bool receive(const std::string& id, const std::vector<uint8_t>& bytes);
  // The platform could not fetch `id`. Returns the notice to show ("" when nothing was lost: a
  // repeated download of a data set already in), and forgets the request, so choosing it retries.
  std::string failed(const std::string& id, const std::string& why);
  // The user's own images (bn::OwnImages), split, kept as "yours" and wanted at once; `report`
  // says what came in and what was skipped. Throws bn::DatasetError (keeping the images there were)
  // for fewer than two images.
  void receive_own(const bn::Dataset& all, const std::string& report);
  // What the last drop brought: "20 images; 1 file skipped: ..."; "" before the first.
  const std::string& own_report() const { return own_report_; }

  // The session now trains on `id`.
  void switched_to(const std::string& id);
  void set_progress(float fraction);
  // The first data set cannot be had: the loading screen says so.
  void set_first_load_error(const std::string& message) { first_load_.error = message; }

  // Pretrained weights, safetensors bytes by data set and kind ("ae", "pca", ...).
  void receive_weights(const std::string& dataset, const std::string& kind, std::vector<uint8_t> bytes);
  const std::vector<uint8_t>* weights(const std::string& dataset, const std::string& kind) const;
  // Every weights file the platform could get for `dataset` is in (some may have failed).
  void weights_done(const std::string& dataset) { weights_done_.insert(dataset); }
  bool all_weights_in(const std::string& dataset) const { return weights_done_.count(dataset) > 0; }

  // The anomalies scored while training on MNIST before Fashion-MNIST itself is in: its first
  // 1,000 test items. Throws bn::DatasetError for bad bytes.
  void receive_anomalies(const std::string& name, const std::vector<uint8_t>& bytes);
  // The Anomaly tab's anomalies: the other data set's test images (null while none are in), or,
  // when chosen for a model of MNIST or Fashion-MNIST, all of the user's own images.
  std::shared_ptr<const bn::Dataset> anomalies() const;
  // What the anomalies are, in the catalog's words.
  const DatasetInfo& anomaly_source() const;
  // Scores the user's own images as the anomalies (while the model trains on another data set).
  void set_own_anomalies(bool own) { own_anomalies_ = own; }
  // The user's images are in and can be the anomalies: the model learns another data set.
  bool can_score_own() const { return own_all_ && current_ != kOwnDataset; }
  bool own_anomalies() const { return own_anomalies_ && can_score_own(); }

  // loadProgress, loadError, dataset, datasetWanted, datasetProgress, and yours: {train, test,
  // report} once the user's images are in (null before).
  void describe(StateWriter& out) const;

 private:
  std::string current_;
  std::string wanted_ = "mnist";
  std::string requested_;  // asked of the platform, or already in
  float progress_ = 0.0f;
  FirstLoad first_load_;
  std::map<std::string, LoadedDataset> sets_;
  std::map<std::string, std::map<std::string, std::vector<uint8_t>>> weights_;
  std::set<std::string> weights_done_;
  std::shared_ptr<const bn::Dataset> fashion_anomalies_;
  std::string own_report_;
  std::shared_ptr<const bn::Dataset> own_all_;  // train and test: a model of another set saw none
  bool own_anomalies_ = false;
};

}  // namespace bn_app
