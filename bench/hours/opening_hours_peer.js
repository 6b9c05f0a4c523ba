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

// One round: every query once, zone by zone; returns [wall ns, CPU ns] per query (CPU time is
// the fairer figure when other processes share the machine; Google Benchmark reports both).
function round(fn) {
  let total = 0n;
  let cpu = 0;
  for (const [zone, list] of byZone) {
    process.env.TZ = zone;
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (const q of list) fn(q);
    total += process.hrtime.bigint() - start;
    const used = process.cpuUsage(cpuStart);
    cpu += (used.user + used.system) * 1000;
  }
  return [Number(total) / queries.length, cpu / queries.length];
}

let sink = 0;
const isOpen = (q) => { if (stores[q[0]].oh.getState(new Date(q[1]))) sink++; };
const nextChange = (q) => {
  const next = stores[q[0]].oh.getNextChange(new Date(q[1]), new Date(q[1] + 400 * DAY_MS));
  if (next) sink++;
};
round(isOpen);  // warm-up (JIT)
round(nextChange);
const stateRounds = Array.from({length: ROUNDS}, () => round(isOpen));
const nextRounds = Array.from({length: ROUNDS}, () => round(nextChange));
const stateNs = median(stateRounds.map((r) => r[0]));
const stateCpuNs = median(stateRounds.map((r) => r[1]));
const nextNs = median(nextRounds.map((r) => r[0]));
const nextCpuNs = median(nextRounds.map((r) => r[1]));

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
console.log(`  getState       ${stateNs.toFixed(0)} ns/query (CPU ${stateCpuNs.toFixed(0)} ns)`);
console.log(`  getNextChange  ${nextNs.toFixed(0)} ns/query (CPU ${nextCpuNs.toFixed(0)} ns)`);
console.log(`  same answer as vshop: is_open ${(100 * sameState / queries.length).toFixed(1)}%, ` +
            `next_change ${(100 * sameNext / queries.length).toFixed(1)}%`);

if (process.argv[3]) {
  const bench = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  const med = (name, field) => {
    const b = bench.benchmarks.find((x) => x.name === `${name}_median`) ||
              bench.benchmarks.find((x) => x.name === name);
    return b[field] * ({ns: 1, us: 1e3, ms: 1e6}[b.time_unit] || 1);
  };
  const line = (what, v, vCpu, js, jsCpu, target) =>
    console.log(`  ${what} ${v.toFixed(1)} ns vs ${js.toFixed(0)} ns: ${(js / v).toFixed(0)}x faster; ` +
                `CPU time ${vCpu.toFixed(1)} ns vs ${jsCpu.toFixed(0)} ns: ${(jsCpu / vCpu).toFixed(0)}x ` +
                `(target <= ${target} ns, >= 100x)`);
  console.log('vshop vs opening_hours.js (medians, same run):');
  line('is_open    ', med('BM_is_open', 'real_time'), med('BM_is_open', 'cpu_time'), stateNs,
       stateCpuNs, 20);
  line('next_change', med('BM_next_change', 'real_time'), med('BM_next_change', 'cpu_time'), nextNs,
       nextCpuNs, 200);
}
if (sink < 0) console.log(sink);
