// R-DISPLAY-2: URL allow/deny patterns are globs over the whole URL.
#include "engine/url_glob.hpp"

#include <doctest/doctest.h>

#include <string>

using vshop::engine_detail::glob_matches;

TEST_CASE("R-DISPLAY-2: a pattern without wildcards matches only the identical URL") {
  CHECK(glob_matches("https://shop.example/cart", "https://shop.example/cart"));
  CHECK_FALSE(glob_matches("/cart", "https://shop.example/cart"));  // no substring match
  CHECK_FALSE(glob_matches("https://shop.example/cart", "https://shop.example/cart/"));
  CHECK_FALSE(glob_matches("https://shop.example/Cart", "https://shop.example/cart"));
  CHECK_FALSE(glob_matches("", "https://shop.example/"));
  CHECK(glob_matches("", ""));
}

TEST_CASE("R-DISPLAY-2: * matches any run of characters, including none") {
  CHECK(glob_matches("*/checkout*", "https://shop.example/checkout"));
  CHECK(glob_matches("*/checkout*", "https://shop.example/checkout/step-2?x=1"));
  CHECK_FALSE(glob_matches("*/checkout*", "https://shop.example/cart"));
  CHECK(glob_matches("https://*.example/p/*", "https://shop.example/p/1"));
  CHECK_FALSE(glob_matches("https://*.example/p/*", "https://shop.example/q/p/1x"));
  CHECK(glob_matches("*", ""));
  CHECK(glob_matches("**a**", "xxaxx"));
  CHECK(glob_matches("*ab", "aab"));  // the retry after a partial match
  CHECK_FALSE(glob_matches("*ab", "aba"));
}

TEST_CASE("R-DISPLAY-2: ? matches exactly one character, a multi-byte one too") {
  CHECK(glob_matches("https://shop.example/p/?", "https://shop.example/p/7"));
  CHECK_FALSE(glob_matches("https://shop.example/p/?", "https://shop.example/p/"));
  CHECK_FALSE(glob_matches("https://shop.example/p/?", "https://shop.example/p/77"));
  CHECK(glob_matches("/caf?", "/caf\xC3\xA9"));  // é is one character of two bytes
  CHECK(glob_matches("*?\xC3\xA9", "ab\xC3\xA9"));
  CHECK_FALSE(glob_matches("/caf??", "/caf\xC3\xA9"));
}

TEST_CASE("R-DISPLAY-2: a hostile pattern finishes quickly") {
  const std::string text(4000, 'a');
  const std::string pattern = std::string(200, '*') + std::string(3000, 'a') + "b";
  CHECK_FALSE(glob_matches(pattern, text));  // bounded by |pattern| * |text| steps
}
