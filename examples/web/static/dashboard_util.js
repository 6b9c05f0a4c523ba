// Dashboard helpers: DOM building, tables, errors, and the calls into common.js.
"use strict";

const DB = (window.DB = window.DB || {});

// Calls the server through common.js (window.vshop; a refusal throws ApiError with the
// engine's code in .error and its message in .message). A string body is sent as text/plain.
DB.get = (path) => window.vshop.api(path);
DB.post = (path, body) => window.vshop.api(path, { method: "POST", body });
DB.command = (obj) => window.vshop.command(obj);

// el("td", {class: "num"}, "3") -> an element with attributes and children (text or nodes).
DB.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) {
      node.setAttribute(k, v === true ? "" : v);
    }
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
};

// Fills a <table> with a header row and rows of cells (a cell: text, node, or {text, num}).
DB.fillTable = function (table, headers, rows, emptyText) {
  table.replaceChildren();
  table.append(DB.el("thead", {}, DB.el("tr", {}, headers.map((h) => DB.el("th", {}, h)))));
  const body = DB.el("tbody");
  if (rows.length === 0) {
    body.append(DB.el("tr", {}, DB.el("td", { class: "empty", colspan: headers.length },
      emptyText || "nothing to show")));
  }
  for (const row of rows) {
    body.append(DB.el("tr", row.attrs || {}, row.cells.map((c) =>
      c !== null && typeof c === "object" && !(c instanceof Node)
        ? DB.el("td", { class: c.num ? "num" : null }, c.text) : DB.el("td", {}, c))));
  }
  table.append(body);
};

// Shows an error from the server (ApiError: the engine's code and message) above the page.
DB.showError = function (err) {
  const box = document.getElementById("db-error");
  const code = err && err.error ? err.error + ": " : "";
  box.textContent = code + (err && err.message ? err.message : String(err));
  box.className = "db-error";
  box.hidden = false;
};

// Shows a success notice in the same place (cleared by the next error or notice).
DB.showNotice = function (text) {
  const box = document.getElementById("db-error");
  box.textContent = text;
  box.className = "db-notice";
  box.hidden = false;
};

DB.clearError = function () {
  document.getElementById("db-error").hidden = true;
};

// Runs an async action, showing its error; resolves with its value or undefined.
DB.guard = async function (action) {
  try {
    return await action();
  } catch (err) {
    DB.showError(err);
    return undefined;
  }
};

// Formatting for tiles and tables.
DB.fmt = {
  int: (v) => (v === null || v === undefined ? "–" : String(v)),
  pct: (v) => (v === null || v === undefined ? "–" : (v * 100).toFixed(1) + "%"),
  num1: (v) => (v === null || v === undefined ? "–" : Number(v).toFixed(1)),
  secs: (v) => (v === null || v === undefined ? "–" : DB.fmt.duration(v)),
  duration(s) {
    if (s < 60) return (Math.round(s * 10) / 10) + " s";
    const m = Math.floor(s / 60);
    return m + " min " + Math.round(s - m * 60) + " s";
  },
  money(currencies, key) {
    if (!currencies || currencies.length === 0) return "–";
    return currencies.map((c) => (c[key] === null ? "–" : c[key] + " " + c.code)).join(" · ");
  },
  instant(t, tz) {
    if (!t) return "–";
    try {
      return new Date(t).toLocaleString("en-GB", { timeZone: tz || "UTC", weekday: "short",
        year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    } catch (e) {
      return t;
    }
  },
};
