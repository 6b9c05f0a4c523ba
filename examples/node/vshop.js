// The part of the vshop C ABI (capi/include/vshop/vshop.h) the Node host uses, bound with koffi.
// The library: $VSHOP_LIB, else the libdir `pkg-config vshop` names, else the loader's search.
'use strict';
const childProcess = require('child_process');
const path = require('path');
const koffi = require('koffi');

function libraryPath() {
  if (process.env.VSHOP_LIB) return process.env.VSHOP_LIB;
  try {
    const libdir = childProcess
      .execFileSync('pkg-config', ['--variable=libdir', 'vshop'], { encoding: 'utf8' })
      .trim();
    if (libdir) return path.join(libdir, 'libvshop.so');
  } catch (e) {
    // no pkg-config or no vshop.pc: let the dynamic loader search
  }
  return 'libvshop.so';
}

const lib = koffi.load(libraryPath());
koffi.struct('vshop_string', { data: 'const char *', len: 'size_t' });
const S = 'int32_t'; // vshop_status
const T = 'const uint8_t *'; // the pointer of a (pointer, length) UTF-8 string
const c = {
  statusName: lib.func('const char *vshop_status_name(int32_t status)'),
  lastError: lib.func('const char *vshop_last_error()'),
  engineNew: lib.func(`${S} vshop_engine_new(_Out_ void **out, const void *opts)`),
  engineFree: lib.func('void vshop_engine_free(void *engine)'),
  engineLastError: lib.func('const char *vshop_engine_last_error(void *engine)'),
  applyJson: lib.func(`${S} vshop_engine_apply_json(void *e, ${T} line, size_t len)`),
  commandAt: lib.func(
    `${S} vshop_command_at(${T} line, size_t len, _Out_ int64_t *ms, _Out_ int *has)`),
  advance: lib.func(`${S} vshop_engine_advance(void *e, int64_t now_ms)`),
  nextDeadline: lib.func(
    `${S} vshop_engine_next_deadline(void *e, _Out_ int64_t *ms, _Out_ int *has)`),
  drainEffects: lib.func(
    `${S} vshop_engine_drain_effects_json(void *e, _Out_ void **out, _Out_ size_t *len)`),
  go_available: lib.func(`${S} vshop_engine_go_available(void *e, int64_t t, ${T} x, size_t n)`),
  go_unavailable: lib.func(
    `${S} vshop_engine_go_unavailable(void *e, int64_t t, ${T} x, size_t n)`),
  request_chat: lib.func(`${S} vshop_engine_request_chat(void *e, int64_t t, ${T} s, size_t n,
      const double *lat, const double *lon, _Out_ vshop_string *out_chat)`),
  claim: lib.func(`${S} vshop_engine_claim(void *e, int64_t t, ${T} x, size_t xn, ${T} c,
      size_t cn)`),
  decline: lib.func(`${S} vshop_engine_decline(void *e, int64_t t, ${T} x, size_t xn, ${T} c,
      size_t cn)`),
  finish_chat: lib.func(`${S} vshop_engine_finish_chat(void *e, int64_t t, ${T} x, size_t xn,
      ${T} c, size_t cn)`),
  send_message: lib.func(`${S} vshop_engine_send_message(void *e, int64_t t, ${T} c, size_t n,
      int32_t from)`),
  record_purchase: lib.func(`${S} vshop_engine_record_purchase(void *e, int64_t t, ${T} shopper,
      size_t sn, ${T} order, size_t on, ${T} subtotal, size_t tn, int32_t subtotal_is_integer,
      ${T} currency, size_t cn, ${T} items, size_t items_len)`),
};

const SENDER = { expert: 0, shopper: 1 }; // VSHOP_SENDER_*

/** One engine behind the C ABI. */
class Engine {
  constructor() {
    const out = [null];
    if (c.engineNew(out, null) !== 0) throw new Error(c.lastError());
    this.e = out[0];
  }

  free() {
    c.engineFree(this.e);
  }

  /** The message of the last failed call on this engine. */
  lastError() {
    return c.engineLastError(this.e);
  }

  /** Applies one JSON Lines command (a Buffer). */
  applyJson(line) {
    return c.applyJson(this.e, line, line.length);
  }

  advance(atMs) {
    return c.advance(this.e, atMs);
  }

  /** The earliest pending timer, or null. */
  nextDeadline() {
    const ms = [0];
    const has = [0];
    c.nextDeadline(this.e, ms, has);
    return has[0] ? Number(ms[0]) : null;
  }

  /** The pending effects as canonical JSON Lines (a Buffer copy), or null. */
  drainEffects() {
    const out = [null];
    const len = [0];
    if (c.drainEffects(this.e, out, len) !== 0 || Number(len[0]) === 0) return null;
    return Buffer.from(new Uint8Array(koffi.view(out[0], Number(len[0]))));
  }

  /** The typed call `cmd` at atMs; `s` holds its string fields as Buffers. */
  typed(cmd, atMs, s, lat, lon) {
    switch (cmd) {
      case 'advance':
        return c.advance(this.e, atMs);
      case 'go_available':
      case 'go_unavailable':
        return c[cmd](this.e, atMs, s.expert, s.expert.length);
      case 'claim':
      case 'decline':
      case 'finish_chat':
        return c[cmd](this.e, atMs, s.expert, s.expert.length, s.chat, s.chat.length);
      case 'request_chat':
        return c.request_chat(this.e, atMs, s.shopper, s.shopper.length,
          lat === undefined ? null : [lat], lon === undefined ? null : [lon], {});
      case 'send_message':
        return c.send_message(this.e, atMs, s.chat, s.chat.length, SENDER[s.from.toString()]);
      default: // record_purchase
        return c.record_purchase(this.e, atMs, s.shopper, s.shopper.length, s.order,
          s.order.length, s.subtotal, s.subtotal.length, 0, s.currency, s.currency.length, null, 0);
    }
  }
}

/** The time of a command line (a Buffer) the engine's reader accepts, else null (no time, or
 * rejected: then the line does not move the engine's clock). */
function commandAt(line) {
  const ms = [0];
  const has = [0];
  return c.commandAt(line, line.length, ms, has) === 0 && has[0] ? Number(ms[0]) : null;
}

module.exports = { Engine, commandAt, statusName: (s) => c.statusName(s), INVALID_ARGUMENT: -2 };
