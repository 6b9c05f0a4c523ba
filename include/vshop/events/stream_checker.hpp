// Cross-document checks over enveloped documents `{"at","session","payload"}` (docs/events.md §2
// "Stream checks"): duplicate_event and category_with_product_view.
#pragma once

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "vshop/events/issue.hpp"
#include "vshop/events/validator.hpp"
#include "vshop/export.hpp"

namespace vshop::events {

// A stream issue for the later of two documents: about the whole payload (path "") or about
// its page location (`/location`, or `/products/0/location` for a product_view).
struct StreamFinding {
  IssueCode code;
  bool at_location;
  std::string message;
};

// Remembers what each session sent; feed it documents in input order.
class VSHOP_API StreamChecker {
 public:
  std::vector<StreamFinding> check(const EnvelopeInfo& envelope, EventType event);

 private:
  absl::flat_hash_map<std::string, Instant> last_payload_;   // session + payload -> last at
  absl::flat_hash_set<std::string> purchase_ids_;            // order ids seen, any session
  absl::flat_hash_map<std::string, Instant> last_category_;  // session + location -> last at
  absl::flat_hash_map<std::string, Instant> last_view_;      // session + location -> last at
};

}  // namespace vshop::events
