// Limits on everything a host can send to the engine ("put a limit on everything"): each is a
// named constant, so that memory for one call is bounded by a documented number, never by the
// size of the input or by the time one `advance` skips. Hitting a limit is an error that changes
// nothing (R-ERR-1): a per-field length or list length is invalid_argument naming the field,
// checked with the well-formedness of the command (before the clock moves); a capacity limit
// (stores, experts, chats, managers, pending effects) is `limit_exceeded`.
#pragma once

#include <cstddef>
#include <cstdint>

namespace vshop::limits {

// --- one command ------------------------------------------------------------------------
// A JSON Lines command given to Engine::apply_json, in bytes.
inline constexpr std::size_t kMaxLineBytes = 1u << 20;  // 1 MiB
// Ids of stores, experts, shoppers, chats, orders and managers (R-ID-1), in bytes.
inline constexpr std::size_t kMaxIdBytes = 128;
// `leave_message` text, in bytes.
inline constexpr std::size_t kMaxTextBytes = 16 * 1024;
// `transfer` note (internal, never shown to the shopper), in bytes.
inline constexpr std::size_t kMaxNoteBytes = 4 * 1024;
// `title` of send_appointment, in bytes (R-APPT-2 counts 1..200 code points, at most 4 bytes
// each); its `location` is a short text.
inline constexpr std::size_t kMaxTitleBytes = 800;
// `page_url` of request_chat, in bytes.
inline constexpr std::size_t kMaxUrlBytes = 2048;
// Every other string field (names, emails, addresses, team, department, country, city, postal
// code, ip, channel, currency, invite code, zone names, ...), in bytes; a store's `address`
// and `leave_message`'s `address` included.
inline constexpr std::size_t kMaxShortTextBytes = 512;
// Entries of a list field: `departments` (store and expert), `contact_channels`.
inline constexpr std::size_t kMaxListItems = 100;
// `record_purchase` `items`: entries, and the bytes of its JSON text.
inline constexpr std::size_t kMaxPurchaseItems = 1000;
inline constexpr std::size_t kMaxItemsBytes = 64 * 1024;
// A store's opening hours: intervals per weekday or dated exception, and dated exceptions.
inline constexpr std::size_t kMaxIntervalsPerDay = 24;
inline constexpr std::size_t kMaxHourExceptions = 1000;
// A store's `osm_hours` text, in bytes.
inline constexpr std::size_t kMaxOsmHoursBytes = 4096;

// --- the state of one merchant (limit_exceeded) -------------------------------------------
inline constexpr std::size_t kMaxStores = 10'000;
inline constexpr std::size_t kMaxExperts = 100'000;
// Chats the engine holds (every chat ever requested; finished chats stay for ratings and
// attribution) and distinct shoppers (a shopper is known from their first request).
inline constexpr std::size_t kMaxChats = 10'000'000;
inline constexpr std::size_t kMaxShoppers = 10'000'000;
// Chats open at once (requested, active or waiting as a left message).
inline constexpr std::size_t kMaxOpenChats = 100'000;
// Managers subscribed to the team digest.
inline constexpr std::size_t kMaxManagers = 100;

// --- output nobody drained ----------------------------------------------------------------
// Pending effects, counted in units: one per effect plus one per entry of its lists (the
// experts of chat_offered / offer_expired, the managers of team_digest). A command is refused
// with limit_exceeded while the outbox holds this many units; `advance` (and the clock move at
// the start of a command) stops before the next deadline once it does, with the clock at the
// last deadline fired (docs/decisions.md, "Outbox bound"). One step can overshoot by what a
// single deadline or command emits, itself bounded by the limits above.
inline constexpr std::size_t kMaxPendingEffectUnits = 65'536;

}  // namespace vshop::limits
