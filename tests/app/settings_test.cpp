#include "app/session/settings.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "app/session/dataset_catalog.h"

using bn_app::parse_settings;
using bn_app::ParsedSettings;
using bn_app::Settings;
using bn_app::to_text;

namespace {

// What parse_settings promises of any text: a model and a noise the core accepts, a scale on its
// steps, and settings that come back unchanged through their own text.
void check_sound(const ParsedSettings& parsed) {
  const Settings& s = parsed.settings;
  CHECK_NOTHROW(bn::validate(s.model));
  CHECK_NOTHROW(bn::validate(s.noise, 28));
  CHECK(s.model.image_side == 28);
  CHECK(s.model.channels.size() == 2);
  CHECK(s.ui_scale >= Settings::kMinScale);
  CHECK(s.ui_scale <= Settings::kMaxScale);
  CHECK(std::fmod(s.ui_scale, Settings::kScaleStep) == 0.0f);
  CHECK((s.preset.empty() || bn_app::find_preset(s.preset)));
  CHECK(bn_app::find_dataset(s.dataset));
  for (const std::string& panel : s.panels) CHECK((!panel.empty() && panel.find(',') == std::string::npos));
  const ParsedSettings again = parse_settings(to_text(s));
  CHECK(again.settings == s);
  CHECK(again.ignored.empty());
  for (const std::string& message : parsed.ignored) {
    INFO(message);
    const auto unprintable = [](char c) { return c < 0x20 || c >= 0x7f; };
    CHECK(std::none_of(message.begin(), message.end(), unprintable));  // garbage bytes come out escaped
  }
}

bool round_trips(const Settings& s) {
  const ParsedSettings back = parse_settings(to_text(s));
  return back.settings == s && back.ignored.empty();
}

std::vector<std::string> ignored_by(const std::string& text) { return parse_settings(text).ignored; }

// The settings a click on a preset gives when its weights are not in (the fallback of the session's
// load_pretrained_model).
Settings preset_settings(const bn_app::Preset& preset) {
  Settings s;
  s.preset = preset.name;
  s.model = bn::ModelConfig{};
  s.model.kind = preset.kind;
  if (preset.kind == bn::ModelKind::kDenoising) s.model.noise = bn::typical_noise(bn::NoiseType::kGaussian);
  if (preset.kind == bn::ModelKind::kVae) s.model.latent = 2;
  s.noise = preset.noise;
  s.tab = preset.tab;
  return s;
}

// Any float in [low, high], all its digits used, so the shortest form has work to do.
float any_float(std::mt19937& rng, float low, float high) {
  return std::uniform_real_distribution<float>(low, high)(rng);
}

bn::Noise any_noise(std::mt19937& rng, bool allow_none) {
  const int type = std::uniform_int_distribution<int>(allow_none ? 0 : 1, 4)(rng);
  bn::Noise noise{static_cast<bn::NoiseType>(type), 0.0f};
  switch (noise.type) {
    case bn::NoiseType::kNone: noise.level = any_float(rng, -5, 5); break;
    case bn::NoiseType::kGaussian: noise.level = any_float(rng, 0, 10); break;
    case bn::NoiseType::kSaltPepper: noise.level = any_float(rng, 0, 1); break;
    case bn::NoiseType::kMaskBlock: noise.level = static_cast<float>(rng() % 29); break;
    case bn::NoiseType::kBlur: noise.level = any_float(rng, 0, 10); break;
  }
  if (rng() % 4 == 0) noise = bn::typical_noise(noise.type);
  return noise;
}

// A random Settings of the kind parse_settings can give (see settings.h's limits).
Settings any_settings(std::mt19937& rng) {
  auto pick = [&](int count) { return static_cast<int>(rng() % static_cast<unsigned>(count)); };
  Settings s;
  const int preset = pick(static_cast<int>(bn_app::presets().size()) + 1);
  s.preset = preset == 0 ? "" : bn_app::presets()[preset - 1].name;
  s.dataset = bn_app::kDatasets[pick(2)].id;
  bn::ModelConfig& m = s.model;
  m.kind = static_cast<bn::ModelKind>(pick(6));
  m.hidden.resize(pick(9));
  for (int& width : m.hidden) width = 1 + pick(4096);
  m.channels = {1 + pick(256), 1 + pick(256)};
  m.latent = 1 + pick(m.kind == bn::ModelKind::kPca ? 784 : 4096);
  m.activation = static_cast<bn::Activation>(pick(4));
  m.loss = static_cast<bn::ReconstructionLoss>(pick(2));
  m.beta = any_float(rng, 0, 1000);
  m.sparsity = static_cast<bn::SparsityPenalty>(pick(2));
  m.lambda = any_float(rng, 0, 100);
  m.rho = any_float(rng, 1e-6f, 0.999f);
  m.noise = any_noise(rng, m.kind != bn::ModelKind::kDenoising);
  m.optimizer = static_cast<bn::OptimizerKind>(pick(2));
  m.learning_rate = std::pow(10.0f, any_float(rng, -7, 1));
  m.momentum = any_float(rng, 0, 0.998f);
  m.batch_size = 1 + pick(4096);
  m.init = static_cast<bn::Init>(pick(3));
  m.seed = (static_cast<uint64_t>(rng()) << 32) | rng();
  s.noise = any_noise(rng, true);
  s.tab = static_cast<bn_app::SideTab>(pick(6));
  s.brush = static_cast<bn_app::BrushTool>(pick(3));
  s.theme = static_cast<bn_app::Theme>(pick(2));
  s.ui_scale = 1.0f + 0.25f * static_cast<float>(pick(9));
  s.embed = pick(2) == 1;
  s.controls = pick(2) == 1;
  const char* const kPanels[] = {"header", "draw", "reconstruction", "noise", "side", "x&y=z"};
  s.panels.resize(pick(4));
  for (std::string& panel : s.panels) panel = kPanels[pick(6)];
  s.lesson.resize(pick(12));
  for (char& c : s.lesson) c = static_cast<char>(rng() % 256);
  REQUIRE_NOTHROW(bn::validate(s.model));
  REQUIRE_NOTHROW(bn::validate(s.noise, 28));
  return s;
}

}  // namespace

