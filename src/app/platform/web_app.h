// The page's one App, for the page API (src/bindings/page_api.cpp).
#pragma once

#include "app/platform/app.h"

namespace bn_app {

App& web_app();

}  // namespace bn_app
