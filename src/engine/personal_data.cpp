// R-SCHED-3: export_personal_data, every piece of personal data the engine holds as one
// canonical JSON object. The erasure (R-SCHED-2) empties the values but keeps the shape: ids
// stay, so the same keys and entries are listed with nothing personal left.
#include <algorithm>

#include "core/json_writer.hpp"
#include "engine/core.hpp"

namespace vshop {
namespace {

using engine_detail::Core;
using engine_detail::Idx;

// Indexes 0..n-1 ordered by the id `id_of(i)`.
template <typename IdOf>
std::vector<Idx> by_id(std::size_t n, IdOf id_of) {
  std::vector<Idx> order(n);
  for (Idx i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](Idx a, Idx b) { return id_of(a) < id_of(b); });
  return order;
}

void write_experts(JsonWriter& out, const Core& core) {
  out.key("experts").begin_array();
  for (Idx i : by_id(core.experts.size(),
                     [&](Idx x) -> const std::string& { return core.experts[x].id; })) {
    const auto& x = core.experts[i];
    out.begin_object();
    out.key("id").string(x.id);
    out.key("name").string(x.name);
    out.key("email").string(x.email);
    out.key("employee_id").string(x.employee_id);
    out.end_object();
  }
  out.end_array();
}

void write_left_messages(JsonWriter& out, const Core& core) {
  out.key("left_messages").begin_array();
  for (const auto& [chat, m] : core.messages) {  // chat index order = request order
    out.begin_object();
    out.key("chat").string(core.chats[chat].id);
    out.key("shopper").string(core.shoppers[core.chats[chat].shopper].id);
    out.key("text").string(m.text);
    out.key("channel").string(notify_channel_name(m.channel));
    out.key("address").string(m.address);
    out.end_object();
  }
  out.end_array();
}

void write_stores(JsonWriter& out, const Core& core) {
  out.key("stores").begin_array();
  for (Idx i : by_id(core.stores.size(),
                     [&](Idx s) -> const std::string& { return core.stores[s].spec.id; })) {
    out.begin_object();
    out.key("id").string(core.stores[i].spec.id);
    out.key("address").string(core.stores[i].spec.address);
    out.end_object();
  }
  out.end_array();
}

void write_managers(JsonWriter& out, const Core& core) {
  out.key("managers").begin_array();
  for (const auto& [id, email] : core.managers) {  // by id
    out.begin_object();
    out.key("id").string(id);
    out.key("email").string(email);
    out.end_object();
  }
  out.end_array();
}

// Contacts and pending invitations, by (expert id, shopper id) and by chat.
void write_contacts(JsonWriter& out, const Core& core) {
  struct Row {
    const std::string *expert, *shopper, *channel, *address;
  };
  std::vector<Row> rows;
  for (const auto& [key, c] : core.address_book) {
    rows.push_back(
        {&core.experts[key.first].id, &core.shoppers[key.second].id, &c.channel, &c.address});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(*a.expert, *a.shopper) < std::tie(*b.expert, *b.shopper);
  });
  out.key("contacts").begin_array();
  for (const Row& r : rows) {
    out.begin_object();
    out.key("expert").string(*r.expert);
    out.key("shopper").string(*r.shopper);
    out.key("channel").string(*r.channel);
    out.key("address").string(*r.address);
    out.end_object();
  }
  out.end_array();
  out.key("invitations").begin_array();
  for (const auto& [chat, inv] : core.invitations) {
    out.begin_object();
    out.key("chat").string(core.chats[chat].id);
    out.key("expert").string(core.experts[inv.expert].id);
    out.key("channel").string(inv.channel);
    out.key("address").string(inv.address);
    out.end_object();
  }
  out.end_array();
}

}  // namespace

std::string Engine::export_personal_data() const {
  const Core& core = *core_;
  JsonWriter out;
  out.begin_object();
  write_experts(out, core);
  write_left_messages(out, core);
  write_stores(out, core);
  write_managers(out, core);
  write_contacts(out, core);
  out.key("erased").boolean(core.pii_anonymized);
  out.end_object();
  return out.take();
}

}  // namespace vshop
