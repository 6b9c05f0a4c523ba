// Store App, one chat: messages, send, and the actions menu (Transfer Chat with an internal
// note to a colleague picked from transfer_candidates grouped by store, Finish Chat, Block).

const { api, command } = window.vshop; // common.js (a classic script, loaded first)

const $ = (id) => document.getElementById(id);

// Replaces a list's items only when its data changed (a button does not vanish under a tap).
export function replaceIfChanged(list, data, build) {
  const key = JSON.stringify(data);
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(...build());
}

function messageItem(m) {
  const li = document.createElement("li");
  li.className = `from-${m.from}`;
  li.dataset.from = m.from;
  const time = document.createElement("time");
  time.textContent = m.at ? m.at.substring(11, 19) : "";
  const text = document.createElement("span");
  text.className = "sa-text";
  text.textContent = m.kind && m.kind !== "text" && !m.text ? `[${m.kind}]` : m.text;
  li.append(text, time);
  return li;
}

function candidateGroup(group, index) {
  const div = document.createElement("div");
  div.className = "sa-store-group";
  div.dataset.store = group.store;
  const h = document.createElement("h3");
  h.textContent = `Store ${group.store}`;
  div.append(h);
  for (const ex of group.experts) {
    const label = document.createElement("label");
    const radio = document.createElement("input");
    radio.type = "radio";
    radio.name = "sa-target";
    radio.value = ex.id;
    radio.id = `sa-target-${ex.id}`;
    radio.dataset.index = String(index);
    label.append(radio, document.createTextNode(ex.name ? `${ex.name} (${ex.id})` : ex.id));
    div.append(label);
  }
  return div;
}

export class ChatScreen {
  constructor({ app, act, showScreen, showNotice }) {
    this.app = app;
    this.act = act;
    this.showScreen = showScreen;
    this.showNotice = showNotice;
    this.chatId = null;
    this.chat = null;
  }

  // Opens the chat screen for one chat and loads it.
  async open(chatId) {
    this.chatId = chatId;
    this.chat = null;
    $("sa-chat").dataset.chat = chatId;
    $("sa-chat-title").textContent = `Chat ${chatId}`;
    $("sa-messages").replaceChildren();
    $("sa-messages").dataset.key = "";
    $("sa-actions").hidden = true;
    $("sa-transfer").hidden = true;
    this.showScreen("sa-chat");
    await this.refresh();
  }

  close() {
    this.chatId = null;
    $("sa-chat").dataset.chat = "";
    this.showScreen("sa-home");
  }

  // Reloads the open chat (after any effect or message).
  async refresh() {
    if (!this.chatId) return;
    const id = this.chatId;
    try {
      this.chat = await api(`/api/chat/${encodeURIComponent(id)}`);
    } catch (err) {
      // The chat is no longer ours to see (e.g. transferred away): back to the home screen.
      if (err && (err.status === 403 || err.status === 404)) this.close();
      return;
    }
    if (id === this.chatId) this.render();
  }

  render() {
    const c = this.chat;
    const mine = c.expert === this.app.expertId && c.state === "active";
    $("sa-chat-title").textContent = `Chat ${c.id} · ${c.shopper}`;
    $("sa-chat").dataset.state = c.state;
    const status = c.transfer_pending ? "active · transfer pending" : c.state;
    $("sa-chat-status").textContent = `Status: ${status}`;
    // The shopper's left message (server field `left_message`) opens the conversation.
    const left = c.left_message ? [{ ...c.left_message, from: "shopper", kind: "text" }] : [];
    const messages = left.concat(c.messages || []);
    replaceIfChanged($("sa-messages"), messages, () => {
      const items = messages.map(messageItem);
      if (left.length) items[0].classList.add("sa-left-message");
      return items;
    });
    $("sa-chat-note").hidden = !c.note;
    $("sa-chat-note").textContent = c.note ? `Internal note: ${c.note}` : "";
    for (const id of ["sa-input", "sa-send", "sa-actions-toggle"]) $(id).disabled = !mine;
    if (!mine) $("sa-actions").hidden = true;
  }

  onMessage(m) {
    if (m.chat !== this.chatId || !this.chat) return;
    // Appended at once; the next refresh replaces the list with the server's copy.
    $("sa-messages").append(messageItem(m));
    $("sa-messages").dataset.key = "";
  }

  onEffect(e) {
    if (e.chat !== this.chatId) return;
    if (e.effect === "chat_finished") this.showNotice(`Chat ${e.chat} finished.`);
    if (e.effect === "shopper_blocked") this.showNotice(`The shopper of chat ${e.chat} was blocked.`);
  }

  send(ev) {
    ev.preventDefault();
    const text = $("sa-input").value;
    if (!text.trim()) return null;
    return this.act(async () => {
      // No `expert` field: the engine's send_message has none; the server checks the session.
      await command({ cmd: "send_message", chat: this.chatId, from: "expert", kind: "text", text });
      $("sa-input").value = "";
    });
  }

  finish() {
    $("sa-actions").hidden = true;
    const chat = this.chatId;
    return this.act(async () => {
      await command({ cmd: "finish_chat", expert: this.app.expertId, chat });
      this.close();
    });
  }

  block() {
    $("sa-actions").hidden = true;
    if (!window.confirm("Block this shopper? They will not be told.")) return null;
    const chat = this.chatId;
    return this.act(async () => {
      await command({ cmd: "block_shopper", expert: this.app.expertId, chat });
      this.close();
    });
  }

  async openTransfer() {
    $("sa-actions").hidden = true;
    const chat = this.chatId;
    await this.act(async () => {
      const answer = await api(`/api/transfer_candidates?chat=${encodeURIComponent(chat)}`);
      const groups = (answer.stores || []).filter((g) => g.experts.length > 0);
      $("sa-candidates").replaceChildren(...groups.map(candidateGroup));
      $("sa-candidates-empty").hidden = groups.length > 0;
      $("sa-do-transfer").disabled = groups.length === 0;
      $("sa-note").value = "";
      $("sa-transfer").hidden = false;
    });
  }

  transfer() {
    const picked = document.querySelector("input[name=sa-target]:checked");
    const note = $("sa-note").value;
    const chat = this.chatId;
    // An unpicked colleague goes to the server too: the engine's error names the field.
    const to = picked ? picked.value : "";
    return this.act(async () => {
      await command({ cmd: "transfer", expert: this.app.expertId, chat, to, note });
      $("sa-transfer").hidden = true;
      this.showNotice(`Transfer of chat ${chat} offered to ${to}; waiting for them to accept.`);
    });
  }

  wire() {
    $("sa-back").addEventListener("click", () => this.close());
    $("sa-actions-toggle").addEventListener("click", () => {
      $("sa-actions").hidden = !$("sa-actions").hidden;
    });
    $("sa-compose").addEventListener("submit", (ev) => this.send(ev));
    $("sa-finish").addEventListener("click", () => this.finish());
    $("sa-block").addEventListener("click", () => this.block());
    $("sa-open-transfer").addEventListener("click", () => this.openTransfer());
    $("sa-do-transfer").addEventListener("click", () => this.transfer());
    $("sa-cancel-transfer").addEventListener("click", () => { $("sa-transfer").hidden = true; });
  }
}
