// Peer: ajv (npm, pinned in bench/package.json) with the equivalent JSON Schema from
// generate_corpus.py. JSON.parse + validate (allErrors, like vshop reporting every issue) per
// line; prints one JSON line with the median of REPEAT runs.
// Usage: node ajv_peer.js SCHEMA.json EVENTS.jsonl [REPEAT]
const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020').default;
const [schemaPath, eventsPath, repeatArg] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const buffer = fs.readFileSync(eventsPath);
const lines = buffer.toString('utf8').split('\n').filter((l) => l.trim() !== '');
const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: false });
const validate = ajv.compile(schema);
const repeat = Number(repeatArg || 5);
const times = [];
let invalid = 0;
for (let r = 0; r < repeat; r++) {
  invalid = 0;
  // CPU time, as for the vshop rows: the benchmark machine is shared, wall time is noisy.
  const start = process.cpuUsage();
  for (const line of lines) {
    let doc;
    try { doc = JSON.parse(line); } catch (e) { invalid++; continue; }
    if (!validate(doc)) invalid++;
  }
  const used = process.cpuUsage(start);
  times.push((used.user + used.system) / 1e6);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(JSON.stringify({ peer: 'ajv', seconds: median, bytes: buffer.length,
  events: lines.length, invalid, mb_per_s: buffer.length / 1e6 / median,
  events_per_s: lines.length / median }));
