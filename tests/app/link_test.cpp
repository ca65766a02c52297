// Links on the session: a link's settings wait for their data and weights, then put the preset or
// the model, the noise and the tab where the link says; a model over the memory budget is refused
// with the numbers and the current one stays.
#include <catch2/catch.hpp>

#include "app/session/session.h"
#include "requests.h"
#include "core/io/safetensors.h"
#include "core/models/model.h"
#include "core/test_data_dir.h"

namespace {

using bn_app::Session;
using bn_app::SideTab;

const std::vector<uint8_t>& mnist_bytes() {
  static const std::vector<uint8_t> bytes = bn::read_file_bytes(bn_test::data_path("mnist10k.bnds"));
  return bytes;
}

// Weights as the page's pretrained files carry them: a model of `config` and its config's metadata.
std::vector<uint8_t> weights_of(const bn::ModelConfig& config) {
  auto model = bn::make_model(config);
  return bn::encode_safetensors(*model);
}

bn::ModelConfig sparse_preset_model() {
  bn::ModelConfig config;
  config.kind = bn::ModelKind::kSparse;
  config.latent = 128;
  config.lambda = 2e-4f;
  return config;
}

bn::ModelConfig undercomplete_model() { return bn::ModelConfig{}; }

// MNIST in, with weights for the sparse and undercomplete presets, then frames until nothing waits.
void load(Session& session) {
  session.receive_weights("mnist", "sparse", weights_of(sparse_preset_model()));
  session.receive_weights("mnist", "ae", weights_of(undercomplete_model()));
  session.weights_done("mnist");
  session.receive_dataset("mnist", mnist_bytes());
  for (int frame = 0; frame < 100 && !session.settled(); ++frame) session.update(0.0, 16.0f);
  REQUIRE(session.settled());
}

void apply(Session& session, const std::string& text) {
  const bn_app::ParsedSettings parsed = bn_app::parse_settings(text);
  session.apply_settings(parsed.settings, parsed.model_given);
  for (int frame = 0; frame < 100 && !session.settled(); ++frame) session.update(0.0, 16.0f);
  REQUIRE(session.settled());
}

bn_app::Settings session_settings(const Session& session) {
  bn_app::Settings settings;
  session.fill_settings(settings);
  return settings;
}

}  // namespace

TEST_CASE("link: a preset's name loads its pretrained weights, then the link's noise and tab", "[session][link]") {
  Session session(/*threaded=*/false);
  const bn_app::ParsedSettings parsed = bn_app::parse_settings("#preset=Sparse&noise=blur&tab=latent");
  session.apply_settings(parsed.settings, parsed.model_given);
  // Before the data is in, the link is what the session will show.
  CHECK(session_settings(session).preset == "Sparse");
  CHECK_FALSE(session.settled());
  load(session);
  CHECK(session.preset() == "Sparse");
  CHECK(session.training().config() == sparse_preset_model());
  CHECK(session.rebuild().noise().type == bn::NoiseType::kBlur);
  CHECK(session.open_tab() == SideTab::kLatent);
  CHECK(session.notice().empty());
  // The session's part of what a link of it carries: the preset's model, written out in full.
  const bn_app::Settings back = bn_app::parse_settings(bn_app::to_text(session_settings(session))).settings;
  CHECK(back.preset == "Sparse");
  CHECK(back.model == sparse_preset_model());
  CHECK(back.noise.type == bn::NoiseType::kBlur);
  CHECK(back.tab == SideTab::kLatent);
}

TEST_CASE("link: a model that is not its preset's starts untrained from its seed, and says so", "[session][link]") {
  Session session(false);
  load(session);
  apply(session, "preset=Sparse&model=sparse&latent=64&lambda=0.0002&seed=7");
  CHECK(session.preset().empty());
  CHECK(session.training().config().latent == 64);
  CHECK(session.training().config().seed == 7);
  CHECK_THAT(session.notice(), Catch::Contains("starts untrained, from seed 7"));
  CHECK(session.training().snapshot().metrics.step == 0);
  // A model equal to a preset's pretrained one loads those weights, even without the preset's name.
  apply(session, "preset=&model=ae&train_noise=none");
  CHECK(session.training().config() == undercomplete_model());
  CHECK(session.preset().empty());
  CHECK(session.notice().empty());
}

TEST_CASE("link: the same link again, or one that changes only the noise, keeps what the model learned",
          "[session][link]") {
  Session session(false);
  load(session);
  apply(session, "preset=Undercomplete&noise=none");
  session.training().post(bn::TrainerCommand::kStep);
  for (int frame = 0; frame < 20 && session.training().snapshot().metrics.step == 0; ++frame)
    session.update(0.0, 16.0f);
  REQUIRE(session.training().snapshot().metrics.step > 0);
  const uint64_t model = session.training().model_revision();
  apply(session, "preset=Undercomplete&noise=salt_pepper&tab=anomaly");
  CHECK(session.training().model_revision() == model);
  CHECK(session.training().snapshot().metrics.step > 0);
  CHECK(session.rebuild().noise().type == bn::NoiseType::kSaltPepper);
  CHECK(session.open_tab() == SideTab::kAnomaly);
}

