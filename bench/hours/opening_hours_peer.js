// The peer side of the opening-hours benchmark: the same stores (same OSM rules, same zones) and
// the same (store, instant) queries as bench_hours, answered by opening_hours.js, which
// evaluates in the process's local time zone, so queries are grouped by zone and TZ is set per
// group (Node re-reads TZ when it is assigned). Prints medians over rounds and, given vshop's
// Google Benchmark JSON, the ratios.
// Usage: node opening_hours_peer.js WORKLOAD.json [VSHOP_BENCH.json]
'use strict';
const fs = require('fs');
const path = require('path');
const OpeningHours = require(path.join(__dirname, '..', 'node_modules', 'opening_hours'));

const DAY_MS = 86400000;
const ROUNDS = 5;
const PEER_QUERIES = 8192;  // of the workload's queries; opening_hours.js is slow enough

const workload = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const stores = workload.stores.map((s) => ({zone: s.zone, oh: new OpeningHours(s.osm, null, {})}));
const queries = workload.queries.slice(0, PEER_QUERIES);
const byZone = new Map();
for (const q of queries) {
  const zone = stores[q[0]].zone;
  if (!byZone.has(zone)) byZone.set(zone, []);
  byZone.get(zone).push(q);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// One round: every query once, zone by zone; returns ns per query.
function round(fn) {
  let total = 0n;
  for (const [zone, list] of byZone) {
    process.env.TZ = zone;
    const start = process.hrtime.bigint();
    for (const q of list) fn(q);
    total += process.hrtime.bigint() - start;
  }
  return Number(total) / queries.length;
}

let sink = 0;
const isOpen = (q) => { if (stores[q[0]].oh.getState(new Date(q[1]))) sink++; };
const nextChange = (q) => {
  const next = stores[q[0]].oh.getNextChange(new Date(q[1]), new Date(q[1] + 400 * DAY_MS));
  if (next) sink++;
};
round(isOpen);  // warm-up (JIT)
round(nextChange);
const stateNs = median(Array.from({length: ROUNDS}, () => round(isOpen)));
const nextNs = median(Array.from({length: ROUNDS}, () => round(nextChange)));

// How often the two agree on the same rules (they differ by design where opening_hours.js cuts
// a previous day's tail or maps DST-gap times differently).
let sameState = 0;
let sameNext = 0;
for (const [zone, list] of byZone) {
  process.env.TZ = zone;
  for (const q of list) {
    const oh = stores[q[0]].oh;
    if (oh.getState(new Date(q[1])) === q[2]) sameState++;
    const next = oh.getNextChange(new Date(q[1]), new Date(q[1] + 400 * DAY_MS));
    if ((next ? next.getTime() : null) === q[3]) sameNext++;
  }
}

console.log(`opening_hours.js ${require(path.join(__dirname, '..', 'node_modules', 'opening_hours', 'package.json')).version}: ` +
            `${queries.length} queries over ${stores.length} stores, median of ${ROUNDS} rounds`);
console.log(`  getState       ${stateNs.toFixed(0)} ns/query`);
console.log(`  getNextChange  ${nextNs.toFixed(0)} ns/query`);
console.log(`  same answer as vshop: is_open ${(100 * sameState / queries.length).toFixed(1)}%, ` +
            `next_change ${(100 * sameNext / queries.length).toFixed(1)}%`);

if (process.argv[3]) {
  const bench = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  const med = (name) => {
    const b = bench.benchmarks.find((x) => x.name === `${name}_median`) ||
              bench.benchmarks.find((x) => x.name === name);
    return b.real_time * ({ns: 1, us: 1e3, ms: 1e6}[b.time_unit] || 1);
  };
  const vIsOpen = med('BM_is_open');
  const vNext = med('BM_next_change');
  console.log('vshop vs opening_hours.js (medians, same run):');
  console.log(`  is_open      ${vIsOpen.toFixed(1)} ns vs ${stateNs.toFixed(0)} ns: ` +
              `${(stateNs / vIsOpen).toFixed(0)}x faster (target <= 50 ns, >= 100x)`);
  console.log(`  next_change  ${vNext.toFixed(1)} ns vs ${nextNs.toFixed(0)} ns: ` +
              `${(nextNs / vNext).toFixed(0)}x faster (target <= 200 ns, >= 100x)`);
}
if (sink < 0) console.log(sink);
