// Index of this file:
// [SECTION] Text: percent-encoding, numbers and messages
// [SECTION] Reading one value: a verdict of taken, changed or refused
// [SECTION] The fields, in the order the text writes them
// [SECTION] Settings
#include "app/session/settings.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iterator>
#include <limits>
#include <optional>
#include <utility>

#include "app/session/dataset_catalog.h"

namespace bn_app {

namespace {

// bn::validate's limits, from the core.
using bn::kMaxBatchSize;
using bn::kMaxChannels;
using bn::kMaxHiddenLayers;
using bn::kMaxLayerWidth;

// -----------------------------------------------------------------------------------------------
// [SECTION] Text: percent-encoding, numbers and messages
// -----------------------------------------------------------------------------------------------

// RFC 3986's unreserved characters, and ',' so lists stay readable.
bool written_as_is(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~' || c == ',';
}

std::string escaped(unsigned char c) {
  static const char kHex[] = "0123456789ABCDEF";
  return {'%', kHex[c >> 4], kHex[c & 15]};
}

std::string percent_encode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) out += written_as_is(c) ? std::string(1, static_cast<char>(c)) : escaped(c);
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Nothing for a '%' without two hex digits. '+' is a space, as JavaScript's URLSearchParams writes one.
std::optional<std::string> percent_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i] == '+' ? ' ' : text[i];
      continue;
    }
    const int high = i + 2 < text.size() ? hex_digit(text[i + 1]) : -1;
    const int low = high >= 0 ? hex_digit(text[i + 2]) : -1;
    if (low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

std::string printable(const std::string& text) {
  constexpr size_t kMaxShown = 40;
  std::string out;
  for (unsigned char c : text) {
    if (out.size() >= kMaxShown) return out + "...";
    out += c >= 0x20 && c < 0x7f ? std::string(1, static_cast<char>(c)) : escaped(c);
  }
  return out;
}

std::string lower_case(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

std::string join(const std::vector<std::string>& words, const char* separator) {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : separator) + word;
  return out;
}

std::string join(const std::vector<int>& numbers) {
  std::vector<std::string> words;
  for (int n : numbers) words.push_back(std::to_string(n));
  return join(words, ",");
}

// The shortest text that reads back as the same float: 0.35f is "0.35", not "0.349999994".
std::string format_float(float value) {
  char text[32];
  for (int precision = 1; precision <= 9; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, value);
    if (std::strtof(text, nullptr) == value) break;
  }
  std::string out = text;
  size_t digit = out.find('e');
  if (digit == std::string::npos) return out;
  // 10 as "10", not "1e+01"; the value is whole then, so no digit is lost.
  if (std::fabs(value) >= 1.0f && std::fabs(value) < 1e7f) {
    std::snprintf(text, sizeof text, "%.0f", value);
    return text;
  }
  // "1e-05" as "1e-5", and "1e+20" as "1e20": shorter, and no '+' to escape.
  ++digit;
  if (out[digit] == '+') out.erase(digit, 1);
  if (out[digit] == '-') ++digit;
  while (digit + 1 < out.size() && out[digit] == '0') out.erase(digit, 1);
  return out;
}

// A decimal number: "0.35", "-2", "1e-5". An overflow reads as an infinity, which a range clamps.
std::optional<float> parse_float(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789+-.eE") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  const float value = std::strtof(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return value;
}

// A whole number whose magnitude saturates, so that a huge one is clamped rather than wrapped.
struct Whole {
  bool negative = false;
  uint64_t magnitude = 0;
  bool saturated = false;
};

std::optional<Whole> parse_whole(const std::string& text) {
  Whole whole;
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) whole.negative = text[i++] == '-';
  if (i == text.size()) return std::nullopt;
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const uint64_t digit = static_cast<uint64_t>(text[i] - '0');
    whole.saturated = whole.saturated || whole.magnitude > (kMax - digit) / 10;
    whole.magnitude = whole.saturated ? kMax : whole.magnitude * 10 + digit;
  }
  return whole;
}