TEST_CASE("link: a model over the memory budget is refused with the numbers, and the current one stays",
          "[session][link][memory]") {
  Session session(false);
  session.set_memory_budget(uint64_t{16} << 20);
  load(session);
  apply(session, "preset=Undercomplete");
  REQUIRE(session.preset() == "Undercomplete");
  apply(session, "preset=&hidden=2048,2048&latent=64");
  CHECK_THAT(session.notice(), Catch::Contains("Not enough memory") && Catch::Contains("MB") &&
                                   Catch::Contains("activations at batch 64") && Catch::Contains("16 MB for a model") &&
                                   Catch::Contains("The current model stays"));
  CHECK(session.training().latest_config() == undercomplete_model());
  CHECK(session.preset() == "Undercomplete");
  // The model editor is held to the same budget.
  bn::ModelConfig wide;
  wide.hidden = {4096, 4096};
  CHECK_THROWS_WITH(session.build_model(wide), Catch::Contains("Not enough memory"));
  CHECK(session.training().latest_config() == undercomplete_model());
}

TEST_CASE("link: over the budget on a first visit, the preset is shown instead", "[session][link][memory]") {
  Session session(false);
  session.set_memory_budget(uint64_t{16} << 20);
  const bn_app::ParsedSettings parsed = bn_app::parse_settings("preset=Sparse&model=sparse&hidden=4096,4096,4096");
  REQUIRE(parsed.model_given);
  session.apply_settings(parsed.settings, parsed.model_given);
  load(session);
  CHECK(session.preset() == "Sparse");
  CHECK(session.training().config() == sparse_preset_model());
  CHECK_THAT(session.notice(),
             Catch::Contains("Not enough memory") && Catch::Contains("The Sparse preset is shown instead"));
}

TEST_CASE("link: its data set is the first one asked for, and one that fails leaves the rest of it",
          "[session][link]") {
  Session session(false);
  bn_app::Settings settings;
  settings.dataset = "fashion";
  settings.tab = SideTab::kFeatures;
  session.apply_settings(settings, false);
  CHECK(next_dataset_request(session.datasets()) == std::optional<std::string>("fashion"));
  session.dataset_failed("fashion", "HTTP 404");
  CHECK(session.datasets().first_load().error.empty());  // no dead end: MNIST comes instead
  CHECK(next_dataset_request(session.datasets()) == std::optional<std::string>("mnist"));
  load(session);
  CHECK(session.datasets().current() == "mnist");
  CHECK(session.open_tab() == SideTab::kFeatures);
  CHECK(session.preset() == "Denoising");  // the first visit's, without weights for it: untrained
  CHECK_THAT(session.notice(), Catch::Contains("HTTP 404") && Catch::Contains("Loading MNIST instead"));
}

TEST_CASE("link: a weights file over the memory budget is refused before its model is built", "[session][memory]") {
  Session session(false);
  session.set_memory_budget(uint64_t{4} << 20);  // less than AE-32 takes to train (about 11 MB)
  load(session);
  const bn::ModelConfig before = session.training().latest_config();
  CHECK(session.select_preset("Undercomplete"));
  CHECK_THAT(session.notice(), Catch::Contains("Not enough memory") && Catch::Contains("The current model stays"));
  CHECK(session.training().latest_config() == before);
}

TEST_CASE("model files: out and back in, another architecture switches the model, a bad file is refused",
          "[session][files]") {
  Session session(false);
  load(session);
  apply(session, "preset=Undercomplete");
  const std::vector<uint8_t> saved = session.model_file();
  CHECK_THAT(session.model_file_name(), Catch::StartsWith("bottleneck-mnist-ae-32-step"));

  bn::ModelConfig vae;
  vae.kind = bn::ModelKind::kVae;
  vae.latent = 4;
  vae.seed = 9;
  CHECK(session.load_model_file("vae4.safetensors", weights_of(vae)));
  for (int frame = 0; frame < 50 && !session.settled(); ++frame) session.update(0.0, 16.0f);
  CHECK(session.training().config() == vae);
  CHECK(session.preset().empty());
  CHECK_THAT(session.notice(), Catch::StartsWith("Loaded vae4.safetensors: VAE-4"));

  CHECK(session.load_model_file("mine.safetensors", saved));
  for (int frame = 0; frame < 50 && !session.settled(); ++frame) session.update(0.0, 16.0f);
  CHECK(session.training().config() == undercomplete_model());

  const std::vector<uint8_t> text = {'h', 'e', 'l', 'l', 'o'};
  CHECK_FALSE(session.load_model_file("notes.txt", text));
  CHECK_THAT(session.notice(),
             Catch::StartsWith("Could not load notes.txt: ") && Catch::EndsWith("The current model stays."));
  const std::vector<uint8_t> pca =
      bn::read_file_bytes(std::string(BOTTLENECK_SOURCE_DIR) + "/web/pretrained/mnist-pca.safetensors");
  CHECK_FALSE(session.load_model_file("mnist-pca.safetensors", pca));
  CHECK_THAT(session.notice(), Catch::Contains("PCA baseline"));
  session.set_memory_budget(uint64_t{4} << 20);
  CHECK_FALSE(session.load_model_file("big.safetensors", saved));
  CHECK_THAT(session.notice(), Catch::Contains("Not enough memory"));
  CHECK(session.training().latest_config() == undercomplete_model());
}
