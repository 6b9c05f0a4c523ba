// Dashboard analytics: the R-METRIC-1 tiles, the daily charts and the per-store / per-expert
// tables over a date range in the merchant's reporting time zone.
"use strict";

(function () {
  const DB = window.DB;
  const $ = (id) => document.getElementById(id);

  // An expert scope has no "per associate" figure (docs/metrics.md).
  const expertScope = () => ($("scope").value || "").startsWith("expert:");

  // The tiles of R-METRIC-1, in the seeds' order: [label, value(m), sub(m)]. Every chat belongs
  // to one store and at most one expert (docs/metrics.md): "initiated" is the chats the scope
  // owns, "offered" the chats offered to it.
  const TILES = [
    ["Chats initiated", (m) => DB.fmt.int(m.initiated), (m) => m.missed + " missed"],
    ["Chats claimed", (m) => DB.fmt.pct(m.claimed_ratio), (m) => m.claimed + " claimed"],
    ["Missed chats", (m) => DB.fmt.int(m.missed), () => ""],
    ["Offers claimed", (m) => DB.fmt.pct(m.offers_claimed_ratio),
      (m) => m.offered + " offered"],
    ["Chats per available associate", (m) => expertScope() ? "–"
      : DB.fmt.num1(m.chats_per_associate),
      (m) => "per day · " + m.available_associates + " associates"],
    ["Average star rating", (m) => DB.fmt.num1(m.average_rating), (m) => m.ratings + " ratings"],
    ["No. of orders", (m) => DB.fmt.int(m.orders), (m) => m.unattributed_orders + " unattributed"],
    ["Gross value", (m) => DB.fmt.money(m.currencies, "gross"), () => ""],
    ["Average order value", (m) => DB.fmt.money(m.currencies, "average"), () => ""],
    ["Chat-to-sale conversion", (m) => DB.fmt.pct(m.conversion_ratio),
      (m) => m.converted + " of " + m.engaged + " engaged chats"],
    ["Response time", (m) => DB.fmt.secs(m.response_median_s),
      (m) => "median · p90 " + DB.fmt.secs(m.response_p90_s)],
  ];

  // The whole history: every reporting day the engine keeps (the folded ones included).
  const ALL_TIME = { from: "1970-01-01", to: "2999-12-31" };

  function query(scope, id, range) {
    const p = new URLSearchParams(range ||
      { from: $("range-from").value, to: $("range-to").value });
    if (scope && scope !== "merchant") {
      p.set("scope", scope);
      p.set("id", id);
    }
    return p.toString();
  }

  // Each tile shows the range's figure with the all-time one beside it (as the seeds do).
  function renderTiles(m, all) {
    const box = $("tiles");
    box.replaceChildren(...TILES.map(([label, value, sub]) =>
      DB.el("div", { class: "db-tile", "data-tile": label },
        DB.el("div", { class: "label" }, label),
        DB.el("div", { class: "value" }, value(m)),
        DB.el("div", { class: "sub" }, sub(m)),
        DB.el("div", { class: "sub all-time" }, "All time: " + value(all)))));
  }

  function renderCharts(days) {
    if (!window.Plotly) return;
    const x = days.map((d) => d.day);
    const layout = (title, ytitle) => ({ title: { text: title, font: { size: 14 } },
      margin: { l: 45, r: 10, t: 36, b: 40 }, yaxis: { title: ytitle, rangemode: "tozero" },
      xaxis: { type: "category" }, legend: { orientation: "h", y: -0.2 }, barmode: "group" });
    const cfg = { displayModeBar: false, responsive: true };
    Plotly.react("chart-chats", [
      { type: "bar", name: "initiated", x, y: days.map((d) => d.initiated) },
      { type: "bar", name: "claimed", x, y: days.map((d) => d.claimed) },
      { type: "bar", name: "missed", x, y: days.map((d) => d.missed) },
    ], layout("Chats per day", "chats"), cfg);
    Plotly.react("chart-response", [
      { type: "scatter", mode: "lines+markers", name: "median", x,
        y: days.map((d) => d.response_median_s) },
      { type: "scatter", mode: "lines+markers", name: "p90", x,
        y: days.map((d) => d.response_p90_s) },
    ], layout("Response time (request to claim)", "seconds"), cfg);
  }

  function metricCells(m) {
    return [
      { text: m.initiated, num: true }, { text: DB.fmt.pct(m.claimed_ratio), num: true },
      { text: m.missed, num: true }, { text: DB.fmt.num1(m.average_rating), num: true },
      { text: m.orders, num: true }, { text: DB.fmt.money(m.currencies, "gross"), num: true },
      { text: DB.fmt.pct(m.conversion_ratio), num: true },
      { text: DB.fmt.secs(m.response_median_s), num: true },
    ];
  }
  const METRIC_HEADERS = ["Chats", "Claimed", "Missed", "Rating", "Orders", "Gross value",
    "Conversion", "Response (median)"];

  async function renderScopeTable(table, scope, items) {
    const rows = await Promise.all(items.map(async (item) => {
      const m = await DB.get("/api/metrics?" + query(scope, item.id));
      return { attrs: { "data-id": item.id }, cells: [item.label, ...metricCells(m)] };
    }));
    DB.fillTable(table, [scope === "store" ? "Store" : "Expert", ...METRIC_HEADERS], rows,
      "no " + scope + "s");
  }

  function fillScopeSelect() {
    const sel = $("scope");
    const keep = sel.value;
    sel.replaceChildren(DB.el("option", { value: "merchant" }, "All chats"));
    for (const s of DB.state.stores) {
      sel.append(DB.el("option", { value: "store:" + s.store }, "Store: " + (s.name || s.store)));
    }
    for (const e of DB.state.experts.filter((x) => x.account !== "pending")) {
      sel.append(DB.el("option", { value: "expert:" + e.id }, "Expert: " + (e.name || e.id)));
    }
    if ([...sel.options].some((o) => o.value === keep)) sel.value = keep;
  }

  // Reloads everything the Analytics section shows.
  async function refresh() {
    if (!$("range-from").value || !$("range-to").value) return;
    const [scope, id] = $("scope").value.split(":");
    const q = query(scope, id);
    const [m, daily, all] = await Promise.all([DB.get("/api/metrics?" + q),
      DB.get("/api/daily_metrics?" + q), DB.get("/api/metrics?" + query(scope, id, ALL_TIME))]);
    renderTiles(m, all);
    renderCharts(daily.days);
    await renderScopeTable($("table-stores"), "store",
      DB.state.stores.map((s) => ({ id: s.store, label: s.name || s.store })));
    await renderScopeTable($("table-experts"), "expert", DB.state.experts
      .filter((e) => e.account !== "pending").map((e) => ({ id: e.id, label: e.name || e.id })));
    $("analytics").dataset.loaded = String(Date.now());
  }

  // Sets the default range: the last 7 days ending today in the reporting time zone.
  function defaultRange(nowText, tz) {
    const today = new Date(nowText).toLocaleDateString("en-CA", { timeZone: tz });
    const start = new Date(today + "T00:00:00Z");
    start.setUTCDate(start.getUTCDate() - 6);
    $("range-from").value = start.toISOString().slice(0, 10);
    $("range-to").value = today;
  }

  DB.analytics = {
    init(nowText, tz) {
      $("report-tz").textContent = tz;
      defaultRange(nowText, tz);
      fillScopeSelect();
      $("range-form").addEventListener("submit", (ev) => {
        ev.preventDefault();
        DB.clearError();
        DB.guard(refresh);
      });
      $("scope").addEventListener("change", () => DB.guard(refresh));
    },
    fillScopeSelect,
    refresh,
  };
})();
