// The session layer without a window: the data set hub, the pad pipeline, the views' throttling
// and the presets, on the real MNIST-10k file (./build.sh deps makes it).
#include "app/session/session.h"
#include "app/session/state_writer.h"
#include "requests.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

#include <catch2/catch.hpp>

#include "core/io/safetensors.h"
#include "core/test_data_dir.h"

namespace {

using bn_app::BrushTool;
using bn_app::Session;
using bn_app::SideTab;
using bn_app::Training;

const std::vector<uint8_t>& mnist_bytes() {
  static const std::vector<uint8_t> bytes = bn::read_file_bytes(bn_test::data_path("mnist10k.bnds"));
  return bytes;
}

const std::vector<uint8_t>& fashion_bytes() {
  static const std::vector<uint8_t> bytes = bn::read_file_bytes(bn_test::data_path("fashion10k.bnds"));
  return bytes;
}

// Frames until the trainer has measured the test loss of the model it holds: each chunk of that
// measurement publishes a snapshot, which the views count as new weights.
void settle(Session& session, double now) {
  for (int frame = 0; frame < 200 && !std::isfinite(session.training().snapshot().metrics.test_loss); ++frame)
    session.update(now, 16.0f);
  session.update(now, 16.0f);
}

// A session on MNIST with no pretrained weights (every preset starts untrained), updated once, and
// its pad cleared of the first visit's test digit: each test starts from an empty pad.
void start_on_mnist(Session& session) {
  REQUIRE(next_dataset_request(session.datasets()) == std::optional<std::string>("mnist"));
  session.weights_done("mnist");
  session.receive_dataset("mnist", mnist_bytes());
  REQUIRE(session.started());
  settle(session, 0.0);
  session.pad().clear();
  session.update(0.0, 16.0f);
}

float ink(const std::vector<float>& pixels) { return std::accumulate(pixels.begin(), pixels.end(), 0.0f); }

}  // namespace

TEST_CASE("dataset hub: bad bytes before the first data set say why, and good ones start training", "[session]") {
  Session session(/*threaded=*/false);
  const std::vector<uint8_t> bad = {'n', 'o', 't', ' ', 'a', ' ', 'd', 'a', 't', 'a', 's', 'e', 't'};
  session.receive_dataset("mnist", bad);
  CHECK_FALSE(session.started());
  CHECK_THAT(session.datasets().first_load().error, Catch::Contains("Could not load the MNIST data set"));
  session.receive_dataset("nonsense", mnist_bytes());
  CHECK_FALSE(session.started());
  session.weights_done("mnist");
  session.receive_dataset("mnist", mnist_bytes());
  REQUIRE(session.started());
  CHECK(session.test_set()->count() == 1000);
  CHECK(session.datasets().current() == "mnist");
}

TEST_CASE("dataset hub: a choice is asked of the platform once, and a failure keeps the current set", "[session]") {
  Session session(false);
  start_on_mnist(session);
  CHECK_FALSE(next_dataset_request(session.datasets()));  // MNIST is in: nothing more to fetch
  CHECK(session.choose_dataset("fashion"));
  CHECK(next_dataset_request(session.datasets()) == std::optional<std::string>("fashion"));
  CHECK(session.choose_dataset("fashion"));  // chosen again while it downloads
  CHECK_FALSE(next_dataset_request(session.datasets()));
  session.dataset_failed("fashion", "HTTP 404");
  CHECK_THAT(session.notice(), Catch::Contains("still training on MNIST"));
  CHECK(session.datasets().wanted() == "mnist");
  CHECK_FALSE(session.choose_dataset("cifar"));
  CHECK_THAT(session.notice(), Catch::Contains("no data set called 'cifar'"));
}

