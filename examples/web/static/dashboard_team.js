// Dashboard Manage Team: pending / approved / deactivated experts; approve with a store,
// deactivate, reactivate. Every change is a command; the list reloads from /api/team.
"use strict";

(function () {
  const DB = window.DB;
  const $ = (id) => document.getElementById(id);
  let tab = "pending";

  function storeSelect(expert) {
    const sel = DB.el("select", { class: "approve-store", "aria-label": "store for " + expert.id });
    for (const s of DB.state.stores.filter((x) => x.active !== false)) {
      sel.append(DB.el("option", { value: s.store }, s.name || s.store));
    }
    if (expert.store) sel.value = expert.store;
    return sel;
  }

  async function act(cmd, expert, extra) {
    const ok = await DB.guard(() => DB.command(Object.assign({ cmd, expert: expert.id }, extra)));
    if (ok !== undefined) {
      DB.showNotice(cmd.replace("_", " ") + ": " + expert.id);
      await DB.reloadTeam();
    }
  }

  function actions(expert) {
    if (expert.account === "pending") {
      const sel = storeSelect(expert);
      return DB.el("span", {}, sel, " ", DB.el("button", { class: "approve", type: "button",
        onclick: () => act("approve_expert", expert, { store: sel.value }) }, "Approve"));
    }
    if (expert.account === "approved") {
      return DB.el("button", { class: "deactivate", type: "button",
        onclick: () => act("deactivate_expert", expert) }, "Deactivate");
    }
    if (expert.account === "deactivated") {
      return DB.el("button", { class: "reactivate", type: "button",
        onclick: () => act("reactivate_expert", expert) }, "Reactivate");
    }
    return "";
  }

  function render() {
    for (const b of $("team-tabs").querySelectorAll("button")) {
      const n = DB.state.experts.filter((e) => e.account === b.dataset.account).length;
      b.classList.toggle("active", b.dataset.account === tab);
      b.textContent = b.dataset.account[0].toUpperCase() + b.dataset.account.slice(1) +
        " (" + n + ")";
    }
    const rows = DB.state.experts.filter((e) => e.account === tab).map((e) => ({
      attrs: { "data-expert": e.id },
      cells: [e.id, e.name || "", e.email || "", e.store || "–",
        e.available ? "available" : "unavailable", { text: e.active_chats, num: true },
        actions(e)],
    }));
    DB.fillTable($("table-team"), ["Id", "Name", "Email", "Store", "Status", "Active chats", ""],
      rows, "no " + tab + " experts");
  }

  DB.team = {
    init() {
      $("team-tabs").addEventListener("click", (ev) => {
        if (!ev.target.dataset.account) return;
        tab = ev.target.dataset.account;
        render();
      });
    },
    render,
  };
})();
