// Dashboard Manage Stores: the stores with their opening hours and exceptions, "open now /
// next change" kept live from the server clock, and the edit form (update_store).
"use strict";

(function () {
  const DB = window.DB;
  const $ = (id) => document.getElementById(id);
  const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const status = {}; // store id -> /api/stores/<id>/status answer
  let editing = null;
  let rendered = null; // the store list last rendered

  function hoursText(s) {
    if (s.osm_hours) return s.osm_hours;
    const h = s.hours || {};
    const parts = DAYS.filter((d) => h[d] && h[d].length).map((d) => d + " " + h[d].join(", "));
    return parts.length ? parts.join("; ") : "never open";
  }

  function exceptionsText(s) {
    const ex = s.exceptions || {};
    return Object.keys(ex).sort().map((d) => d + " " + (ex[d].length ? ex[d].join(", ") : "closed"))
      .join("; ");
  }

  function statusCell(s) {
    const st = status[s.store];
    if (!st) return "…";
    if (!st.active) return DB.el("span", { class: "closed-now store-status" }, "deactivated");
    return DB.el("span", { class: "store-status" },
      DB.el("span", { class: st.open ? "open-now" : "closed-now" },
        st.open ? "Open now" : "Closed"),
      DB.el("br"),
      st.next_change
        ? (st.open ? "closes " : "opens ") + DB.fmt.instant(st.next_change, s.timezone)
        : "no change within 400 days");
  }

  function render() {
    rendered = DB.state.stores;
    const rows = DB.state.stores.map((s) => ({
      attrs: { "data-store": s.store },
      cells: [s.store, s.name || "", s.public_name || "", s.timezone, hoursText(s),
        exceptionsText(s) || "–", statusCell(s),
        DB.state.canEditStores && s.active !== false
          ? DB.el("button", { type: "button", class: "edit", onclick: () => openEditor(s) }, "Edit")
          : ""],
    }));
    DB.fillTable($("table-store-list"), ["Id", "Name", "Public name", "Time zone", "Opening hours",
      "Exceptions", "Open now / next change (store time)", ""], rows, "no stores");
  }

  // Reloads the open/closed status of every store; resolves with the server's "now".
  async function refreshStatus() {
    let now = null;
    let changed = false;
    await Promise.all(DB.state.stores.map(async (s) => {
      const st = await DB.get("/api/stores/" + encodeURIComponent(s.store) + "/status");
      now = st.now;
      const old = status[s.store];
      changed = changed || !old || old.open !== st.open || old.active !== st.active ||
        old.next_change !== st.next_change;
      status[s.store] = st;
    }));
    if (changed || rendered !== DB.state.stores) render();
    return now;
  }

  // Called on every clock tick: reloads the status once a store's next change has passed.
  function onClock(now) {
    const t = Date.parse(now);
    const due = Object.values(status)
      .some((st) => st.next_change && Date.parse(st.next_change) <= t);
    if (due) DB.guard(refreshStatus);
  }

  function openEditor(s) {
    editing = s;
    $("store-edit-id").textContent = s.store;
    $("store-edit-name").value = s.name || "";
    $("store-edit-public").value = s.public_name || "";
    $("store-edit-tz").value = s.timezone;
    $("store-edit-osm").value = s.osm_hours || "";
    for (const d of DAYS) $("store-edit-" + d).value = ((s.hours || {})[d] || []).join(", ");
    const ex = s.exceptions || {};
    $("store-edit-exceptions").value = Object.keys(ex).sort()
      .map((d) => d + " " + (ex[d].length ? ex[d].join(", ") : "closed")).join("\n");
    $("store-edit").hidden = false;
  }

  const splitList = (text) => text.split(",").map((x) => x.trim()).filter((x) => x);

  // Builds the update_store command from the form (the engine validates every field).
  function editorCommand() {
    const cmd = { cmd: "update_store", store: editing.store,
      timezone: $("store-edit-tz").value.trim(),
      name: $("store-edit-name").value, public_name: $("store-edit-public").value };
    const osm = $("store-edit-osm").value.trim();
    if (osm) {
      cmd.osm_hours = osm;
    } else {
      cmd.hours = {};
      for (const d of DAYS) cmd.hours[d] = splitList($("store-edit-" + d).value);
    }
    cmd.exceptions = {};
    for (const line of $("store-edit-exceptions").value.split("\n")) {
      const t = line.trim();
      if (!t) continue;
      const [date, ...rest] = t.split(/\s+/);
      const spec = rest.join(" ");
      cmd.exceptions[date] = /^closed$/i.test(spec) ? [] : splitList(spec);
    }
    return cmd;
  }

  async function save(ev) {
    ev.preventDefault();
    DB.clearError();
    const ok = await DB.guard(() => DB.command(editorCommand()));
    if (ok === undefined) return;
    DB.showNotice("store " + editing.store + " saved");
    $("store-edit").hidden = true;
    editing = null;
    await DB.reloadStores();
  }

  DB.stores = {
    init() {
      const week = $("store-edit-week");
      for (const d of DAYS) {
        week.append(DB.el("label", { for: "store-edit-" + d }, d),
          DB.el("input", { id: "store-edit-" + d, placeholder: "closed" }));
      }
      $("store-edit").addEventListener("submit", save);
      $("store-edit-cancel").addEventListener("click", () => {
        $("store-edit").hidden = true;
        editing = null;
      });
    },
    render,
    refreshStatus,
    onClock,
  };
})();