TEST_CASE("dataset hub: a switch while training keeps the model's kind, on the new data", "[session]") {
  Session session(false);
  start_on_mnist(session);
  REQUIRE(session.select_preset("VAE 2-D"));
  session.update(0.1, 16.0f);
  session.training().post(bn::TrainerCommand::kToggle);
  for (int frame = 0; frame < 20 && !session.training().snapshot().training; ++frame) session.update(0.2, 16.0f);
  REQUIRE(session.training().snapshot().training);
  // Fashion-MNIST arrives unasked (a late download): it waits until it is chosen.
  session.weights_done("fashion");
  session.receive_dataset("fashion", fashion_bytes());
  session.update(0.3, 16.0f);
  CHECK(session.datasets().current() == "mnist");
  const uint64_t model_before = session.training().model_revision();
  CHECK(session.choose_dataset("fashion"));
  CHECK_FALSE(next_dataset_request(session.datasets()));  // already in: no download
  session.update(0.4, 16.0f);
  session.update(0.5, 16.0f);
  CHECK(session.datasets().current() == "fashion");
  CHECK(session.training().model_revision() > model_before);
  CHECK(session.training().config().kind == bn::ModelKind::kVae);
  CHECK(session.training().config().latent == 2);
  CHECK(std::string(session.dataset().title) == "Fashion-MNIST");
  // A repeated download of the set in use changes nothing.
  const uint64_t model_now = session.training().model_revision();
  session.receive_dataset("fashion", fashion_bytes());
  session.update(0.6, 16.0f);
  CHECK(session.training().model_revision() == model_now);
}

// A CSV of `count` images, a 0-9 label each: a bar whose place follows the label.
std::string labelled_csv(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += std::to_string(i % 10);
    for (int p = 0; p < 784; ++p) text += (p / 28 > 4 && p / 28 < 24 && p % 28 == 4 + 2 * (i % 10)) ? ",255" : ",0";
    text += "\n";
  }
  return text;
}

TEST_CASE("your images: dropped files become the data set 'yours', trained on at once", "[session][own]") {
  Session session(false);
  start_on_mnist(session);
  CHECK_FALSE(session.choose_dataset("yours"));
  CHECK_THAT(session.notice(), Catch::Contains("no images of yours yet"));

  bn::OwnImages one;
  one.add_csv("one.csv", labelled_csv(1));
  session.receive_own_images(one);
  CHECK_THAT(session.notice(), Catch::Contains("Could not use your files: one image is not enough"));
  CHECK_THAT(session.notice(), Catch::Contains("Still training on MNIST."));
  CHECK(session.datasets().current() == "mnist");

  bn::OwnImages own;
  own.add_csv("digits.csv", labelled_csv(30));
  own.skip("notes.txt", "not a PNG, JPEG or CSV file");
  session.receive_own_images(own);
  CHECK(session.datasets().current() == "yours");
  CHECK(session.notice() ==
        "Your images: 30 images; 1 file skipped: notes.txt (not a PNG, JPEG or CSV file). 27 to train on, 3 to "
        "test; the model starts untrained.");
  REQUIRE(session.test_set()->count() == 3);
  CHECK(session.test_set()->labels[0] == 9);
  CHECK(std::string(session.dataset().title) == "Your images");
  CHECK(std::string(bn_app::other_dataset(session.dataset()).id) == "fashion");
  // It trains: a few steps on the 27 images lower the loss.
  settle(session, 1.0);
  const float untrained = session.training().snapshot().metrics.test_loss;
  session.training().post(bn::TrainerCommand::kToggle);
  for (int frame = 0; frame < 400 && session.training().snapshot().metrics.step < 60; ++frame)
    session.update(1.0 + frame * 0.02, 16.0f);
  session.training().post(bn::TrainerCommand::kToggle);
  settle(session, 20.0);
  CHECK(session.training().snapshot().metrics.step >= 60);
  CHECK(session.training().snapshot().metrics.test_loss < 0.8f * untrained);
  // And back to MNIST, with yours still there to choose again.
  CHECK(session.choose_dataset("mnist"));
  session.update(30.0, 16.0f);
  CHECK(session.datasets().current() == "mnist");
  // There they can be the anomalies an MNIST model scores: all 30 of them.
  REQUIRE(session.datasets().can_score_own());
  CHECK(session.anomalies() == nullptr);  // Fashion-MNIST's test images never came in this test
  session.datasets().set_own_anomalies(true);
  REQUIRE(session.anomalies() != nullptr);
  CHECK(session.anomalies()->count() == 30);
  CHECK(std::string(session.datasets().anomaly_source().id) == "yours");
  session.datasets().set_own_anomalies(false);
  CHECK(std::string(session.datasets().anomaly_source().id) == "fashion");
  CHECK(session.choose_dataset("yours"));
  session.update(31.0, 16.0f);
  CHECK_FALSE(session.datasets().can_score_own());  // a model of them cannot score them as anomalies
}