// `whole` clamped to [low, high], where 0 <= low: the ranges here are sizes and counts.
int clamp_whole(const Whole& whole, int low, int high) {
  if (whole.negative || whole.magnitude < static_cast<uint64_t>(low)) return low;
  return whole.magnitude > static_cast<uint64_t>(high) ? high : static_cast<int>(whole.magnitude);
}

bool is_exactly(const Whole& whole, uint64_t value) {
  return !whole.saturated && whole.magnitude == value && (!whole.negative || value == 0);
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Reading one value: a verdict of taken, changed or refused
// -----------------------------------------------------------------------------------------------

struct Verdict {
  bool taken = true;
  std::string note;  // why the value was refused, or how it was changed; "" when taken as written
};

Verdict refused(std::string why) { return {false, std::move(why)}; }
Verdict changed(std::string how) { return {true, std::move(how)}; }

Verdict read_int(const std::string& text, int low, int high, int& out) {
  const std::optional<Whole> whole = parse_whole(text);
  if (!whole) return refused("not a whole number");
  out = clamp_whole(*whole, low, high);
  return is_exactly(*whole, static_cast<uint64_t>(out)) ? Verdict{} : changed("clamped to " + std::to_string(out));
}

Verdict read_seed(const std::string& text, uint64_t& seed) {
  const std::optional<Whole> whole = parse_whole(text);
  if (!whole) return refused("not a whole number");
  seed = whole->negative ? 0 : whole->magnitude;
  return is_exactly(*whole, seed) ? Verdict{} : changed("clamped to " + std::to_string(seed));
}

// "256,128", each clamped to [low, high]; "" is none. Counts are the caller's business.
Verdict read_ints(const std::string& text, int low, int high, std::vector<int>& out) {
  std::vector<int> numbers;
  bool clamped = false;
  for (size_t start = 0; !text.empty() && start <= text.size();) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::optional<Whole> whole = parse_whole(text.substr(start, comma - start));
    if (!whole) return refused("not whole numbers separated by commas, like 256,128");
    numbers.push_back(clamp_whole(*whole, low, high));
    clamped = clamped || !is_exactly(*whole, static_cast<uint64_t>(numbers.back()));
    start = comma + 1;
  }
  out = std::move(numbers);
  return clamped ? changed("clamped to " + join(out)) : Verdict{};
}

struct FloatRange {
  double low, high;
  bool low_open = false, high_open = false;  // the bound itself is out
};

// A float within [low, high]: 0.999 as a float is just above 0.999, which bn::validate refuses.
float clamp_float(float value, double low, double high) {
  float clamped = static_cast<float>(value < low ? low : high);
  while (clamped > high) clamped = std::nextafter(clamped, -std::numeric_limits<float>::infinity());
  while (clamped < low) clamped = std::nextafter(clamped, std::numeric_limits<float>::infinity());
  return clamped;
}

Verdict read_float(const std::string& text, const FloatRange& range, float& out) {
  const std::optional<float> value = parse_float(text);
  if (!value) return refused("not a number");
  if (range.low_open && *value <= range.low)
    return refused("must be above " + format_float(static_cast<float>(range.low)));
  if (range.high_open && *value >= range.high)
    return refused("must be below " + format_float(static_cast<float>(range.high)));
  if (*value >= range.low && *value <= range.high) {
    out = *value;
    return {};
  }
  out = clamp_float(*value, range.low, range.high);
  return changed("clamped to " + format_float(out));
}

// A noise level within what its type allows, in whole pixels for a mask (see bn::validate).
Verdict read_level(const std::string& text, bn::Noise& noise) {
  FloatRange range{-FLT_MAX, FLT_MAX};  // kNone: any level means nothing
  switch (noise.type) {
    case bn::NoiseType::kNone: break;
    case bn::NoiseType::kGaussian: range = {0, 10}; break;
    case bn::NoiseType::kSaltPepper: range = {0, 1}; break;
    case bn::NoiseType::kMaskBlock: range = {0, Drawing::kSide}; break;
    case bn::NoiseType::kBlur: range = {0, 10}; break;
  }
  Verdict verdict = read_float(text, range, noise.level);
  if (verdict.taken && noise.type == bn::NoiseType::kMaskBlock && noise.level != std::round(noise.level)) {
    noise.level = std::round(noise.level);
    verdict.note = "rounded to " + format_float(noise.level);
  }
  return verdict;
}

