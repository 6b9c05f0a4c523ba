#!/usr/bin/env node
// A vshop host in Node through the C ABI (koffi): `host.js SCENARIO.jsonl` prints exactly what
// `vshop simulate SCENARIO.jsonl` prints (docs/reference.md §11): the effects as canonical JSON
// Lines and each rejected command as {"line":N,"error":"<code>","message":"..."}.
// The host owns the clock: before a command at time T (vshop_command_at) it advances the engine
// to each pending deadline <= T. Hot commands go through typed C calls when a line holds exactly
// their fields (typed.js); every other line through vshop_engine_apply_json. With
// VSHOP_HOST_STATS set, the numbers of lines run by typed calls and by apply_json go to stderr.
'use strict';
const fs = require('fs');
const { Engine, commandAt, statusName, INVALID_ARGUMENT } = require('./vshop');
const { classify } = require('./typed');

const MAX_LINE_BYTES = 1 << 20; // the longest command line `vshop simulate` reads
const SHORT_ESCAPES = {
  8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 34: '\\"', 92: '\\\\',
};

/** `s` as a JSON string the way the engine writes one (escaping only '"', '\\', controls). */
function jsonString(s) {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0);
    if (SHORT_ESCAPES[code]) out += SHORT_ESCAPES[code];
    else if (code < 0x20) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

class Host {
  constructor() {
    this.engine = new Engine();
    this.chunks = [];
    this.calls = { typed: 0, applyJson: 0 }; // lines by entry point (VSHOP_HOST_STATS)
  }

  drain() {
    const effects = this.engine.drainEffects();
    if (effects) this.chunks.push(effects);
  }

  /** Fires the pending deadlines up to atMs one at a time, as a host's timer would. The effects
   * are drained after the command, so that a full outbox stops the clock exactly where one
   * `vshop simulate` step stops it. */
  advanceTo(atMs) {
    for (let d = this.engine.nextDeadline(); d !== null && d <= atMs;
      d = this.engine.nextDeadline()) {
      if (this.engine.advance(d) !== 0) return; // the outbox is full: the command reports it
    }
  }

  errorLine(number, status, message) {
    const line = `{"line":${number},"error":${jsonString(statusName(status))},` +
      `"message":${jsonString(message)}}\n`;
    this.chunks.push(Buffer.from(line, 'utf8'));
  }

  runLine(number, line) {
    if (line.length > MAX_LINE_BYTES) {
      this.errorLine(number, INVALID_ARGUMENT,
        `line of ${line.length} bytes, over the limit of ${MAX_LINE_BYTES} bytes`);
      return;
    }
    if (line.every((ch) => ch === 0x20 || ch === 0x09 || ch === 0x0d)) return;
    if (line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    // The clock first: the deadlines up to the command's time, when the engine's reader accepts
    // the line (one it rejects does not move the clock in `vshop simulate`).
    const atMs = commandAt(line);
    let typed = null;
    if (atMs !== null) {
      this.advanceTo(atMs);
      typed = classify(line);
    }
    let status;
    if (typed) {
      this.calls.typed++;
      status = this.engine.typed(typed.cmd, atMs, typed.s, typed.lat, typed.lon);
    } else {
      this.calls.applyJson++;
      status = this.engine.applyJson(line);
    }
    this.drain();
    if (status !== 0) this.errorLine(number, status, this.engine.lastError());
  }

  flush() {
    const data = Buffer.concat(this.chunks);
    this.chunks = [];
    for (let done = 0; done < data.length;) {
      try {
        done += fs.writeSync(1, data, done);
      } catch (e) {
        if (e.code !== 'EAGAIN') throw e; // a non-blocking pipe that is full: try again
      }
    }
  }
}

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write('usage: host.js SCENARIO.jsonl\n');
    return 2;
  }
  let data;
  try {
    data = fs.readFileSync(argv[0]);
  } catch (e) {
    process.stderr.write(`host.js: ${e.message}\n`);
    return 2;
  }
  const host = new Host();
  let number = 0;
  for (let start = 0; start < data.length;) {
    let end = data.indexOf(0x0a, start);
    if (end < 0) end = data.length;
    host.runLine(++number, data.subarray(start, end));
    if (host.chunks.length >= 4096) host.flush();
    start = end + 1;
  }
  host.flush();
  host.engine.free();
  if (process.env.VSHOP_HOST_STATS) {
    process.stderr.write(`typed ${host.calls.typed} apply_json ${host.calls.applyJson}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