TEST_CASE("your images: a link naming them, where there are none, shows MNIST and says why", "[session][own]") {
  Session session(false);
  start_on_mnist(session);
  bn_app::Settings settings;
  settings.dataset = "yours";
  settings.preset = "Undercomplete";
  session.apply_settings(settings, false, "");
  for (int frame = 0; frame < 50 && !session.settled(); ++frame) session.update(frame * 0.02, 16.0f);
  CHECK(session.settled());
  CHECK(session.datasets().current() == "mnist");
  CHECK(session.preset() == "Undercomplete");
  CHECK_THAT(session.notice(), Catch::Contains("Your images stay in the browser they were dropped on: this link "
                                               "shows MNIST."));
}

TEST_CASE("a first visit opens on the Denoising preset with a test digit on the pad", "[session]") {
  Session session(false);
  session.weights_done("mnist");
  session.receive_dataset("mnist", mnist_bytes());
  settle(session, 0.0);
  CHECK(session.preset() == "Denoising");
  CHECK(session.pad().shown_test_image() == 0);
  CHECK(ink(session.pad().pixels()) > 20.0f);
  CHECK(session.rebuild().noise().type == bn::NoiseType::kGaussian);  // noisy in (the page's test: clean out)
}

TEST_CASE("pad pipeline: strokes, undo, framing, and a reconstruction only when something moved", "[session]") {
  Session session(false);
  start_on_mnist(session);
  bn_app::DrawingPad& pad = session.pad();
  CHECK(pad.empty());
  pad.begin_stroke();
  pad.stroke(BrushTool::kInk, 3, 3, 10, 6, 1.0f);
  CHECK(ink(pad.pixels()) > 5.0f);
  CHECK(pad.undo_depth() == 3);  // the first visit's digit, the clear, this stroke
  settle(session, 1.0);
  const uint64_t rebuilt = session.rebuild().revision();
  CHECK(ink(session.rebuild().output()) > 0.0f);
  CHECK(std::isfinite(session.rebuild().psnr_noisy()));
  session.update(1.1, 16.0f);
  CHECK(session.rebuild().revision() == rebuilt);  // nothing moved (the model is paused)
  session.set_noise({bn::NoiseType::kSaltPepper, 0.3f});
  session.update(1.2, 16.0f);
  CHECK(session.rebuild().revision() == rebuilt + 1);
  // Framing centres the stroke in the top-left corner, as MNIST's digits were.
  auto centre_x = [](const std::vector<float>& pixels) {
    float mass = 0, x = 0;
    for (size_t i = 0; i < pixels.size(); ++i) {
      mass += pixels[i];
      x += pixels[i] * (i % 28 + 0.5f);
    }
    return x / mass;
  };
  CHECK(centre_x(pad.pixels()) < 9.0f);
  pad.set_framing(true);
  CHECK(centre_x(pad.pixels()) == Approx(14.0f).margin(1.0f));
  CHECK(centre_x(pad.drawn()) < 9.0f);  // the pad still shows it as drawn
  CHECK(pad.undo());
  CHECK(pad.empty());  // back to the cleared pad
  CHECK_THROWS_AS(session.set_noise({bn::NoiseType::kGaussian, -1.0f}), std::invalid_argument);
}