TEST_CASE("settings: the defaults are a first visit, written as nothing", "[settings]") {
  const Settings s;
  CHECK(s.preset == "Denoising");
  CHECK(s.dataset == "mnist");
  bn::ModelConfig denoising;  // as the pretrained mnist-denoise weights were trained
  denoising.kind = bn::ModelKind::kDenoising;
  denoising.noise = {bn::NoiseType::kGaussian, 0.5f};
  CHECK(s.model.kind == bn::ModelKind::kDenoising);
  CHECK(s.model.noise.type == bn::NoiseType::kGaussian);
  CHECK(s.model.noise.level == 0.5f);
  CHECK(s.model.hidden == std::vector<int>{256, 128});
  CHECK(s.model.latent == 32);
  CHECK(s.model.learning_rate == 1e-3f);
  CHECK(bn::describe(s.model) == bn::describe(denoising));
  CHECK(s.noise.type == bn::NoiseType::kGaussian);
  CHECK(s.noise.level == 0.5f);
  CHECK(s.tab == bn_app::SideTab::kTraining);
  CHECK(s.brush == bn_app::BrushTool::kInk);
  CHECK(s.theme == bn_app::Theme::kDark);
  CHECK(s.ui_scale == 1.0f);
  CHECK_FALSE(s.embed);
  CHECK(s.panels.empty());
  CHECK(s.controls);
  CHECK(s.lesson.empty());

  CHECK(to_text(s) == "");
  for (const char* text : {"", "?", "#", "&&", "?&"}) {
    const ParsedSettings parsed = parse_settings(text);
    CHECK(parsed.settings == s);
    CHECK(parsed.ignored.empty());
  }
}

