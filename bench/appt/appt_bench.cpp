// Issue 14 part A: URL globs (R-DISPLAY-2) against the substring match they replaced, the RFC
// 5545 card of an appointment (R-APPT-2), and a phone number checked by libphonenumber
// (R-CONTACT-2), each measured in the same run.
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <vector>

#include "engine/ics.hpp"
#include "engine/phone_number.hpp"
#include "engine/url_glob.hpp"

namespace {

const std::vector<std::string> kUrls = {
    "https://shop.example/", "https://shop.example/c/shoes/sneakers?page=2",
    "https://shop.example/p/aurora-sneaker-black-42", "https://shop.example/checkout/payment",
    "https://shop.example/account/orders/NL-10001"};
const std::vector<std::string> kGlobs = {"*/checkout*", "https://shop.example/account/*",
                                         "https://*.example/p/*-42", "*?page=?"};
const std::vector<std::string> kSubstrings = {"/checkout", "/account/", "/p/", "?page="};

void BM_UrlGlob(benchmark::State& state) {
  for (auto _ : state) {
    int hits = 0;
    for (const auto& url : kUrls) {
      for (const auto& p : kGlobs) hits += vshop::engine_detail::glob_matches(p, url) ? 1 : 0;
    }
    benchmark::DoNotOptimize(hits);
  }
  state.SetItemsProcessed(state.iterations() * kUrls.size() * kGlobs.size());
}
BENCHMARK(BM_UrlGlob);

// The peer: the substring match of R-DISPLAY-1 before R-DISPLAY-2.
void BM_UrlSubstring(benchmark::State& state) {
  for (auto _ : state) {
    int hits = 0;
    for (const auto& url : kUrls) {
      for (const auto& p : kSubstrings) hits += url.find(p) != std::string::npos ? 1 : 0;
    }
    benchmark::DoNotOptimize(hits);
  }
  state.SetItemsProcessed(state.iterations() * kUrls.size() * kSubstrings.size());
}
BENCHMARK(BM_UrlSubstring);

void BM_IcsCard(benchmark::State& state) {
  vshop::engine_detail::IcsEvent event;
  event.uid = "c123456-1@vshop";
  event.stamp_ms = 1778745600000;
  event.start_ms = 1780324200000;
  event.end_ms = 1780326000000;
  event.summary = "Anprobe für Größe 42 — Sneaker \"Aurora\", Farbe: Schwarz; bitte Bon mitbringen";
  event.location = "Café „De Hoorn”, Prinsengracht 1; 1015 DZ Amsterdam";
  for (auto _ : state) benchmark::DoNotOptimize(vshop::engine_detail::write_ics(event));
}
BENCHMARK(BM_IcsCard);

void BM_PhoneNumber(benchmark::State& state) {
  const std::string_view numbers[] = {"+31612345678", "+442079460958", "+31012345678"};
  for (auto _ : state) {
    for (std::string_view n : numbers) {
      benchmark::DoNotOptimize(vshop::engine_detail::valid_e164_phone(n));
    }
  }
  state.SetItemsProcessed(state.iterations() * 3);
}
BENCHMARK(BM_PhoneNumber);

}  // namespace

BENCHMARK_MAIN();
