// Shared helpers of the vshop web pages (a classic script: load it before the page's own).
// window.vshop.api(path, options) -> JSON or throws ApiError(status, error, message);
// vshop.command(obj) posts to /api/command; vshop.subscribe(handlers) opens /api/events.
(function () {
  "use strict";

  class ApiError extends Error {
    constructor(status, error, message) {
      super(message || error);
      this.name = "ApiError";
      this.status = status;   // HTTP status (0 when the network failed)
      this.error = error;     // the engine's code, or "forbidden", "body_too_large", ...
    }
  }

  async function api(path, options = {}) {
    const init = { method: options.method || (options.body !== undefined ? "POST" : "GET"),
                   credentials: "same-origin", headers: {} };
    if (options.body !== undefined) {
      if (typeof options.body === "string") {
        init.body = options.body;
        init.headers["Content-Type"] = options.contentType || "text/plain";
      } else {
        init.body = JSON.stringify(options.body);
        init.headers["Content-Type"] = "application/json";
      }
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, "network", String(e));
    }
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
    if (!response.ok) {
      const body = data && typeof data === "object" ? data : {};
      throw new ApiError(response.status, body.error || "http_" + response.status,
                         body.message || String(text));
    }
    return data;
  }

  function command(obj) {
    return api("/api/command", { body: obj });
  }

  // handlers: {effect(e), message(m), clock(c), hello(me), error(ev)}; returns the EventSource.
  function subscribe(handlers) {
    const source = new EventSource("/api/events");
    for (const kind of ["hello", "effect", "message", "clock"]) {
      if (handlers[kind]) {
        source.addEventListener(kind, (ev) => handlers[kind](JSON.parse(ev.data)));
      }
    }
    if (handlers.error) source.onerror = handlers.error;
    return source;
  }

  // Milliseconds until an instant of the API (for countdowns), given the server's "now".
  function msUntil(instant, now) {
    return Date.parse(instant) - Date.parse(now);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({
      "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  window.vshop = { ApiError, api, command, subscribe, msUntil, escapeHtml };
})();
