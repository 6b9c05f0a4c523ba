// Dashboard tracking-event check: paste or upload events (JSON Lines), POST /api/inspect,
// show the summary and every issue the Inspector found.
"use strict";

(function () {
  const DB = window.DB;
  const $ = (id) => document.getElementById(id);

  function renderSummary(results, summary) {
    const crit = summary.critical !== undefined ? summary.critical : 0;
    const warn = summary.warning !== undefined ? summary.warning : 0;
    const events = summary.events !== undefined ? summary.events : results.length;
    $("inspect-summary").replaceChildren(
      DB.el("b", {}, events + " event" + (events === 1 ? "" : "s") + " checked: "),
      DB.el("span", { class: "sev-critical" }, crit + " critical"), ", ",
      DB.el("span", { class: "sev-warning" }, warn + " warning" + (warn === 1 ? "" : "s")),
      crit + warn === 0 ? DB.el("span", { class: "open-now" }, " — no issues") : "");
  }

  function render(answer) {
    renderSummary(answer.results, answer.summary || {});
    const rows = [];
    for (const r of answer.results) {
      for (const i of r.issues) {
        rows.push({ attrs: { "data-severity": i.severity, "data-code": i.code },
          cells: [{ text: r.line, num: true }, r.event,
            DB.el("span", { class: "sev-" + i.severity }, i.severity), i.code, i.path,
            i.message] });
      }
    }
    DB.fillTable($("inspect-issues"), ["Line", "Event", "Severity", "Code", "Path", "Message"],
      rows, "no issues");
  }

  async function check(ev) {
    ev.preventDefault();
    DB.clearError();
    const text = $("inspect-text").value;
    if (!text.trim()) {
      DB.showError({ error: "invalid_argument",
        message: "events: paste or upload at least one event" });
      return;
    }
    const answer = await DB.guard(() => DB.post("/api/inspect", text));
    if (answer) render(answer);
  }

  DB.inspector = {
    init() {
      $("inspect-form").addEventListener("submit", check);
      $("inspect-file").addEventListener("change", async (ev) => {
        const file = ev.target.files[0];
        if (file) $("inspect-text").value = await file.text();
      });
    },
  };
})();
