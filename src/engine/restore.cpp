// Engine::restore: reads a snapshot back by running the field descriptions of
// snapshot_fields.hpp with a FieldReader, which checks every type, range and index and rejects
// unknown keys; then rebuilds what is derived and checks the cross-references. A malformed
// snapshot is rejected with invalid_argument naming the field, never a crash.
#include <cctype>

#include "core/field_io.hpp"
#include "engine/core.hpp"
#include "engine/snapshot_fields.hpp"
#include "simdjson.h"
#include "vshop/error.hpp"

namespace vshop {
namespace {

using engine_detail::Core;
using engine_detail::Idx;
using engine_detail::kNone;
using engine_detail::kNoTimer;
using engine_detail::TimerKey;
using engine_detail::TimerKind;
using field_io::FieldReader;

// Id lookups of one entity list; an id listed twice is rejected.
template <typename List, typename Map>
void index_ids(const FieldReader& r, std::string_view field, const List& list, Map& ids) {
  for (Idx i = 0; i < list.size(); ++i) {
    if (!ids.emplace(list[i].id, i).second) r.fail(field, "id \"" + list[i].id + "\" listed twice");
  }
}

// What the snapshot does not hold because it follows from the rest: id maps, counts, the
// timer queue (from its owners) and the routing index (its order is (idle since, id)).
void rebuild(Core& s, const FieldReader& r) {
  for (Idx i = 0; i < s.stores.size(); ++i) {
    if (!s.store_ids.emplace(s.stores[i].spec.id, i).second) r.fail("stores", "store listed twice");
  }
  index_ids(r, "experts", s.experts, s.expert_ids);
  index_ids(r, "shoppers", s.shoppers, s.shopper_ids);
  for (Idx i = 0; i < s.chats.size(); ++i) {
    if (!s.chat_ids.insert(i).second) r.fail("chats", "id \"" + s.chats[i].id + "\" listed twice");
  }
  for (Idx i = 0; i < s.experts.size(); ++i) {
    auto& x = s.experts[i];
    if (x.available && x.store == kNone) r.fail("experts", "available without a store");
    x.active_chats = static_cast<int>(x.chats.size());
    x.email_key = x.email;
    for (char& ch : x.email_key) {
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    if (!x.email_key.empty() && !s.expert_emails.emplace(x.email_key, i).second) {
      r.fail("experts", "email \"" + x.email + "\" listed twice");
    }
  }
  std::vector<Idx> latest(s.shoppers.size(), kNone);  // the shoppers' chat links, in order
  for (Idx i = 0; i < s.chats.size(); ++i) {
    s.chats[i].previous_chat = latest[s.chats[i].shopper];
    latest[s.chats[i].shopper] = i;
  }
  for (const auto& c : s.chats) {
    if ((c.state == ChatState::kActive || c.video || s.live_view(c).transfer_to != kNone) &&
        c.expert == kNone) {
      r.fail("chats", "chat \"" + c.id + "\" is active without an expert");
    }
  }
  if (s.metrics.reporting_timezone() != s.settings.reporting_timezone) {
    r.fail("metrics", "reporting_timezone differs from the settings'");
  }
  if (s.metrics.retention_days() != s.settings.metrics_retention_days) {
    r.fail("metrics", "retention_days differs from the settings' metrics_retention_days");
  }
  const auto add = [&](const TimerKey& k, TimerKind kind, Idx target) {
    if (k != kNoTimer && !s.timers.emplace(k, engine_detail::Timer{kind, target}).second) {
      r.fail("timers", "two timers share the sequence number " + std::to_string(k.seq));
    }
  };
  for (Idx i = 0; i < s.stores.size(); ++i) add(s.stores[i].close_timer, TimerKind::kStoreClose, i);
  for (Idx i = 0; i < s.chats.size(); ++i) {
    const engine_detail::LiveChat& live = s.live_view(s.chats[i]);
    add(live.wave_timer, TimerKind::kWave, i);
    add(live.transfer_timer, TimerKind::kTransfer, i);
  }
  add(s.digest_timer, TimerKind::kDigest, 0);
  add(s.pii_timer, TimerKind::kPiiAnonymize, 0);
  for (Idx i = 0; i < s.experts.size(); ++i) {
    if (s.experts[i].available) s.index_insert(i);
  }
}

}  // namespace

absl::StatusOr<Engine> Engine::restore(std::string_view snapshot) {
  Engine engine;
  Core& s = *engine.core_;
  // simdjson's DOM parser must not be handed an empty buffer (a fresh parser crashes on it).
  if (snapshot.empty()) {
    return error(ErrorCode::kInvalidArgument, "snapshot: not valid JSON (empty)");
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.parse(snapshot.data(), snapshot.size()).get(doc); err) {
    return error(ErrorCode::kInvalidArgument, "snapshot: not valid JSON (%s)",
                 simdjson::error_message(err));
  }
  simdjson::dom::object root;
  if (doc.get_object().get(root) != simdjson::SUCCESS) {
    return error(ErrorCode::kInvalidArgument, "snapshot: must be a JSON object");
  }
  try {
    FieldReader reader(root, "");
    engine_detail::core_fields(reader, s);
    reader.finish();
    rebuild(s, reader);
  } catch (const field_io::Bad& e) {
    return error(ErrorCode::kInvalidArgument, "snapshot: %s", e.what());
  }
  // Derived counters, then every cross-reference (check_invariants).
  if (absl::Status st = s.finish_restore(); !st.ok()) return st;
  return engine;
}

}  // namespace vshop