TEST_CASE("pad pipeline: browsing the test set stays in the chosen class", "[session]") {
  Session session(false);
  start_on_mnist(session);
  bn_app::DrawingPad& pad = session.pad();
  const bn::Dataset& test = *session.test_set();
  pad.set_browse_label(7);
  for (int i = 0; i < 3; ++i) {
    pad.browse(test, 1);
    REQUIRE(pad.shown_test_image() >= 0);
    CHECK(test.labels[pad.shown_test_image()] == 7);
  }
  pad.random_test_image(test);
  CHECK(test.labels[pad.shown_test_image()] == 7);
  pad.begin_stroke();
  pad.stroke(BrushTool::kInk, 1, 1, 2, 2, 1.0f);
  CHECK(pad.shown_test_image() == -1);  // edited: no longer the test image
}

TEST_CASE("views: only the open tab is computed, and new weights wait out its interval", "[session]") {
  Session session(false);
  start_on_mnist(session);
  session.update(0.0, 16.0f);
  CHECK(session.latent().points().xy.empty());  // the Latent tab is not open
  session.show_tab(SideTab::kLatent);
  settle(session, 0.01);
  REQUIRE(session.latent().points().xy.size() == 2 * 1000);
  const uint64_t shown = session.latent().points().revision;
  session.training().post(bn::TrainerCommand::kStep);
  session.update(0.02, 16.0f);  // new weights, but within the interval
  REQUIRE(session.training().snapshot().metrics.step == 1);
  CHECK(session.latent().points().revision == shown);
  session.update(0.02 + bn_app::LatentView::kInterval, 16.0f);
  CHECK(session.latent().points().revision == shown + 1);
  session.update(0.03 + 2 * bn_app::LatentView::kInterval, 16.0f);  // no new weights: nothing to do
  CHECK(session.latent().points().revision == shown + 1);
  session.latent().components[1] = 2;  // a choice in the tab is shown at once
  session.update(0.04 + 2 * bn_app::LatentView::kInterval, 16.0f);
  CHECK(session.latent().points().revision == shown + 2);
  CHECK(session.latent().shown_components()[1] == 2);
}

TEST_CASE("views: ten images of your own keep one to test, and the Latent map fills up with the rest",
          "[session][own]") {
  Session session(false);
  start_on_mnist(session);
  bn::OwnImages own;
  own.add_csv("ten.csv", labelled_csv(10));
  session.receive_own_images(own);
  REQUIRE(session.test_set()->count() == 1);
  session.show_tab(SideTab::kLatent);
  settle(session, 1.0);  // a map of one code threw (a projection needs two), and froze the page
  CHECK(session.notice().find("cannot show") == std::string::npos);
  CHECK(session.latent().points().xy.size() == 2 * 10);
  CHECK(session.latent().test_points() == 1);
  CHECK(session.latent().plotted(0).training == false);
  CHECK(session.latent().plotted(1).training);
  CHECK(session.latent().plotted(9).index == 8);
}

TEST_CASE("views: a view that throws becomes a notice, and is tried again with new weights", "[session]") {
  Session session(false);
  start_on_mnist(session);
  session.show_tab(SideTab::kLatent);
  session.set_drill(Session::Drill::kView);
  settle(session, 0.01);
  CHECK_THAT(session.notice(), Catch::StartsWith("The Latent tab cannot show this model: a view's drill failure"));
  CHECK(session.latent().points().xy.empty());
  session.training().post(bn::TrainerCommand::kStep);
  settle(session, 1.0);
  CHECK(session.latent().points().xy.size() == 2 * 1000);
}