// The names an enum's values go by, in order. The core's name functions say "?" past the last
// value, except noise_type_name, which says "none" again.
template <typename Enum>
std::vector<std::string> names_of(const char* (*name_of)(Enum)) {
  std::vector<std::string> names;
  for (int i = 0; i < 64; ++i) {
    const std::string name = name_of(static_cast<Enum>(i));
    if (name == "?" || std::find(names.begin(), names.end(), name) != names.end()) break;
    names.push_back(name);
  }
  return names;
}

template <typename Enum>
Verdict read_name(const std::string& text, const char* what, const char* (*name_of)(Enum), Enum& out) {
  const std::vector<std::string> names = names_of(name_of);
  for (size_t i = 0; i < names.size(); ++i)
    if (text == names[i]) {
      out = static_cast<Enum>(i);
      return {};
    }
  return refused(std::string("no such ") + what + " (" + join(names, ", ") + ")");
}

// A noise type brings its typical level; a `level` key, read after it, may change that.
Verdict read_noise_type(const std::string& text, bn::Noise& noise) {
  bn::NoiseType type = noise.type;
  Verdict verdict = read_name(text, "noise type", bn::noise_type_name, type);
  if (verdict.taken) noise = bn::typical_noise(type);
  return verdict;
}

Verdict read_bool(const std::string& text, bool& out) {
  // A bare `embed`, without '=', reads as "embed=".
  if (text.empty() || text == "1" || text == "true" || text == "yes" || text == "on") {
    out = true;
    return {};
  }
  if (text == "0" || text == "false" || text == "no" || text == "off") {
    out = false;
    return {};
  }
  return refused("not 1 or 0");
}

const char* theme_name(Theme theme) {
  switch (theme) {
    case Theme::kDark: return "dark";
    case Theme::kLight: return "light";
  }
  return "?";
}

Verdict read_tab(const std::string& text, SideTab& tab) {
  if (std::optional<SideTab> found = find_tab(text)) {
    tab = *found;
    return {};
  }
  std::vector<std::string> names;
  for (const TabInfo& info : kTabs) names.push_back(tab_key(info.tab));
  return refused("no such tab (" + join(names, ", ") + ")");
}

// Any letter case, as a person might type it; the preset's own spelling is kept.
Verdict read_preset(const std::string& text, std::string& preset) {
  if (text.empty()) {
    preset.clear();
    return {};
  }
  std::vector<std::string> names;
  for (const Preset& candidate : presets()) {
    if (lower_case(candidate.name) == lower_case(text)) {
      preset = candidate.name;
      return {};
    }
    names.push_back(candidate.name);
  }
  return refused("no such preset (" + join(names, ", ") + ")");
}

Verdict read_dataset(const std::string& text, std::string& dataset) {
  if (find_dataset(text)) {
    dataset = text;
    return {};
  }
  std::vector<std::string> ids;
  for (const DatasetInfo& info : kDatasets) ids.push_back(info.id);
  return refused("no such data set (" + join(ids, ", ") + ")");
}

Verdict read_hidden(const std::string& text, std::vector<int>& hidden) {
  std::vector<int> widths;
  Verdict verdict = read_ints(text, 1, kMaxLayerWidth, widths);
  if (!verdict.taken) return verdict;
  if (widths.size() > static_cast<size_t>(kMaxHiddenLayers))
    return refused("at most " + std::to_string(kMaxHiddenLayers) + " hidden layers");
  hidden = std::move(widths);
  return verdict;
}

Verdict read_channels(const std::string& text, std::vector<int>& channels) {
  std::vector<int> counts;
  Verdict verdict = read_ints(text, 1, kMaxChannels, counts);
  if (!verdict.taken) return verdict;
  if (counts.size() != 2) return refused("not two channel counts, like 16,32");
  channels = std::move(counts);
  return verdict;
}

Verdict read_latent(const std::string& text, bn::ModelConfig& model) {
  const int most = model.kind == bn::ModelKind::kPca ? std::min(kMaxLayerWidth, model.input_size()) : kMaxLayerWidth;
  return read_int(text, 1, most, model.latent);
}

