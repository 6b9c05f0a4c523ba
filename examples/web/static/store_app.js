// Store App (the expert's mobile app): sign in, availability, offers with a live countdown,
// incoming transfers, active chats and left messages. Every action goes through the JSON API
// (examples/web/API.md); effects arrive over SSE and trigger a refresh of the expert view.
import { ChatScreen, replaceIfChanged } from "/static/store_app_chat.js";

const { api, command, subscribe } = window.vshop; // common.js (a classic script)

const $ = (id) => document.getElementById(id);

// Human text for the engine's reasons (docs/reference.md §11).
const UNAVAILABLE_REASONS = {
  requested: "you went unavailable",
  store_closed: "your store is closed",
  decline_streak: "you declined several chats in a row",
  missed_streak: "3 chat requests in a row were missed",
  deactivated: "your account was deactivated",
  store_deactivated: "your store was deactivated",
};
const WITHDRAW_TEXT = {
  claimed_by_other: "This chat was claimed by a colleague.",
  declined: "You declined the chat.",
  expert_unavailable: "The chat request was withdrawn because you are unavailable.",
};
const TRANSFER_FAIL_TEXT = {
  declined: "declined the transfer",
  timeout: "did not accept the transfer in time",
  target_unavailable: "is no longer available",
  chat_ended: "could not take it: the chat ended",
};

export const app = {
  me: null, // the /api/me answer
  expertId: null,
  view: null, // the /api/expert/<id> answer
  now: null, // server time (ms since epoch) at nowReceived
  nowReceived: 0, // performance.now() when `now` arrived
  testMode: false,
  source: null,
  refreshTimer: null,
};

// ---- server clock ---------------------------------------------------------------------------

function setNow(text) {
  if (!text) return;
  app.now = Date.parse(text);
  app.nowReceived = performance.now();
}

// The server's current time: extrapolated between clock events, except with a scripted clock.
export function serverNow() {
  if (app.now === null) return Date.now();
  return app.testMode ? app.now : app.now + (performance.now() - app.nowReceived);
}

function secondsLeft(deadline) {
  return Math.max(0, Math.ceil((Date.parse(deadline) - serverNow()) / 1000));
}

function formatCountdown(s) {
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function formatTime(text) {
  return text ? text.substring(11, 19) : "";
}

// ---- messages to the user ---------------------------------------------------------------------

export function showError(err) {
  const text = err && err.error ? `${err.message || err.error} (${err.error})` : String(err);
  $("sa-error-text").textContent = text;
  $("sa-error").dataset.code = (err && err.error) || "";
  $("sa-error").hidden = false;
}

export function clearError() {
  $("sa-error").hidden = true;
  $("sa-error").dataset.code = "";
}

export function showNotice(text) {
  $("sa-notice-text").textContent = text;
  $("sa-notice").hidden = false;
}

// Runs an API action; an engine rejection is shown with its message, nothing else happens.
export async function act(fn) {
  clearError();
  try {
    const result = await fn();
    scheduleRefresh();
    return result;
  } catch (err) {
    showError(err);
    return null;
  }
}

// ---- screens -------------------------------------------------------------------------------

function showScreen(name) {
  for (const id of ["sa-login", "sa-home", "sa-chat"]) $(id).hidden = id !== name;
}

const chatScreen = new ChatScreen({ app, act, showScreen, showNotice, serverNow });

function renderAvailability(v) {
  $("sa-dot").classList.toggle("on", v.available);
  $("sa-status").textContent = v.available ? "Available" : "Unavailable";
  $("sa-toggle").textContent = v.available ? "Go Unavailable" : "Go Available";
  $("sa-toggle").dataset.available = String(v.available);
  $("sa-phone").dataset.available = String(v.available);
  const cap = v.max_active_chats ? ` of ${v.max_active_chats}` : "";
  $("sa-capacity").textContent = `${v.active_chats}${cap} active chats`;
}

function renderOffer(v) {
  const offer = v.offer;
  $("sa-offer").hidden = !offer;
  if (!offer) return;
  $("sa-offer").dataset.chat = offer.chat;
  $("sa-offer-chat").textContent = `Chat ${offer.chat}`;
}

function renderTransferIn(v) {
  const t = v.transfer;
  $("sa-transfer-in").hidden = !t;
  if (!t) return;
  $("sa-transfer-in").dataset.chat = t.chat;
  $("sa-transfer-from").textContent = `From ${t.from}, chat ${t.chat}`;
  $("sa-transfer-note").textContent = t.note || "";
}

function listItem(label, buttonText, onClick, data) {
  const li = document.createElement("li");
  Object.assign(li.dataset, data);
  const span = document.createElement("button");
  span.type = "button";
  span.className = "sa-link";
  span.textContent = label;
  li.append(span);
  if (buttonText) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "sa-btn sa-small";
    b.textContent = buttonText;
    b.addEventListener("click", onClick);
    li.append(b);
  } else {
    span.addEventListener("click", onClick);
  }
  return li;
}