TEST_CASE("presets: a preset sets the model, the noise and the tab; an unknown one is refused", "[session]") {
  Session session(false);
  CHECK(session.select_preset("Anomaly"));  // before the data: it waits
  CHECK(session.preset().empty());
  start_on_mnist(session);
  CHECK(session.preset() == "Anomaly");
  CHECK(session.open_tab() == SideTab::kAnomaly);
  CHECK_FALSE(session.select_preset("Nope"));
  CHECK_THAT(session.notice(), Catch::Contains("no preset called 'Nope'"));
  for (const bn_app::Preset& preset : bn_app::presets()) {
    const uint64_t requests = session.tab_requests();
    REQUIRE(session.select_preset(preset.name));
    session.update(1.0, 16.0f);
    session.update(1.1, 16.0f);
    CHECK(session.preset() == preset.name);
    CHECK(session.open_tab() == preset.tab);
    CHECK(session.tab_requests() == requests + 1);
    CHECK(session.rebuild().noise().type == preset.noise.type);
    CHECK(session.training().config().kind == preset.kind);
    // No weights were downloaded in this test: the notice says the model starts untrained.
    CHECK_THAT(session.notice(), Catch::Contains("starts untrained"));
  }
}

TEST_CASE("the automation state: every part reports what the browser tests read", "[session]") {
  Session session(false);
  {
    bn_app::JsonStateWriter before;
    session.describe(before);
    CHECK_THAT(before.json(), Catch::Contains("\"ready\":false") && Catch::Contains("\"modelKind\":null") &&
                                  Catch::Contains("\"dataset\":\"mnist\""));
  }
  start_on_mnist(session);
  session.show_tab(SideTab::kAnomaly);
  session.receive_anomalies("clothes", bn::read_file_bytes(bn_test::data_path("fashion-test-1k.bnds")));
  settle(session, 2.0);
  bn_app::JsonStateWriter out;
  session.describe(out);
  const std::string json = out.json();
  for (const char* key : {"ready",
                          "started",
                          "preset",
                          "notice",
                          "panels",
                          "loadProgress",
                          "loadError",
                          "dataset",
                          "datasetWanted",
                          "datasetProgress",
                          "trainImages",
                          "yours",
                          "testImages",
                          "anomalyImages",
                          "trainerRestMs",
                          "modelKind",
                          "latent",
                          "hidden",
                          "learningRate",
                          "training",
                          "step",
                          "epoch",
                          "trainLoss",
                          "testLoss",
                          "samplesPerSecond",
                          "computeSamplesPerSecond",
                          "message",
                          "waitsForTrainingImages",
                          "noise",
                          "type",
                          "level",
                          "psnr",
                          "noisy",
                          "output",
                          "generate",
                          "held",
                          "dims",
                          "interpolationFrames",
                          "partner",
                          "farEnd",
                          "latentView",
                          "components",
                          "besidePca",
                          "modelMse",
                          "pcaMse",
                          "probe",
                          "labels",
                          "done",
                          "current",
                          "codes",
                          "pixels",
                          "compression",
                          "anomaly",
                          "auroc",
                          "threshold",
                          "score",
                          "verdict"})
    CHECK_THAT(json, Catch::Contains(std::string("\"") + key + "\":"));
  CHECK_THAT(json, Catch::Contains("\"ready\":true") && Catch::Contains("\"modelKind\":\"denoise\"") &&
                       Catch::Contains("\"panels\":[\"Draw\",\"Reconstruction\",\"Noise\",\"Anomaly\"]") &&
                       Catch::Contains("\"anomalyImages\":\"clothes\"") && Catch::Contains("\"verdict\":\"none\""));
}

TEST_CASE("the automation state as JSON: nesting, escapes and non-finite numbers", "[session]") {
  bn_app::JsonStateWriter out;
  out.text("quote", "a \"b\"\n");
  out.number("nan", std::nan(""));
  out.begin_array("list");
  out.number(nullptr, 1.5);
  out.begin_object(nullptr);
  out.flag("yes", true);
  out.end_object();
  out.end_array();
  out.pair("pair", 1, 2);
  CHECK(out.json() == "{\"quote\":\"a \\\"b\\\"\\u000a\",\"nan\":null,\"list\":[1.5,{\"yes\":true}],\"pair\":[1,2]}");
}

