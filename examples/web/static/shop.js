// Shop page controller: the shopper's On-site Chat. Every action is a command through the API
// (/api/command); the chat's state comes from the server (/api/shopper/chats, /api/chat/<id>)
// and is refreshed whenever an effect or a message for this shopper arrives over SSE.

import {
  bindPanel,
  expertLabel,
  isPanelOpen,
  renderPanel,
  setLauncherVisible,
  setPanelOpen,
  showError,
  showNotice,
} from "/static/shop_widget.js";
import { pageType, setupProductPage } from "/static/shop_product.js";

// common.js (a classic script loaded before this module) provides the API helpers.
const { api, command, subscribe } = window.vshop;

const WIDGET_POLL_MS = 2000;
const OPEN_STATES = new Set(["requested", "active", "left_message"]);
const NOTICE_SEEN_KEY = "vshop.shop.noticeSeen";

const model = {
  shopper: null,
  chat: null, // the chat shown: the server's record (with messages), or null
  fresh: false, // the shopper asked for a new chat: show "idle" until they request one
  leftContact: null, // {channel, address} of the message left in this session
  widgetState: null,
  notice: null,
};

// --- server state -------------------------------------------------------------------------

let refreshing = null;
let refreshAgain = false;

/** Reloads the shopper's chats and notifications; coalesces overlapping calls. */
function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      try {
        await loadChats();
      } catch (err) {
        showError(err);
      }
    } while (refreshAgain);
    refreshing = null;
  })();
  return refreshing;
}

async function loadChats() {
  const answer = await api("/api/shopper/chats");
  const latest = (answer.chats || [])[0] || null;
  let chat = null;
  if (latest && !(model.fresh && !OPEN_STATES.has(latest.state))) {
    chat = await api(`/api/chat/${encodeURIComponent(latest.id)}`);
    model.fresh = false;
  }
  const previous = model.chat;
  model.chat = chat;
  updateNotice(answer.notifications || []);
  render();
  if (chat && previous && previous.id === chat.id && previous.state !== chat.state) {
    onStateChange(previous.state, chat.state);
  }
}

function render() {
  renderPanel(model.chat, model.leftContact);
  updateLauncher();
}

// --- widget visibility (R-DISPLAY-1) ------------------------------------------------------

async function loadWidgetState() {
  const q = new URLSearchParams({ page_url: location.href, page_type: pageType() });
  try {
    const answer = await api(`/api/widget?${q}`);
    model.widgetState = answer.state;
  } catch (err) {
    model.widgetState = null;
    console.warn("widget state:", err);
  }
  updateLauncher();
}

/** The launcher shows when the engine says `visible` (which already includes a shopper with
 *  an open chat, R-DISPLAY-1 rule 4), or while the shopper has the panel open. */
function updateLauncher() {
  const open = isPanelOpen();
  setLauncherVisible(model.widgetState === "visible" || open, model.widgetState);
  document.body.dataset.widgetState = model.widgetState || "";
}

// --- presence (R-CHAT-7) ------------------------------------------------------------------

function hasOpenChat() {
  return Boolean(model.chat && OPEN_STATES.has(model.chat.state));
}

async function reportOnline() {
  if (!hasOpenChat()) return;
  try {
    await command({ cmd: "shopper_online" });
  } catch (err) {
    console.warn("shopper_online:", err);
  }
}

function reportOfflineOnLeave() {
  window.addEventListener("pagehide", () => {
    if (!hasOpenChat()) return;
    // keepalive: the request survives the page (a closed tab or a navigation).
    fetch("/api/command", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ cmd: "shopper_offline" }),
      keepalive: true,
      credentials: "same-origin",
    }).catch(() => {});
  });
}

function onStateChange(before, after) {
  // A chat taken from a left message starts with the shopper offline (R-PIN-7); the shopper
  // is on the page, so report them online and the expert chats with them live.
  if (before === "left_message" && after === "active" && !document.hidden) reportOnline();
}

// --- notifications of replies to left messages --------------------------------------------