TEST_CASE("settings: each field alone, its text, and back", "[settings]") {
  struct Change {
    const char* text;
    std::function<void(Settings&)> apply;
  };
  const std::vector<Change> changes = {
      {"preset=", [](Settings& s) { s.preset = ""; }},
      {"preset=VAE%202-D", [](Settings& s) { s.preset = "VAE 2-D"; }},
      {"data=fashion", [](Settings& s) { s.dataset = "fashion"; }},
      {"model=vae", [](Settings& s) { s.model.kind = bn::ModelKind::kVae; }},
      {"hidden=512", [](Settings& s) { s.model.hidden = {512}; }},
      {"hidden=", [](Settings& s) { s.model.hidden.clear(); }},
      {"channels=8,64",
       [](Settings& s) {
         s.model.channels = {8, 64};
       }},
      {"latent=2", [](Settings& s) { s.model.latent = 2; }},
      {"act=leaky_relu", [](Settings& s) { s.model.activation = bn::Activation::kLeakyRelu; }},
      {"loss=mse", [](Settings& s) { s.model.loss = bn::ReconstructionLoss::kMse; }},
      {"beta=4", [](Settings& s) { s.model.beta = 4; }},
      {"beta=1000", [](Settings& s) { s.model.beta = 1000; }},
      {"sparsity=kl", [](Settings& s) { s.model.sparsity = bn::SparsityPenalty::kKl; }},
      {"lambda=0.01", [](Settings& s) { s.model.lambda = 0.01f; }},
      {"rho=0.1", [](Settings& s) { s.model.rho = 0.1f; }},
      {"train_noise=blur&train_level=2",
       [](Settings& s) {
         s.model.noise = {bn::NoiseType::kBlur, 2};
       }},
      {"train_noise=salt_pepper", [](Settings& s) { s.model.noise = bn::typical_noise(bn::NoiseType::kSaltPepper); }},
      {"train_level=0.25", [](Settings& s) { s.model.noise.level = 0.25f; }},
      {"opt=sgd", [](Settings& s) { s.model.optimizer = bn::OptimizerKind::kSgd; }},
      {"lr=0.0003", [](Settings& s) { s.model.learning_rate = 0.0003f; }},
      {"lr=1e-5", [](Settings& s) { s.model.learning_rate = 1e-5f; }},
      {"momentum=0.5", [](Settings& s) { s.model.momentum = 0.5f; }},
      {"batch=128", [](Settings& s) { s.model.batch_size = 128; }},
      {"init=he", [](Settings& s) { s.model.init = bn::Init::kHe; }},
      {"seed=18446744073709551615", [](Settings& s) { s.model.seed = UINT64_MAX; }},
      {"noise=mask", [](Settings& s) { s.noise = bn::typical_noise(bn::NoiseType::kMaskBlock); }},
      {"noise=mask&level=5",
       [](Settings& s) {
         s.noise = {bn::NoiseType::kMaskBlock, 5};
       }},
      {"level=0.35", [](Settings& s) { s.noise.level = 0.35f; }},
      {"noise=none", [](Settings& s) { s.noise = {}; }},
      {"tab=compression", [](Settings& s) { s.tab = bn_app::SideTab::kCompression; }},
      {"brush=hide", [](Settings& s) { s.brush = bn_app::BrushTool::kHide; }},
      {"theme=light", [](Settings& s) { s.theme = bn_app::Theme::kLight; }},
      {"scale=2.75", [](Settings& s) { s.ui_scale = 2.75f; }},
      {"embed=1", [](Settings& s) { s.embed = true; }},
      {"controls=0", [](Settings& s) { s.controls = false; }},
      {"panels=draw,noise",
       [](Settings& s) {
         s.panels = {"draw", "noise"};
       }},
      {"lesson=bottleneck%201", [](Settings& s) { s.lesson = "bottleneck 1"; }},
      {"lesson=a%26b%3Dc%2Bd%25e%23f%3F%C3%A9", [](Settings& s) { s.lesson = "a&b=c+d%e#f?\xC3\xA9"; }},
  };
  for (const Change& change : changes) {
    INFO(change.text);
    Settings s;
    change.apply(s);
    CHECK(s != Settings{});
    CHECK_FALSE(s == Settings{});
    CHECK(to_text(s) == change.text);
    const ParsedSettings back = parse_settings(change.text);
    CHECK(back.settings == s);
    CHECK(back.ignored.empty());
  }
  Settings other_side;  // not carried, but still a difference
  other_side.model.image_side = 32;
  CHECK(other_side != Settings{});
}