function renderChats(v) {
  const mine = v.open_chats.filter((c) => c.state === "active" && c.expert === app.expertId);
  replaceIfChanged($("sa-chats"), mine, () =>
    mine.map((c) =>
      listItem(`Chat ${c.id} · shopper ${c.shopper}${c.transfer_pending ? " · transferring" : ""}`,
        null, () => chatScreen.open(c.id), { chat: c.id })));
  $("sa-chats-empty").hidden = mine.length > 0;
}

function renderLeftMessages(v) {
  const items = v.left_messages || [];
  replaceIfChanged($("sa-left"), items, () =>
    items.map((m) =>
      listItem(`${formatTime(m.at)} “${m.text}”`, "Take", () => takeLeftMessage(m.chat),
        { chat: m.chat })));
  $("sa-left-empty").hidden = items.length > 0;
}

function render() {
  const v = app.view;
  if (!v) return;
  $("sa-name").textContent = v.name || v.id;
  $("sa-store").textContent = v.store ? `Store ${v.store}` : "No store";
  renderAvailability(v);
  renderOffer(v);
  renderTransferIn(v);
  renderChats(v);
  renderLeftMessages(v);
  tick();
}

// Countdowns and the clock, once a second and after every refresh.
function tick() {
  $("sa-clock").textContent = app.now === null ? "" : new Date(serverNow()).toISOString()
    .substring(11, 19) + " UTC";
  const v = app.view;
  if (!v) return;
  if (v.offer) $("sa-offer-countdown").textContent = formatCountdown(secondsLeft(v.offer.deadline));
  if (v.transfer) {
    $("sa-transfer-countdown").textContent = formatCountdown(secondsLeft(v.transfer.deadline));
  }
}

// ---- data ------------------------------------------------------------------------------------

async function refresh() {
  app.refreshTimer = null;
  try {
    app.view = await api(`/api/expert/${encodeURIComponent(app.expertId)}`);
  } catch (err) {
    showError(err);
    return;
  }
  render();
  await chatScreen.refresh();
}

export function scheduleRefresh() {
  if (app.refreshTimer === null) app.refreshTimer = setTimeout(refresh, 50);
}

// Effects that deserve a sentence for the expert, beyond the refreshed view.
function explain(e) {
  const me = app.expertId;
  if (e.effect === "offer_withdrawn" && e.expert === me && e.reason !== "declined") {
    showNotice(WITHDRAW_TEXT[e.reason] || `Offer withdrawn (${e.reason}).`);
  } else if (e.effect === "offer_expired" && (e.experts || []).includes(me)) {
    showNotice(`The chat request ${e.chat} expired.`);
  } else if (e.effect === "expert_unavailable" && e.expert === me && e.reason !== "requested") {
    showNotice(`You are unavailable: ${UNAVAILABLE_REASONS[e.reason] || e.reason}.`);
  } else if (e.effect === "transfer_completed" && e.from === me) {
    showNotice(`Chat ${e.chat} was transferred to ${e.to}.`);
  } else if (e.effect === "transfer_failed" && e.from === me) {
    showNotice(`Transfer of chat ${e.chat}: ${e.to} ${TRANSFER_FAIL_TEXT[e.reason] || e.reason}.`);
  } else if (e.effect === "transfer_failed" && e.to === me && e.reason !== "declined") {
    showNotice(`The transfer of chat ${e.chat} ended (${e.reason}).`);
  }
}

