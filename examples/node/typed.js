// Which lines go through a typed C call: those holding exactly the fields of one, each well
// formed as the engine's reader wants it. Any doubt leaves the line to apply_json, which gives
// the same result (the typed calls run the same checks and code).
'use strict';

// The commands with a typed C call and the string fields each takes (request_chat also takes
// the optional numbers lat and lon).
const TYPED_FIELDS = {
  go_available: ['expert'],
  go_unavailable: ['expert'],
  request_chat: ['shopper'],
  claim: ['expert', 'chat'],
  decline: ['expert', 'chat'],
  finish_chat: ['expert', 'chat'],
  send_message: ['chat', 'from'],
  record_purchase: ['order', 'shopper', 'subtotal', 'currency'],
  advance: [],
};
const OPTIONAL_NUMBERS = { request_chat: ['lat', 'lon'] };
const INSTANT = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,3}))?Z$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor((y >= 0 ? y : y - 399) / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Milliseconds of YYYY-MM-DDTHH:MM:SS[.f{1,3}]Z of a real date and time, else null. */
function epochMs(text) {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const ms = Number((m[7] || '').padEnd(3, '0'));
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > monthDays[mo - 1] || h > 23 || mi > 59 ||
      s > 59) {
    return null;
  }
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60000 + s * 1000 + ms;
}

/** A string the typed call may take as a Buffer: 1..128 bytes, no control character. */
function plainText(v) {
  if (typeof v !== 'string') return null;
  const b = Buffer.from(v, 'utf8');
  if (b.length < 1 || b.length > 128 || b.some((ch) => ch < 0x20 || ch === 0x7f)) return null;
  return b;
}

/** {cmd, atMs, s, lat, lon} for a line (a Buffer) a typed call runs, else null. */
function classify(line) {
  // No escapes: every '"' delimits a string, so a key given twice shows in the count below.
  if (line.includes(0x5c)) return null;
  let text;
  let obj;
  try {
    text = utf8.decode(line);
    obj = JSON.parse(text);
  } catch (e) {
    return null;
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return null;
  const cmd = obj.cmd;
  if (typeof cmd !== 'string' || !Object.prototype.hasOwnProperty.call(TYPED_FIELDS, cmd)) {
    return null;
  }
  const strings = TYPED_FIELDS[cmd];
  const numbers = OPTIONAL_NUMBERS[cmd] || [];
  for (const k of Object.keys(obj)) {
    const known = k === 'at' || k === 'cmd' || strings.includes(k) || numbers.includes(k);
    if (!known || text.split(`"${k}"`).length !== 2) return null;
  }
  const atMs = typeof obj.at === 'string' ? epochMs(obj.at) : null;
  if (atMs === null) return null;
  const s = {};
  for (const k of strings) {
    s[k] = plainText(obj[k]);
    if (s[k] === null) return null;
  }
  for (const k of numbers) {
    const v = obj[k];
    if (v !== undefined && (typeof v !== 'number' || !(Math.abs(v) <= 1000))) return null;
  }
  if (cmd === 'send_message' && obj.from !== 'expert' && obj.from !== 'shopper') return null;
  return { cmd, atMs, s, lat: obj.lat, lon: obj.lon };
}

module.exports = { classify };