TEST_CASE("settings: every field off its default, in the fixed key order", "[settings]") {
  Settings s;
  s.preset = "AE vs PCA";
  s.dataset = "fashion";
  s.model.kind = bn::ModelKind::kConv;
  s.model.hidden = {512, 64, 16};
  s.model.channels = {8, 24};
  s.model.latent = 10;
  s.model.activation = bn::Activation::kTanh;
  s.model.loss = bn::ReconstructionLoss::kMse;
  s.model.beta = 0.5f;
  s.model.sparsity = bn::SparsityPenalty::kKl;
  s.model.lambda = 0.002f;
  s.model.rho = 0.1f;
  s.model.noise = {bn::NoiseType::kMaskBlock, 7};
  s.model.optimizer = bn::OptimizerKind::kSgd;
  s.model.learning_rate = 0.05f;
  s.model.momentum = 0.95f;
  s.model.batch_size = 32;
  s.model.init = bn::Init::kGlorot;
  s.model.seed = 42;
  s.noise = {bn::NoiseType::kSaltPepper, 0.15f};
  s.tab = bn_app::SideTab::kAnomaly;
  s.brush = bn_app::BrushTool::kErase;
  s.theme = bn_app::Theme::kLight;
  s.ui_scale = 1.5f;
  s.embed = true;
  s.panels = {"draw", "reconstruction"};
  s.controls = false;
  s.lesson = "codes";
  REQUIRE_NOTHROW(bn::validate(s.model));

  const std::string text = to_text(s);
  CHECK(text ==
        "preset=AE%20vs%20PCA&data=fashion&model=conv&hidden=512,64,16&channels=8,24&latent=10&act=tanh&loss=mse"
        "&beta=0.5&sparsity=kl&lambda=0.002&rho=0.1&train_noise=mask&train_level=7&opt=sgd&lr=0.05&momentum=0.95"
        "&batch=32&init=glorot&seed=42&noise=salt_pepper&level=0.15&tab=anomaly&brush=erase&theme=light&scale=1.5"
        "&embed=1&controls=0&panels=draw,reconstruction&lesson=codes");
  CHECK(round_trips(s));
  // The keys in any order read the same: a level before its noise type, the kind after the latent.
  CHECK(parse_settings("level=0.15&noise=salt_pepper").settings.noise.level == 0.15f);
  CHECK(parse_settings("#latent=700&model=pca").settings.model.latent == 700);
}

TEST_CASE("settings: each preset's settings come back", "[settings]") {
  REQUIRE(bn_app::presets().size() >= 8);
  for (const bn_app::Preset& preset : bn_app::presets()) {
    INFO(preset.name);
    const Settings s = preset_settings(preset);
    REQUIRE_NOTHROW(bn::validate(s.model));
    CHECK(round_trips(s));
    const std::string text = to_text(s);
    if (std::string(preset.name) == bn_app::kDefaultPreset) {
      CHECK(text == "");  // the first visit is the Denoising preset
    } else {
      std::string name = preset.name;
      for (size_t at; (at = name.find(' ')) != std::string::npos;) name.replace(at, 1, "%20");
      CHECK(text.rfind("preset=" + name + "&", 0) == 0);
    }
  }
}

