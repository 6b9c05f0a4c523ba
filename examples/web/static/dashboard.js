// The manager's Dashboard: login, navigation, shared state, and the live updates (SSE) that
// keep Analytics, Manage Team and Manage Stores current.
"use strict";

(function () {
  const DB = window.DB;
  const $ = (id) => document.getElementById(id);
  const POLL_MS = 3000;
  const EFFECT_DEBOUNCE_MS = 500;
  DB.state = { me: null, settings: null, experts: [], stores: [], canEditStores: false };

  // Reloads the team; re-renders only when it changed (a poll must not reset a chosen store).
  DB.reloadTeam = async function () {
    const team = await DB.get("/api/team");
    if (JSON.stringify(team.experts) === JSON.stringify(DB.state.experts)) return;
    DB.state.experts = team.experts;
    DB.team.render();
    DB.analytics.fillScopeSelect();
  };

  DB.reloadStores = async function () {
    const answer = await DB.get("/api/stores");
    DB.state.stores = answer.stores;
    DB.stores.render();
    DB.analytics.fillScopeSelect();
    await DB.stores.refreshStatus();
  };

  function showSection(name) {
    const known = ["analytics", "team", "stores", "inspector"];
    const section = known.includes(name) ? name : "analytics";
    for (const id of known) $(id).hidden = id !== section;
    for (const a of $("db-nav").querySelectorAll("a")) {
      a.classList.toggle("active", a.dataset.section === section);
    }
  }

  function setClock(now) {
    const tz = DB.state.settings ? DB.state.settings.reporting_timezone : "UTC";
    $("db-clock").textContent = DB.fmt.instant(now, tz) + " " + tz;
    $("db-clock").dataset.now = now;
  }

  let reloadTimer = null;
  // Effects arrive in bursts: reload once, EFFECT_DEBOUNCE_MS after the last one.
  function onEffect() {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => DB.guard(async () => {
      await DB.reloadTeam();
      await DB.stores.refreshStatus();
      await DB.analytics.refresh();
    }), EFFECT_DEBOUNCE_MS);
  }

  async function start(me) {
    DB.state.me = me;
    const access = me.account.access || [];
    DB.state.canEditStores = access.includes("store");
    $("login-form").hidden = true;
    $("db-app").hidden = false;
    $("db-user").textContent = me.account.name + " (" + access.join(", ") + ")";
    $("db-logout").hidden = false;
    DB.state.settings = await DB.get("/api/settings");
    setClock(me.now);
    await DB.reloadStores();
    await DB.reloadTeam();
    DB.analytics.init(me.now, DB.state.settings.reporting_timezone);
    await DB.guard(DB.analytics.refresh);
    window.vshop.subscribe({
      effect: onEffect,
      clock: (data) => {
        setClock(data.now);
        DB.stores.onClock(data.now);
      },
    });
    // Registrations emit no effect, and a store opening with nobody available emits none
    // either: poll the team and the store status (which carries the server's clock).
    setInterval(() => DB.guard(async () => {
      await DB.reloadTeam();
      const now = await DB.stores.refreshStatus();
      if (now) setClock(now);
    }), POLL_MS);
    document.body.dataset.ready = "1";
  }

  function showLogin() {
    $("db-app").hidden = true;
    $("login-form").hidden = false;
    document.body.dataset.ready = "login";
  }

  async function login(ev) {
    ev.preventDefault();
    const box = $("login-error");
    box.hidden = true;
    try {
      const me = await DB.post("/api/login",
        { name: $("login-name").value, password: $("login-password").value });
      if (!me.account || !(me.account.access || []).length) {
        throw { error: "forbidden", message: "this account has no Dashboard access" };
      }
      await start(me);
    } catch (err) {
      box.textContent = (err.error ? err.error + ": " : "") + (err.message || String(err));
      box.hidden = false;
    }
  }

  async function main() {
    DB.team.init();
    DB.stores.init();
    DB.inspector.init();
    $("login-form").addEventListener("submit", login);
    $("db-logout").addEventListener("click", async () => {
      await DB.guard(() => DB.post("/api/logout", {}));
      location.reload();
    });
    window.addEventListener("hashchange", () => showSection(location.hash.slice(1)));
    showSection(location.hash.slice(1));
    const me = await DB.get("/api/me");
    if (me.account && (me.account.access || []).length) await start(me);
    else showLogin();
  }

  main().catch(DB.showError);
})();