Verdict read_scale(const std::string& text, float& scale) {
  const std::optional<float> value = parse_float(text);
  if (!value) return refused("not a number");
  const float steps = std::round(std::clamp(*value, Settings::kMinScale, Settings::kMaxScale) / Settings::kScaleStep);
  scale = steps * Settings::kScaleStep;
  if (scale == *value) return {};
  const bool inside = *value >= Settings::kMinScale && *value <= Settings::kMaxScale;
  return changed((inside ? "rounded to " : "clamped to ") + format_float(scale));
}

// Empty names are skipped, so a trailing comma does no harm.
Verdict read_panels(const std::string& text, std::vector<std::string>& panels) {
  panels.clear();
  for (size_t start = 0; start <= text.size();) {
    const size_t comma = std::min(text.find(',', start), text.size());
    if (comma > start) panels.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return {};
}

// -----------------------------------------------------------------------------------------------
// [SECTION] The fields, in the order the text writes them
// -----------------------------------------------------------------------------------------------
// The order matters where one value bounds another: the model's kind comes before its latent size
// (PCA keeps at most 784 components), and a noise type before its level.

struct Field {
  const char* key;
  std::string (*write)(const Settings&);
  Verdict (*read)(Settings&, const std::string&);
};

// Short names, so that each field's writer and reader fit on two lines.
using S = Settings;
using Text = const std::string&;

const Field kFields[] = {
    {"preset", [](const S& s) { return s.preset; }, [](S& s, Text v) { return read_preset(v, s.preset); }},
    {"data", [](const S& s) { return s.dataset; }, [](S& s, Text v) { return read_dataset(v, s.dataset); }},
    {"model", [](const S& s) -> std::string { return bn::kind_name(s.model.kind); },
     [](S& s, Text v) { return read_name(v, "model kind", bn::kind_name, s.model.kind); }},
    {"hidden", [](const S& s) { return join(s.model.hidden); },
     [](S& s, Text v) { return read_hidden(v, s.model.hidden); }},
    {"channels", [](const S& s) { return join(s.model.channels); },
     [](S& s, Text v) { return read_channels(v, s.model.channels); }},
    {"latent", [](const S& s) { return std::to_string(s.model.latent); },
     [](S& s, Text v) { return read_latent(v, s.model); }},
    {"act", [](const S& s) -> std::string { return bn::activation_name(s.model.activation); },
     [](S& s, Text v) { return read_name(v, "activation", bn::activation_name, s.model.activation); }},
    {"loss", [](const S& s) -> std::string { return bn::loss_name(s.model.loss); },
     [](S& s, Text v) { return read_name(v, "loss", bn::loss_name, s.model.loss); }},
    {"beta", [](const S& s) { return format_float(s.model.beta); },
     [](S& s, Text v) {
       return read_float(v, {0, 1000}, s.model.beta);
     }},
    {"sparsity", [](const S& s) -> std::string { return bn::sparsity_name(s.model.sparsity); },
     [](S& s, Text v) { return read_name(v, "sparsity penalty", bn::sparsity_name, s.model.sparsity); }},
    {"lambda", [](const S& s) { return format_float(s.model.lambda); },
     [](S& s, Text v) {
       return read_float(v, {0, 100}, s.model.lambda);
     }},
    {"rho", [](const S& s) { return format_float(s.model.rho); },
     [](S& s, Text v) {
       return read_float(v, {0, 1, true, true}, s.model.rho);
     }},
    {"train_noise", [](const S& s) -> std::string { return bn::noise_type_name(s.model.noise.type); },
     [](S& s, Text v) { return read_noise_type(v, s.model.noise); }},
    {"train_level", [](const S& s) { return format_float(s.model.noise.level); },
     [](S& s, Text v) { return read_level(v, s.model.noise); }},
    {"opt", [](const S& s) -> std::string { return bn::optimizer_name(s.model.optimizer); },
     [](S& s, Text v) { return read_name(v, "optimizer", bn::optimizer_name, s.model.optimizer); }},
    {"lr", [](const S& s) { return format_float(s.model.learning_rate); },
     [](S& s, Text v) {
       return read_float(v, {0, 10, true, false}, s.model.learning_rate);
     }},
    {"momentum", [](const S& s) { return format_float(s.model.momentum); },
     [](S& s, Text v) {
       return read_float(v, {0, 0.999}, s.model.momentum);
     }},
    {"batch", [](const S& s) { return std::to_string(s.model.batch_size); },
     [](S& s, Text v) { return read_int(v, 1, kMaxBatchSize, s.model.batch_size); }},
    {"init", [](const S& s) -> std::string { return bn::init_name(s.model.init); },
     [](S& s, Text v) { return read_name(v, "initialisation", bn::init_name, s.model.init); }},
    {"seed", [](const S& s) { return std::to_string(s.model.seed); },
     [](S& s, Text v) { return read_seed(v, s.model.seed); }},
    {"noise", [](const S& s) -> std::string { return bn::noise_type_name(s.noise.type); },
     [](S& s, Text v) { return read_noise_type(v, s.noise); }},
    {"level", [](const S& s) { return format_float(s.noise.level); },
     [](S& s, Text v) { return read_level(v, s.noise); }},
    {"tab", [](const S& s) { return tab_key(s.tab); }, [](S& s, Text v) { return read_tab(v, s.tab); }},
    {"brush", [](const S& s) -> std::string { return brush_name(s.brush); },
     [](S& s, Text v) { return read_name(v, "brush", brush_name, s.brush); }},
    {"theme", [](const S& s) -> std::string { return theme_name(s.theme); },
     [](S& s, Text v) { return read_name(v, "theme", theme_name, s.theme); }},
    {"scale", [](const S& s) { return format_float(s.ui_scale); },
     [](S& s, Text v) { return read_scale(v, s.ui_scale); }},
    {"embed", [](const S& s) -> std::string { return s.embed ? "1" : "0"; },
     [](S& s, Text v) { return read_bool(v, s.embed); }},
    {"controls", [](const S& s) -> std::string { return s.controls ? "1" : "0"; },
     [](S& s, Text v) { return read_bool(v, s.controls); }},
    {"panels", [](const S& s) { return join(s.panels, ","); }, [](S& s, Text v) { return read_panels(v, s.panels); }},
    {"lesson", [](const S& s) { return s.lesson; },
     [](S& s, Text v) -> Verdict {
       s.lesson = v;
       return {};
     }},
};

// The keys of the model's config: "model" to "seed" in kFields.
bool is_model_key(const std::string& key) {
  const auto at = [](const char* name) {
    return std::find_if(std::begin(kFields), std::end(kFields),
                        [&](const Field& f) { return name == std::string(f.key); });
  };
  const auto field = at(key.c_str());
  return field >= at("model") && field <= at("seed");
}

// Applies one key, unless the result is something the core refuses (a denoising model trained
// without noise): then `settings` stays as it was, and the verdict says why.
Verdict apply_field(Settings& settings, const Field& field, const std::string& value) {
  Settings trial = settings;
  Verdict verdict = field.read(trial, value);
  if (!verdict.taken) return verdict;
  try {
    bn::validate(trial.model);
    bn::validate(trial.noise, Drawing::kSide);
  } catch (const std::exception& e) {
    return refused(e.what());
  }
  settings = std::move(trial);
  return verdict;
}

// One `key=value` of the text, decoded.
struct Pair {
  size_t at;                              // where it starts in the text, to list what was ignored in that order
  std::string shown;                      // as a message shows it: "latent=abc"
  std::optional<std::string> key, value;  // nothing when the escapes are broken
};

std::vector<Pair> split_pairs(const std::string& text) {
  std::vector<Pair> pairs;
  const size_t first = !text.empty() && (text[0] == '?' || text[0] == '#') ? 1 : 0;
  for (size_t start = first; start <= text.size();) {
    const size_t end = std::min(text.find('&', start), text.size());
    const std::string piece = text.substr(start, end - start);
    if (!piece.empty()) {
      const size_t equals = piece.find('=');
      Pair pair{start, printable(piece), percent_decode(piece.substr(0, equals)), std::string()};
      if (equals != std::string::npos) pair.value = percent_decode(piece.substr(equals + 1));
      if (pair.key && pair.value)
        pair.shown = printable(*pair.key) + (equals == std::string::npos ? "" : "=" + printable(*pair.value));
      pairs.push_back(std::move(pair));
    }
    start = end + 1;
  }
  return pairs;
}

}  // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] Settings
// -----------------------------------------------------------------------------------------------