TEST_CASE("settings: floats in their shortest form, and back to the same float", "[settings]") {
  Settings s;
  s.model.learning_rate = 0.0003f;
  s.noise.level = 0.35f;
  CHECK(to_text(s) == "lr=0.0003&level=0.35");
  CHECK(round_trips(s));

  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) {
    s.model.learning_rate = std::pow(10.0f, any_float(rng, -9, 1));
    s.model.momentum = any_float(rng, 0, 0.998f);
    s.noise.level = any_float(rng, 0, 10);
    const std::string text = to_text(s);
    INFO(text);
    REQUIRE(round_trips(s));
    // Never longer than the nine digits that always suffice.
    char nine[32];
    std::snprintf(nine, sizeof nine, "%.9g", s.noise.level);
    const size_t level_at = text.find("level=") + 6;
    CHECK(text.size() - level_at <= std::string(nine).size());
  }
}

TEST_CASE("settings: numbers out of range are clamped, and listed", "[settings]") {
  ParsedSettings parsed = parse_settings("scale=9");
  CHECK(parsed.settings.ui_scale == 3.0f);
  CHECK(parsed.ignored == std::vector<std::string>{"scale=9: clamped to 3"});
  CHECK(parse_settings("scale=0.1").settings.ui_scale == 1.0f);
  CHECK(ignored_by("scale=1.3") == std::vector<std::string>{"scale=1.3: rounded to 1.25"});
  CHECK(parse_settings("scale=1.3").settings.ui_scale == 1.25f);

  parsed = parse_settings("level=50");  // Gaussian: σ at most 10
  CHECK(parsed.settings.noise.level == 10.0f);
  CHECK(parsed.ignored == std::vector<std::string>{"level=50: clamped to 10"});
  CHECK(parse_settings("noise=salt_pepper&level=2").settings.noise.level == 1.0f);
  CHECK(parse_settings("noise=mask&level=40").settings.noise.level == 28.0f);
  CHECK(parse_settings("noise=mask&level=3.4").settings.noise.level == 3.0f);
  CHECK(ignored_by("noise=mask&level=3.4") == std::vector<std::string>{"level=3.4: rounded to 3"});
  CHECK(parse_settings("level=-1").settings.noise.level == 0.0f);
  CHECK(parse_settings("model=ae&train_noise=blur&train_level=1e999").settings.model.noise.level == 10.0f);

  parsed = parse_settings("hidden=99999999");
  CHECK(parsed.settings.model.hidden == std::vector<int>{4096});
  CHECK(parsed.ignored == std::vector<std::string>{"hidden=99999999: clamped to 4096"});
  CHECK(parse_settings("hidden=300,0,99999999999999999999999").settings.model.hidden == std::vector<int>{300, 1, 4096});
  CHECK(parse_settings("latent=99999").settings.model.latent == 4096);
  CHECK(ignored_by("model=pca&latent=4096") == std::vector<std::string>{"latent=4096: clamped to 784"});
  CHECK(parse_settings("batch=0").settings.model.batch_size == 1);
  CHECK(parse_settings("channels=-3,1000").settings.model.channels == std::vector<int>{1, 256});
  CHECK(parse_settings("lr=100").settings.model.learning_rate == 10.0f);
  CHECK(parse_settings("beta=1e9").settings.model.beta == 1000.0f);
  CHECK(parse_settings("seed=-5").settings.model.seed == 0);
  CHECK(parse_settings("seed=99999999999999999999999").settings.model.seed == UINT64_MAX);
  const float momentum = parse_settings("momentum=1").settings.model.momentum;
  CHECK(momentum > 0.998f);
  CHECK_NOTHROW(bn::validate(parse_settings("momentum=1").settings.model));  // 0.999f is above 0.999

  for (const char* text : {"scale=9", "level=50", "hidden=99999999", "model=pca&latent=4096", "momentum=0.999",
                           "noise=mask&level=3.4", "seed=-5", "lr=1e999"}) {
    INFO(text);
    check_sound(parse_settings(text));
  }
}

