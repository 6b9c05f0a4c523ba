// On-site Chat panel: renders the shopper's chat (as the server reports it) and binds the
// panel's controls to the controller's actions. No state of its own beyond the form inputs.

const $ = (id) => document.getElementById(id);

// The panel view for a chat state (reference §4); null chat: the shopper may start one.
const VIEW_OF_STATE = {
  requested: "connecting",
  active: "active",
  missed: "missed",
  left_message: "left",
  finished: "finished",
  // A blocked shopper is not told (R-BLOCK-1): their chat simply reads as ended.
  blocked: "ended",
  closed: "ended",
};

/** The view name for a chat record (or null). */
export function viewFor(chat) {
  if (!chat) return "idle";
  return VIEW_OF_STATE[chat.state] || "ended";
}

/** The name shown for an expert: the server's name if it sent one, else the id, capitalized. */
export function expertLabel(chat) {
  if (chat.expert_name) return chat.expert_name;
  const id = chat.expert || "";
  return id ? id.charAt(0).toUpperCase() + id.slice(1) : "an expert";
}

function formatTime(instant) {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return "";
  return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function renderMessages(list, messages) {
  // Rebuild only when the transcript changed (keeps the scroll position and any selection).
  const key = JSON.stringify((messages || []).map((m) => [m.at, m.from, m.text]));
  if (list.dataset.key === key && list.dataset.rendered === list.dataset.chat) return;
  list.dataset.key = key;
  const wasAtBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  list.replaceChildren();
  for (const m of messages || []) {
    const li = document.createElement("li");
    li.className = `vs-msg vs-from-${m.from}`;
    li.dataset.from = m.from;
    const text = document.createElement("span");
    text.className = "vs-text";
    text.textContent = m.text != null && m.text !== "" ? m.text : `[${m.kind || "message"}]`;
    const time = document.createElement("time");
    time.dateTime = m.at;
    time.textContent = formatTime(m.at);
    li.append(text, time);
    list.append(li);
  }
  if (wasAtBottom || list.dataset.chat !== list.dataset.rendered) list.scrollTop = list.scrollHeight;
  list.dataset.rendered = list.dataset.chat;
}

function renderActive(chat) {
  const name = expertLabel(chat);
  const store = chat.expert_store_name ? ` from ${chat.expert_store_name}` : "";
  $("vs-with").textContent = `You are chatting with ${name}${store}.`;
  $("vs-with").dataset.expert = chat.expert || "";
  $("vs-messages").dataset.chat = chat.id;
  renderMessages($("vs-messages"), chat.messages);
}

function renderFinished(chat) {
  $("vs-finished-title").textContent = `Your chat with ${expertLabel(chat)} has ended.`;
  const rated = chat.rating > 0;
  $("vs-rate").hidden = rated;
  $("vs-rated").hidden = !rated;
  if (rated) {
    $("vs-rated").textContent = `Thank you! You rated this chat ${chat.rating} of 5.`;
    $("vs-rated").dataset.stars = String(chat.rating);
  }
}

/** Shows the view for `chat` (and the left-message contact, if known) in the panel. */
export function renderPanel(chat, leftContact) {
  const view = viewFor(chat);
  const panel = $("vs-panel");
  panel.dataset.view = view;
  panel.dataset.chat = chat ? chat.id : "";
  panel.dataset.state = chat ? chat.state : "";
  for (const el of panel.querySelectorAll(".vs-view")) el.hidden = el.dataset.for !== view;
  if (view === "active") renderActive(chat);
  if (view === "finished") renderFinished(chat);
  if (view === "left") {
    $("vs-left-text").textContent = leftContact
      ? `We will notify you by ${leftContact.channel === "sms" ? "SMS" : "email"} at ` +
        `${leftContact.address} when an expert replies.`
      : "We will notify you when an expert replies.";
  }
  if (view === "connecting" && chat) {
    $("vs-connecting-text").textContent = "Connecting you with a product expert…";
  }
}

/** Shows an error from the server (ApiError or any Error) in the panel; null clears it. */
export function showError(err) {
  const box = $("vs-error");
  if (!err) {
    box.hidden = true;
    box.textContent = "";
    delete box.dataset.code;
    return;
  }
  box.textContent = err.error ? `${err.message} (${err.error})` : String(err.message || err);
  box.dataset.code = err.error || "";
  box.hidden = false;
}

/** Opens or closes the panel. */
export function setPanelOpen(open) {
  $("vs-panel").hidden = !open;
  $("vs-launcher").setAttribute("aria-expanded", String(open));
  $("vs-launcher").classList.toggle("open", open);
}

export function isPanelOpen() {
  return !$("vs-panel").hidden;
}

/** Shows or hides the launcher (R-DISPLAY-1 answer, or an open panel keeps it). */
export function setLauncherVisible(visible, widgetState) {
  const launcher = $("vs-launcher");
  launcher.hidden = !visible;
  launcher.dataset.widgetState = widgetState || "";
}

/** Shows a notification (an expert replied to a left message); null hides it. */
export function showNotice(notice, label) {
  const box = $("vs-notice");
  if (!notice) {
    box.hidden = true;
    return;
  }
  $("vs-notice-text").textContent = label;
  box.dataset.chat = notice.chat;
  box.hidden = false;
}

function selectedStars() {
  const on = $("vs-stars").querySelector("button.on");
  return on ? Number(on.dataset.stars) : 0;
}

function bindStars() {
  $("vs-stars").addEventListener("click", (ev) => {
    const btn = ev.target.closest("button[data-stars]");
    if (!btn) return;
    const n = Number(btn.dataset.stars);
    for (const b of $("vs-stars").querySelectorAll("button")) {
      b.classList.toggle("on", Number(b.dataset.stars) === n);
      b.classList.toggle("lit", Number(b.dataset.stars) <= n);
      b.setAttribute("aria-checked", String(Number(b.dataset.stars) === n));
    }
  });
}

/** Wires the panel's controls to `actions` (request, send, leave, rate, newChat, toggle,
 *  openNotice, dismissNotice); each action returns a promise. */
export function bindPanel(actions) {
  const guard = (btn, fn) => async () => {
    if (btn) btn.disabled = true;
    try {
      await fn();
    } finally {
      if (btn) btn.disabled = false;
    }
  };
  $("vs-launcher").addEventListener("click", () => actions.toggle());
  $("vs-minimize").addEventListener("click", () => actions.toggle(false));
  $("vs-request").addEventListener("click", guard($("vs-request"), () => actions.request()));
  $("vs-compose").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const input = $("vs-input");
    guard($("vs-send"), async () => {
      if (await actions.send(input.value)) input.value = "";
    })();
  });
  $("vs-leave").addEventListener("submit", (ev) => {
    ev.preventDefault();
    guard($("vs-leave-send"), () =>
      actions.leave({
        text: $("vs-leave-text").value,
        channel: $("vs-leave-channel").value,
        address: $("vs-leave-address").value,
      }),
    )();
  });
  $("vs-leave-channel").addEventListener("change", () => {
    $("vs-leave-address").placeholder =
      $("vs-leave-channel").value === "sms" ? "+31 6 1234 5678" : "you@example.com";
  });
  bindStars();
  $("vs-rate").addEventListener("submit", (ev) => {
    ev.preventDefault();
    guard($("vs-rate-send"), () =>
      actions.rate(selectedStars(), $("vs-rate-comment").value),
    )();
  });
  for (const btn of document.querySelectorAll('#vs-panel [data-action="new-chat"]')) {
    btn.addEventListener("click", () => actions.newChat());
  }
  $("vs-notice-open").addEventListener("click", () => actions.openNotice());
  $("vs-notice-close").addEventListener("click", () => actions.dismissNotice());
}