bn::ModelConfig first_visit_model() {
  bn::ModelConfig model;
  model.kind = bn::ModelKind::kDenoising;
  model.noise = bn::typical_noise(bn::NoiseType::kGaussian);
  return model;
}

bool operator==(const Settings& a, const Settings& b) {
  return a.model == b.model && a.preset == b.preset && a.dataset == b.dataset && a.noise.type == b.noise.type &&
         a.noise.level == b.noise.level && a.tab == b.tab && a.brush == b.brush && a.theme == b.theme &&
         a.ui_scale == b.ui_scale && a.embed == b.embed && a.panels == b.panels && a.controls == b.controls &&
         a.lesson == b.lesson;
}

bool operator!=(const Settings& a, const Settings& b) { return !(a == b); }

std::string shown_in_message(const std::string& text) { return printable(text); }

std::string link_note(const std::vector<std::string>& ignored) {
  constexpr size_t kListed = 5;
  if (ignored.empty()) return "";
  // Each distinct part once, in the link's order, with how often it came.
  std::vector<std::pair<std::string, size_t>> distinct;
  for (const std::string& part : ignored) {
    const auto seen = std::find_if(distinct.begin(), distinct.end(), [&](const auto& d) { return d.first == part; });
    if (seen != distinct.end()) ++seen->second;
    else if (distinct.size() <= kListed) distinct.emplace_back(part, 1);
  }
  std::string note = "Parts of the link were ignored or changed: ";
  size_t listed = 0;
  for (size_t i = 0; i < std::min(distinct.size(), kListed); ++i) {
    note += (i ? "; " : "") + distinct[i].first;
    if (distinct[i].second > 1) note += " (" + std::to_string(distinct[i].second) + " times)";
    listed += distinct[i].second;
  }
  if (ignored.size() > listed) note += "; and " + std::to_string(ignored.size() - listed) + " more";
  return note + ".";
}