TEST_CASE("settings: the ranges are bn::validate's, to the last value", "[settings]") {
  struct Limit {
    const char* text;      // the largest value that is taken as written
    bn::ModelConfig past;  // one beyond it, which the core refuses
  };
  bn::ModelConfig wide, latent, batch, channels, layers;
  wide.hidden = {4097};
  latent.latent = 4097;
  batch.batch_size = 4097;
  channels.kind = bn::ModelKind::kConv;
  channels.channels = {257, 1};
  layers.hidden = std::vector<int>(9, 16);
  const Limit limits[] = {{"hidden=4096", wide},
                          {"latent=4096", latent},
                          {"batch=4096", batch},
                          {"model=conv&channels=256,1", channels},
                          {"hidden=16,16,16,16,16,16,16,16", layers}};
  for (const Limit& limit : limits) {
    INFO(limit.text);
    const ParsedSettings parsed = parse_settings(limit.text);
    CHECK(parsed.ignored.empty());
    CHECK(to_text(parsed.settings) == limit.text);
    CHECK_THROWS(bn::validate(limit.past));
  }
  CHECK(ignored_by("hidden=16,16,16,16,16,16,16,16,16") ==
        std::vector<std::string>{"hidden=16,16,16,16,16,16,16,16,16: at most 8 hidden layers"});
}

TEST_CASE("settings: what cannot be read is left out and listed, in the text's order", "[settings]") {
  CHECK(ignored_by("foo=1") == std::vector<std::string>{"foo=1: unknown key"});
  CHECK(ignored_by("=5") == std::vector<std::string>{"=5: no key"});
  CHECK(ignored_by("latent=abc") == std::vector<std::string>{"latent=abc: not a whole number"});
  CHECK(ignored_by("latent=2.5") == std::vector<std::string>{"latent=2.5: not a whole number"});
  CHECK(ignored_by("latent") == std::vector<std::string>{"latent: not a whole number"});
  CHECK(ignored_by("lr=fast") == std::vector<std::string>{"lr=fast: not a number"});
  CHECK(ignored_by("lr=nan") == std::vector<std::string>{"lr=nan: not a number"});
  CHECK(ignored_by("lr=0") == std::vector<std::string>{"lr=0: must be above 0"});
  CHECK(ignored_by("rho=1") == std::vector<std::string>{"rho=1: must be below 1"});
  CHECK(ignored_by("tab=foo") ==
        std::vector<std::string>{"tab=foo: no such tab (training, latent, generate, anomaly, features, compression)"});
  CHECK(ignored_by("model=gan") ==
        std::vector<std::string>{"model=gan: no such model kind (ae, sparse, denoise, vae, conv, pca)"});
  CHECK(ignored_by("noise=pink") ==
        std::vector<std::string>{"noise=pink: no such noise type (none, gaussian, salt_pepper, mask, blur)"});
  CHECK(ignored_by("data=cifar") == std::vector<std::string>{"data=cifar: no such data set (mnist, fashion, yours)"});
  CHECK(ignored_by("embed=maybe") == std::vector<std::string>{"embed=maybe: not 1 or 0"});
  CHECK(ignored_by("hidden=256,,128") ==
        std::vector<std::string>{"hidden=256,,128: not whole numbers separated by commas, like 256,128"});
  CHECK(ignored_by("channels=16") == std::vector<std::string>{"channels=16: not two channel counts, like 16,32"});
  CHECK(ignored_by("latent=%zz") == std::vector<std::string>{"latent=%zz: a broken percent escape"});
  CHECK(ignored_by("lesson=ab%4") == std::vector<std::string>{"lesson=ab%4: a broken percent escape"});
  const std::vector<std::string> preset = ignored_by("preset=Nope");
  REQUIRE(preset.size() == 1);
  CHECK(preset[0].rfind("preset=Nope: no such preset (Undercomplete, Sparse, Denoising, VAE 2-D, ", 0) == 0);

  // A bad value keeps the default; the good ones around it are taken; the list follows the text.
  const ParsedSettings parsed = parse_settings("?tab=foo&latent=abc&scale=2&lesson=%ZZ&lr=0.01");
  CHECK(parsed.settings.tab == bn_app::SideTab::kTraining);
  CHECK(parsed.settings.model.latent == 32);
  CHECK(parsed.settings.ui_scale == 2.0f);
  CHECK(parsed.settings.lesson == "");
  CHECK(parsed.settings.model.learning_rate == 0.01f);
  REQUIRE(parsed.ignored.size() == 3);
  CHECK(parsed.ignored[0].rfind("tab=foo: ", 0) == 0);
  CHECK(parsed.ignored[1].rfind("latent=abc: ", 0) == 0);
  CHECK(parsed.ignored[2].rfind("lesson=%ZZ: ", 0) == 0);

  // What the core refuses as a whole: a denoising model must train on some noise.
  const ParsedSettings clean = parse_settings("train_noise=none");
  CHECK(clean.settings.model.noise.type == bn::NoiseType::kGaussian);
  REQUIRE(clean.ignored.size() == 1);
  CHECK(clean.ignored[0].find("denoising") != std::string::npos);
  CHECK(parse_settings("model=ae&train_noise=none").settings.model.noise.type == bn::NoiseType::kNone);
}

