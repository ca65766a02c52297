// The data sets and pretrained weights, as the platform hands them in. The page downloads them
// (web/loader.js) and the desktop reads them from disk; both answer the hub's requests the same
// way, through Session::receive_dataset and friends.
//
//   hub.choose("fashion");                         // the Training tab's choice
//   hub.want_weights("fashion", "vae");             // a preset's, fetched only when it is chosen
//   while (auto r = hub.next_request()) fetch(*r);  // the platform, once a frame
//   bool switch_now = hub.receive_test(id, bytes);  // throws bn::DatasetError for bad bytes
//   hub.receive_train(id, bytes);                   // later: the trainer can start
//
// A data set comes in two parts: its test images first (small: the pad, the views and a preset's
// pretrained model work with them alone), then its training images, which only training needs.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/session/dataset_catalog.h"
#include "app/session/state_writer.h"
#include "core/data/dataset.h"

namespace bn_app {

// A data set once its test images are in. Until its training images follow, `train` is the test
// split standing in (a trainer needs one), and no step may train on it: train_in says which.
struct LoadedDataset {
  std::shared_ptr<const bn::Dataset> train;
  std::shared_ptr<const bn::Dataset> test;
  bool train_in = true;
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
  // What the platform should fetch: a data set (both parts, test first) or one weights file.
  struct Request {
    std::string dataset;
    std::string weights;  // a kind of model ("vae"); "" for the data set itself
  };
  // The next thing to fetch, once per choice and per wanted weights file: data sets first.
  std::optional<Request> next_request();
  // The platform could not send `request` yet (the page is still starting): ask again.
  void retry_request(const Request& request);
  // The wanted data set is in but not yet trained on: the session switches to it.
  std::optional<std::string> pending_switch() const;
  // Parses and keeps a whole data set (10,000 images, split 9:1, as the desktop reads it). Returns
  // true when the session should switch to it now: it is the first, or the one wanted. A repeated
  // download of the one in use changes nothing. Throws bn::DatasetError (or std::invalid_argument
  // for an unknown id) and keeps nothing for bad bytes.
  bool receive(const std::string& id, const std::vector<uint8_t>& bytes);
  // The same in two parts, as the page downloads them: the test split first (true: switch now,
  // as for receive), then the training split (true: it belongs to the data set in use, whose
  // trainer should take it). Throws as receive does; training images before test images throw.
  bool receive_test(const std::string& id, const std::vector<uint8_t>& bytes);
  bool receive_train(const std::string& id, const std::vector<uint8_t>& bytes);
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

  // Pretrained weights, safetensors bytes by data set and kind ("ae", "pca", ...), each asked for
  // when something needs it (want_weights) and then in, or failed: the preset starts untrained.
  void want_weights(const std::string& dataset, const std::string& kind);
  void receive_weights(const std::string& dataset, const std::string& kind, std::vector<uint8_t> bytes);
  void weights_failed(const std::string& dataset, const std::string& kind);
  const std::vector<uint8_t>* weights(const std::string& dataset, const std::string& kind) const;
  // Every weights file the platform has for `dataset` is in: the rest count as failed (the
  // desktop reads them all at once).
  void weights_done(const std::string& dataset) { weights_done_.insert(dataset); }
  // The file is in, or will not come: whatever waits for it can go on.
  bool weights_settled(const std::string& dataset, const std::string& kind) const;

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

  // loadProgress, loadError, dataset, datasetWanted, datasetProgress, trainImages (0 until the
  // training split is in), and yours: {train, test,
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
  using WeightsKey = std::pair<std::string, std::string>;  // data set, kind
  std::set<WeightsKey> weights_asked_;                     // wanted, queued or fetched
  std::set<WeightsKey> weights_failed_;
  std::deque<WeightsKey> weights_queue_;                   // wanted, not yet asked of the platform
  std::shared_ptr<const bn::Dataset> fashion_anomalies_;
  std::string own_report_;
  std::shared_ptr<const bn::Dataset> own_all_;  // train and test: a model of another set saw none
  bool own_anomalies_ = false;
};

}  // namespace bn_app