// A key is written when parse_settings, having read the keys before it, would not already have its
// value: so a noise type's typical level, which the type brings, is left out.
std::string to_text(const Settings& settings) {
  Settings reader;
  std::string text;
  for (const Field& field : kFields) {
    const std::string value = field.write(settings);
    if (value == field.write(reader)) continue;
    text += (text.empty() ? "" : "&") + std::string(field.key) + "=" + percent_encode(value);
    apply_field(reader, field, value);
  }
  return text;
}

// Reads every pair first and applies them in kFields' order, so `level=5&noise=mask` means what
// `noise=mask&level=5` does.
ParsedSettings parse_settings(const std::string& text) {
  std::vector<std::pair<size_t, std::string>> notes;  // where in the text, and what was ignored
  std::vector<const Pair*> given(std::size(kFields), nullptr);
  const std::vector<Pair> pairs = split_pairs(text);
  for (const Pair& pair : pairs) {
    const auto field = std::find_if(std::begin(kFields), std::end(kFields),
                                    [&](const Field& f) { return pair.key && *pair.key == f.key; });
    if (!pair.key || !pair.value) notes.emplace_back(pair.at, pair.shown + ": a broken percent escape");
    else if (field == std::end(kFields))
      notes.emplace_back(pair.at, pair.shown + (pair.key->empty() ? ": no key" : ": unknown key"));
    else given[field - std::begin(kFields)] = &pair;
  }
  ParsedSettings parsed;
  for (size_t i = 0; i < given.size(); ++i) {
    if (!given[i]) continue;
    const Verdict verdict = apply_field(parsed.settings, kFields[i], *given[i]->value);
    parsed.model_given = parsed.model_given || (verdict.taken && is_model_key(kFields[i].key));
    if (!verdict.note.empty()) notes.emplace_back(given[i]->at, given[i]->shown + ": " + verdict.note);
  }
  std::stable_sort(notes.begin(), notes.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& note : notes) parsed.ignored.push_back(std::move(note.second));
  return parsed;
}

}  // namespace bn_app