TEST_CASE("settings: friendly spellings of a link", "[settings]") {
  CHECK(parse_settings("#latent=2").settings.model.latent == 2);
  CHECK(parse_settings("?latent=2").settings.model.latent == 2);
  CHECK(parse_settings("latent=3&latent=5").settings.model.latent == 5);  // the last one counts
  CHECK(parse_settings("latent=3&latent=5").ignored.empty());
  CHECK(parse_settings("preset=AE+vs+PCA").settings.preset == "AE vs PCA");  // as URLSearchParams writes it
  CHECK(parse_settings("preset=ae%20VS%20pca").settings.preset == "AE vs PCA");
  CHECK(parse_settings("tab=LATENT").settings.tab == bn_app::SideTab::kLatent);
  CHECK(parse_settings("hidden=256%2C128").settings.model.hidden == std::vector<int>{256, 128});
  CHECK(parse_settings("panels=draw,,noise,").settings.panels == std::vector<std::string>{"draw", "noise"});
  const ParsedSettings bare = parse_settings("embed&controls=0");
  CHECK(bare.settings.embed);
  CHECK_FALSE(bare.settings.controls);
  CHECK(bare.ignored.empty());
}

TEST_CASE("settings: garbage bytes never throw, and are shown escaped", "[settings]") {
  std::string every_byte;
  for (int c = 0; c < 256; ++c) every_byte += static_cast<char>(c);
  const std::string texts[] = {every_byte,
                               "lesson=" + every_byte,
                               std::string("\xff\x00=\x01&latent=\x80", 13),
                               "%",
                               "%%",
                               "=",
                               "==&&==",
                               "&=&",
                               std::string(10000, '&'),
                               "hidden=" + std::string(5000, '9'),
                               "lr=" + std::string(400, '9')};
  for (const std::string& text : texts) {
    ParsedSettings parsed;
    REQUIRE_NOTHROW(parsed = parse_settings(text));
    check_sound(parsed);
  }
  const ParsedSettings garbage = parse_settings(std::string("\xff\x00=\x01&latent=\x80", 13));
  CHECK(garbage.ignored == std::vector<std::string>{"%FF%00=%01: unknown key", "latent=%80: not a whole number"});
}