TEST_CASE("pad reconstruction: the median filter's PSNR is the direct computation's", "[session][median]") {
  Session session(false);
  start_on_mnist(session);
  session.pad().random_test_image(*session.test_set());
  session.set_noise(bn::typical_noise(bn::NoiseType::kSaltPepper));
  session.update(1.0, 16.0f);
  const std::vector<float>& noisy = session.rebuild().noisy();
  const std::vector<float>& clean = session.pad().pixels();
  // The median of each clamped 3×3 window, sorted in full, and the PSNR against the clean pad.
  double squared_error = 0.0;
  for (int y = 0; y < 28; ++y)
    for (int x = 0; x < 28; ++x) {
      std::vector<float> window;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
          window.push_back(noisy[std::clamp(y + dy, 0, 27) * 28 + std::clamp(x + dx, 0, 27)]);
      std::sort(window.begin(), window.end());
      squared_error += std::pow(window[4] - clean[y * 28 + x], 2.0);
    }
  const double psnr = 10.0 * std::log10(784.0 / squared_error);
  CHECK(session.rebuild().psnr_median() == Approx(psnr).epsilon(1e-4));
  // Salt and pepper is what a median filter is for: it beats the noisy input by far.
  CHECK(session.rebuild().psnr_median() > session.rebuild().psnr_noisy() + 5.0f);
}

TEST_CASE("pad reconstruction: the code is the encoder's, and an edit of it is undone bit for bit", "[session][code]") {
  Session session(false);
  start_on_mnist(session);
  session.pad().random_test_image(*session.test_set());
  session.update(1.0, 16.0f);
  const bn_app::CodeReadout& code = session.rebuild().code();
  const std::vector<float>& noisy = session.rebuild().noisy();
  const bn::Matrix encoded = session.training().viewer().encode(bn::ConstMatrixMap(noisy.data(), 1, 784));
  REQUIRE(code.values.size() == static_cast<size_t>(session.training().config().latent));
  for (size_t i = 0; i < code.values.size(); ++i) CHECK(code.values[i] == encoded(0, static_cast<Eigen::Index>(i)));
  CHECK(code.spread.empty());
  CHECK(code.active.empty());

  const std::vector<float> before = session.rebuild().output();
  session.rebuild().set_code_value(3, code.values[3] + 8.0f);
  session.update(1.1, 16.0f);
  CHECK(session.rebuild().code().edited);
  const std::vector<float>& edited = session.rebuild().output();
  float changed = 0.0f;
  for (size_t i = 0; i < before.size(); ++i) changed += std::abs(edited[i] - before[i]);
  CHECK(changed > 1.0f);
  session.rebuild().restore_code();
  session.update(1.2, 16.0f);
  CHECK_FALSE(session.rebuild().code().edited);
  CHECK(session.rebuild().output() == before);
  // A new drawing starts from its own code.
  session.rebuild().set_code_value(0, 4.0f);
  session.pad().clear();
  session.update(1.3, 16.0f);
  CHECK_FALSE(session.rebuild().code().edited);
}

TEST_CASE("pad reconstruction: a sparse code's firing units and a VAE's spread", "[session][code]") {
  Session session(false);
  start_on_mnist(session);
  session.pad().random_test_image(*session.test_set());
  bn::ModelConfig sparse;
  sparse.kind = bn::ModelKind::kSparse;
  sparse.latent = 128;
  session.build_model(sparse);
  for (int frame = 0; frame < 50 && !session.training().settled(); ++frame) session.update(2.0, 16.0f);
  session.update(2.1, 16.0f);
  const bn_app::CodeReadout& code = session.rebuild().code();
  REQUIRE(code.active.size() == 128);
  int firing = 0;
  for (float value : code.values) firing += std::abs(value) > 0.01f;
  CHECK(code.active_count() == firing);
  CHECK(firing > 0);

  bn::ModelConfig vae;
  vae.kind = bn::ModelKind::kVae;
  vae.latent = 8;
  session.build_model(vae);
  for (int frame = 0; frame < 50 && !session.training().settled(); ++frame) session.update(3.0, 16.0f);
  session.update(3.1, 16.0f);
  REQUIRE(session.rebuild().code().spread.size() == 8);
  for (float sigma : session.rebuild().code().spread) CHECK(sigma > 0.0f);
  CHECK(session.rebuild().code().active.empty());
}