function onEffect(e) {
  if (e.at) setNow(e.at);
  explain(e);
  chatScreen.onEffect(e);
  scheduleRefresh();
}

function connect() {
  if (app.source) return;
  app.source = subscribe({
    effect: onEffect,
    message: (m) => {
      chatScreen.onMessage(m);
      scheduleRefresh();
    },
    clock: (c) => {
      setNow(c.now);
      scheduleRefresh();
    },
    hello: (h) => setNow(h.now),
  });
}

// ---- actions ---------------------------------------------------------------------------------

function toggleAvailability() {
  const cmd = app.view && app.view.available ? "go_unavailable" : "go_available";
  return act(() => command({ cmd, expert: app.expertId }));
}

// One of the expert's commands on a chat; `open` shows the chat once the engine accepted it.
function chatCommand(cmd, chat, open) {
  return act(async () => {
    await command({ cmd, expert: app.expertId, chat });
    if (open) chatScreen.open(chat);
  });
}

const offerChat = () => $("sa-offer").dataset.chat;
const transferChat = () => $("sa-transfer-in").dataset.chat;
const claim = () => chatCommand("claim", offerChat(), true);
const decline = () => chatCommand("decline", offerChat(), false);
const acceptTransfer = () => chatCommand("accept_transfer", transferChat(), true);
const declineTransfer = () => chatCommand("decline_transfer", transferChat(), false);
const takeLeftMessage = (chat) => chatCommand("take_left_message", chat, true);

// With the scripted clock (test mode) time moves only when a test sets it, and the server sends
// a `clock` event only when timers fire: re-read the server's time twice a second instead.
function followScriptedClock() {
  setInterval(async () => {
    try {
      setNow((await api("/api/me")).now);
      tick();
    } catch (_) {
      /* the next poll retries */
    }
  }, 500);
}

async function start() {
  clearError();
  app.me = await api("/api/me");
  setNow(app.me.now);
  app.testMode = Boolean(app.me.test_mode);
  const account = app.me.account;
  if (!account || !account.expert) {
    const hint = new URLSearchParams(location.search).get("expert");
    if (hint) $("sa-login-name").value = hint;
    if (account) showError({ error: "forbidden", message: `${account.name} is not an expert` });
    showScreen("sa-login");
    return;
  }
  app.expertId = account.expert;
  document.title = `Store App · ${account.expert}`;
  showScreen("sa-home");
  if (app.testMode && !app.followingClock) {
    app.followingClock = true;
    followScriptedClock();
  }
  connect();
  await refresh();
}

async function login(ev) {
  ev.preventDefault();
  await act(async () => {
    await api("/api/login", {
      method: "POST",
      body: { name: $("sa-login-name").value, password: $("sa-login-password").value },
    });
    await start();
  });
}

async function logout() {
  await act(() => api("/api/logout", { method: "POST", body: {} }));
  if (app.source && app.source.close) app.source.close();
  app.source = null;
  app.view = null;
  app.expertId = null;
  showScreen("sa-login");
}

function wire() {
  $("sa-login-form").addEventListener("submit", login);
  $("sa-logout").addEventListener("click", logout);
  $("sa-toggle").addEventListener("click", toggleAvailability);
  $("sa-claim").addEventListener("click", claim);
  $("sa-decline").addEventListener("click", decline);
  $("sa-accept-transfer").addEventListener("click", acceptTransfer);
  $("sa-decline-transfer").addEventListener("click", declineTransfer);
  $("sa-error-close").addEventListener("click", clearError);
  $("sa-notice-done").addEventListener("click", () => { $("sa-notice").hidden = true; });
  chatScreen.wire();
  setInterval(tick, 1000);
}

wire();
start().catch(showError);