function seenNotices() {
  try {
    return JSON.parse(localStorage.getItem(NOTICE_SEEN_KEY) || "[]");
  } catch {
    return [];
  }
}

function noticeKey(n) {
  return `${n.chat}@${n.at}`;
}

function updateNotice(notifications) {
  const seen = new Set(seenNotices());
  const unseen = notifications.filter((n) => !seen.has(noticeKey(n)));
  model.notice = unseen.length ? unseen[unseen.length - 1] : null;
  if (!model.notice) {
    showNotice(null);
    return;
  }
  const who = model.chat && model.chat.id === model.notice.chat ? expertLabel(model.chat) : "An expert";
  const text = model.notice.text ? `: “${model.notice.text}”` : ".";
  showNotice(model.notice, `${who} replied to your message${text}`);
}

function markNoticeSeen() {
  if (!model.notice) return;
  const seen = seenNotices();
  seen.push(noticeKey(model.notice));
  localStorage.setItem(NOTICE_SEEN_KEY, JSON.stringify(seen.slice(-50)));
  model.notice = null;
  showNotice(null);
}

// --- actions (each one command; errors shown with the engine's message) --------------------

async function run(fn) {
  showError(null);
  try {
    await fn();
    return true;
  } catch (err) {
    showError(err);
    return false;
  } finally {
    await refresh();
  }
}

const actions = {
  toggle(open = !isPanelOpen()) {
    setPanelOpen(open);
    updateLauncher();
    if (open) {
      showError(null);
      markNoticeSeen(); // the panel shows the reply now
    }
  },
  request() {
    return run(async () => {
      const answer = await command({ cmd: "request_chat", page_url: location.href });
      model.fresh = false;
      model.leftContact = null;
      document.getElementById("vs-panel").dataset.requested = answer.chat;
    });
  },
  send(text) {
    if (!model.chat) return Promise.resolve(false);
    return run(() =>
      command({ cmd: "send_message", chat: model.chat.id, from: "shopper", kind: "text", text }),
    );
  },
  leave(form) {
    if (!model.chat) return Promise.resolve(false);
    return run(async () => {
      await command({ cmd: "leave_message", chat: model.chat.id, ...form });
      model.leftContact = { channel: form.channel, address: form.address };
    });
  },
  rate(stars, comment) {
    if (!model.chat) return Promise.resolve(false);
    const cmd = { cmd: "rate_chat", chat: model.chat.id, stars };
    if (comment && comment.trim()) cmd.comment = comment;
    return run(() => command(cmd));
  },
  newChat() {
    model.fresh = true;
    model.chat = null;
    showError(null);
    render();
  },
  openNotice() {
    actions.toggle(true);
    reportOnline();
  },
  dismissNotice() {
    markNoticeSeen();
  },
};

// --- live updates -------------------------------------------------------------------------

function connectEvents() {
  // The server sends a shopper only their own chats' effects and messages (API.md): any of
  // them may change what the panel shows, so each one reloads the chat.
  subscribe({
    effect: () => refresh(),
    message: () => refresh(),
    hello: () => refresh(), // (re)connected: catch up with what happened meanwhile
  });
}

// --- start --------------------------------------------------------------------------------

async function start() {
  bindPanel(actions);
  setupProductPage({ onError: (err) => console.warn(err) });
  reportOfflineOnLeave();
  try {
    const me = await api("/api/me");
    model.shopper = me.shopper;
    document.getElementById("shopper-id").textContent = me.shopper;
    document.body.dataset.shopper = me.shopper;
  } catch (err) {
    showError(err);
  }
  await refresh();
  if (hasOpenChat()) {
    // A pending reply notice opens the panel when the shopper follows it; otherwise a live
    // chat (connecting or active) reopens where the shopper left it.
    setPanelOpen(model.chat.state !== "left_message" && !model.notice);
    await reportOnline();
  }
  await loadWidgetState();
  connectEvents();
  setInterval(loadWidgetState, WIDGET_POLL_MS);
  document.body.dataset.ready = "true";
}

start();
