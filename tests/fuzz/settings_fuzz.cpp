// libFuzzer: a link's text (the address's hash) into the playground's settings. Whatever it says,
// the settings are sound (the core accepts the model and the noise), come back unchanged through
// their own text, and make a short notice.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "app/session/settings.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const bn_app::ParsedSettings parsed = bn_app::parse_settings(text);
  bn::validate(parsed.settings.model);
  bn::validate(parsed.settings.noise, 28);
  const bn_app::ParsedSettings again = bn_app::parse_settings(bn_app::to_text(parsed.settings));
  if (again.settings != parsed.settings || !again.ignored.empty()) std::abort();
  if (bn_app::link_note(parsed.ignored).size() > 1000) std::abort();
  return 0;
}