namespace {

// One split of a 10k .bnds file, as the page downloads it: the test images (i % 10 == 9) or the
// training images, in a .bnds file of their own.
std::vector<uint8_t> split_file(const std::vector<uint8_t>& all, bool test) {
  constexpr size_t kHeader = 20, kPixels = 28 * 28;
  const size_t count = (all.size() - kHeader) / (kPixels + 1);
  std::vector<uint8_t> pixels, labels;
  for (size_t i = 0; i < count; ++i) {
    if ((i % 10 == 9) != test) continue;
    const auto image = all.begin() + static_cast<std::ptrdiff_t>(kHeader + i * kPixels);
    pixels.insert(pixels.end(), image, image + kPixels);
    labels.push_back(all[kHeader + count * kPixels + i]);
  }
  std::vector<uint8_t> out(all.begin(), all.begin() + kHeader);
  const uint32_t kept = static_cast<uint32_t>(labels.size());
  for (int b = 0; b < 4; ++b) out[8 + b] = static_cast<uint8_t>(kept >> (8 * b));
  out.insert(out.end(), pixels.begin(), pixels.end());
  out.insert(out.end(), labels.begin(), labels.end());
  return out;
}

std::vector<std::string> weights_requests(bn_app::DatasetHub& hub) {
  std::vector<std::string> kinds;
  while (const auto request = hub.next_request())
    if (!request->weights.empty()) kinds.push_back(request->dataset + "-" + request->weights);
  return kinds;
}

}  // namespace

TEST_CASE("a data set in two parts: the pretrained preset answers on the test images, and Train waits for the rest",
          "[session]") {
  Session session(/*threaded=*/false);
  session.update(0.0, 16.0f);
  CHECK(next_dataset_request(session.datasets()) == std::optional<std::string>("mnist"));
  // Only the first preset's weights and the PCA baseline: the other presets' wait until chosen.
  const std::vector<std::string> asked = weights_requests(session.datasets());
  CHECK(asked == std::vector<std::string>{"mnist-denoise", "mnist-pca"});
  bn::ModelConfig denoise;
  denoise.kind = bn::ModelKind::kDenoising;
  denoise.noise = bn::typical_noise(bn::NoiseType::kGaussian);
  session.receive_weights("mnist", "denoise", bn::encode_safetensors(*bn::make_model(denoise)));
  session.weights_failed("mnist", "pca");
  session.receive_test_images("mnist", split_file(mnist_bytes(), true));
  for (int frame = 0; frame < 20 && !session.settled(); ++frame) session.update(0.0, 16.0f);
  REQUIRE(session.settled());
  CHECK(session.preset() == "Denoising");
  CHECK(session.training().config() == denoise);
  CHECK(session.test_set()->count() == 1000);
  CHECK(session.training().waiting_for_train_set());

  // Train and Step before the training images: nothing learns from the test images in their place.
  session.training().post(bn::TrainerCommand::kStep);
  session.training().post(bn::TrainerCommand::kToggle);
  CHECK(session.training().starts_when_in());
  for (int frame = 0; frame < 5; ++frame) session.update(0.0, 16.0f);
  CHECK(session.training().snapshot().metrics.step == 0);
  CHECK_FALSE(session.training().snapshot().training);

  session.receive_training_images("mnist", split_file(mnist_bytes(), false));
  for (int frame = 0; frame < 50 && session.training().snapshot().metrics.step < 3; ++frame)
    session.update(0.0, 16.0f);
  CHECK_FALSE(session.training().waiting_for_train_set());
  CHECK(session.datasets().current_sets().train->count() == 9000);
  CHECK(session.training().snapshot().training);  // the press while waiting started it
  CHECK(session.training().snapshot().metrics.step >= 3);
  CHECK(session.training().config() == denoise);  // the pretrained model goes on learning
}