TEST_CASE("settings: random text always reads as sound settings", "[settings]") {
  // Pieces of real links among random bytes, so the fuzz reaches past the first check.
  const std::vector<std::string> pieces = {
      "&",        "=",      "%",           "%2",          "%20",     "+",     ",",           "-",     ".",
      "e",        "0",      "1",           "9",           "28",      "4096",  "99999999999", "0.25",  "preset",
      "data",     "model",  "hidden",      "channels",    "latent",  "act",   "loss",        "beta",  "sparsity",
      "lambda",   "rho",    "train_noise", "train_level", "opt",     "lr",    "momentum",    "batch", "init",
      "seed",     "noise",  "level",       "tab",         "brush",   "theme", "scale",       "embed", "controls",
      "panels",   "lesson", "pca",         "conv",        "denoise", "none",  "mask",        "blur",  "salt_pepper",
      "gaussian", "latent", "Sparse",      "light",       "hide"};
  std::mt19937 rng(20240531);
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    const int length = static_cast<int>(rng() % 24);
    for (int k = 0; k < length; ++k)
      text += rng() % 5 == 0 ? std::string(1, static_cast<char>(rng() % 256)) : pieces[rng() % pieces.size()];
    ParsedSettings parsed;
    REQUIRE_NOTHROW(parsed = parse_settings(text));
    check_sound(parsed);
  }
}

TEST_CASE("settings: random valid settings come back unchanged", "[settings]") {
  std::mt19937 rng(11);
  for (int i = 0; i < 2000; ++i) {
    const Settings s = any_settings(rng);
    INFO(to_text(s));
    const ParsedSettings back = parse_settings(to_text(s));
    REQUIRE(back.ignored.empty());
    REQUIRE(back.settings == s);
  }
}

// Links found to break the page (issue 29): 10,000 panel names in 20 KB, and a megabyte of
// unknown keys. Each reads in linear time and makes one short notice.
TEST_CASE("settings: a link of any length makes one short notice", "[settings][hostile]") {
  std::string panels = "panels=";
  for (int i = 0; i < 10000; ++i) panels += i ? ",a" : "a";
  std::string unknown;
  while (unknown.size() < (1u << 20)) unknown += "k" + std::to_string(unknown.size()) + "=%01%FF&";
  for (const std::string& text : {unknown, panels + "&" + unknown}) {
    const ParsedSettings parsed = parse_settings(text);
    check_sound(parsed);
    const std::string note = bn_app::link_note(parsed.ignored);
    CHECK(note.size() < 400);
    CHECK(note.find("more.") != std::string::npos);
    CHECK(std::all_of(note.begin(), note.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; }));
  }
  // Panel names are the UI's to know (ui/link.cpp keeps each known one once, and notes the rest).
  CHECK(parse_settings(panels).settings.panels.size() == 10000);
}

TEST_CASE("settings: the link note lists five parts, then a count", "[settings][hostile]") {
  CHECK(bn_app::link_note({}).empty());
  CHECK(bn_app::link_note({"a"}) == "Parts of the link were ignored or changed: a.");
  CHECK(bn_app::link_note({"a", "b", "c", "d", "e", "f", "g"}) ==
        "Parts of the link were ignored or changed: a; b; c; d; e; and 2 more.");
  CHECK(bn_app::link_note({"a", "a", "b", "a", "c", "d", "e", "f", "g"}) ==
        "Parts of the link were ignored or changed: a (3 times); b; c; d; e; and 2 more.");
  CHECK(bn_app::link_note(std::vector<std::string>(10000, "a")) ==
        "Parts of the link were ignored or changed: a (10000 times).");
  CHECK(bn_app::shown_in_message(std::string(100, 'x')) == std::string(40, 'x') + "...");
  CHECK(bn_app::shown_in_message("a\x01<b>\xff") == "a%01<b>%FF");
}
