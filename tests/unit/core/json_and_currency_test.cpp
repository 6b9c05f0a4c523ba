#include <doctest/doctest.h>

#include "core/json_writer.hpp"
#include "vshop/currency.hpp"
#include "vshop/json_text.hpp"

using namespace vshop;

TEST_CASE("reference §11: canonical JSON is compact, ordered, raw UTF-8, escaped controls") {
  JsonWriter w;
  w.begin_object();
  w.key("at").instant(from_epoch_ms(250));
  w.key("effect").string("notify_shopper");
  w.key("shopper").string("chlo\xc3\xa9 \"q\"\n\x01");
  w.key("experts").begin_array();
  w.string("a");
  w.string("b");
  w.end_array();
  w.key("open").boolean(true);
  w.key("n").integer(-3);
  w.key("x").number(52.3702);
  w.key("none").null();
  w.end_object();
  CHECK(w.str() ==
        "{\"at\":\"1970-01-01T00:00:00.250Z\",\"effect\":\"notify_shopper\",\"shopper\":"
        "\"chlo\xc3\xa9 \\\"q\\\"\\n\\u0001\",\"experts\":[\"a\",\"b\"],\"open\":true,\"n\":-3,"
        "\"x\":52.3702,\"none\":null}");
}

TEST_CASE("reference §11: the public json_quote escapes a string exactly as the canonical writer") {
  const std::string_view text = "chlo\xc3\xa9 \"q\"\\\n\x01\x1f";
  JsonWriter w;
  w.string(text);
  CHECK(json_quote(text) == w.str());
  CHECK(json_quote(text) == "\"chlo\xc3\xa9 \\\"q\\\"\\\\\\n\\u0001\\u001f\"");
  std::string out = "x=";
  append_json_string(out, "");
  CHECK(out == "x=\"\"");
}

TEST_CASE("ISO 4217: active codes with their exponents; withdrawn and lower-case are unknown") {
  CHECK(find_currency("EUR")->exponent == 2);
  CHECK(find_currency("JPY")->exponent == 0);
  CHECK(find_currency("KWD")->exponent == 3);
  CHECK(find_currency("XCG").has_value());
  CHECK(find_currency("ZWG").has_value());
  CHECK(find_currency("SLE").has_value());
  CHECK_FALSE(find_currency("sek").has_value());
  CHECK_FALSE(find_currency("DEM").has_value());
  CHECK_FALSE(find_currency("EURO").has_value());
  CHECK_FALSE(find_currency("").has_value());
}