TEST_CASE("a preset's weights are fetched when it is chosen, and it applies once they are in or will not come",
          "[session]") {
  Session session(/*threaded=*/false);
  session.update(0.0, 16.0f);
  next_dataset_request(session.datasets());
  session.weights_failed("mnist", "denoise");
  session.weights_failed("mnist", "pca");
  session.receive_test_images("mnist", split_file(mnist_bytes(), true));
  for (int frame = 0; frame < 20 && !session.settled(); ++frame) session.update(0.0, 16.0f);
  REQUIRE(session.settled());
  CHECK(session.preset() == "Denoising");  // untrained: its weights did not come
  CHECK_FALSE(session.preset_pretrained());

  CHECK(session.select_preset("VAE 2-D"));
  CHECK(weights_requests(session.datasets()) == std::vector<std::string>{"mnist-vae"});
  session.update(0.0, 16.0f);
  CHECK_FALSE(session.settled());  // it waits for them
  CHECK(session.preset() == "Denoising");
  bn::ModelConfig vae;
  vae.kind = bn::ModelKind::kVae;
  vae.latent = 2;
  session.receive_weights("mnist", "vae", bn::encode_safetensors(*bn::make_model(vae)));
  for (int frame = 0; frame < 20 && !session.settled(); ++frame) session.update(0.0, 16.0f);
  CHECK(session.settled());
  CHECK(session.preset() == "VAE 2-D");
  CHECK(session.preset_pretrained());
  CHECK(session.training().config() == vae);
}

TEST_CASE("the state's fingerprint: the same state the same digest, any change another", "[session][redraw]") {
  const auto digest = [](const std::function<void(bn_app::StateWriter&)>& write) {
    bn_app::StateFingerprint out;
    write(out);
    return out.digest();
  };
  const auto a = digest([](auto& out) { out.text("ab", "c"); });
  CHECK(a == digest([](auto& out) { out.text("ab", "c"); }));
  CHECK(a != digest([](auto& out) { out.text("a", "bc"); }));  // where the key ends counts
  CHECK(digest([](auto& out) { out.number("x", 1.0); }) != digest([](auto& out) { out.number("x", 1.0000001); }));
  CHECK(digest([](auto& out) { out.flag("x", true); }) != digest([](auto& out) { out.flag("x", false); }));

  Session session(false);
  start_on_mnist(session);
  const auto of = [&] { return digest([&](auto& out) { session.describe(out); }); };
  const uint64_t idle = of();
  session.update(1.0, 16.0f);
  CHECK(of() == idle);  // nothing happened: the UI has nothing new to draw
  session.set_noise({bn::NoiseType::kGaussian, 0.3f});
  session.update(1.1, 16.0f);
  CHECK(of() != idle);
}

TEST_CASE("training between frames: nothing in update, one unit a call, Train's press taken first",
          "[session][redraw]") {
  Session session(false);
  start_on_mnist(session);
  Training& training = session.training();
  training.set_trains_between_frames(true);
  training.post(bn::TrainerCommand::kStart);
  for (int frame = 0; frame < 5; ++frame) session.update(0.0, 16.0f);
  CHECK(training.snapshot().metrics.step == 0);  // the frames did not train

  CHECK(training.train_between_frames(0.0, /*first=*/true));  // the first after a frame always runs
  session.update(0.05, 16.0f);  // the snapshot as it stands (the trainer may not have published the step yet)
  const int64_t step = training.snapshot().metrics.step;
  // No time left before the next frame: no second unit now.
  CHECK_FALSE(training.train_between_frames(0.0, false));
  session.update(0.1, 16.0f);
  CHECK(training.snapshot().metrics.step == step);
  for (int unit = 0; unit < 30; ++unit) training.train_between_frames(1e6, unit == 0);
  session.update(0.2, 16.0f);
  CHECK(training.snapshot().metrics.step > step + 10);

  training.post(bn::TrainerCommand::kPause);
  training.train_between_frames(1e6, true);
  CHECK_FALSE(training.train_between_frames(1e6, false));  // paused: no more work
}
