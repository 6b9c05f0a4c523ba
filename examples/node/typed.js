// Which lines go through a typed C call: commands the engine's reader accepts (vshop_command_at
// said so) that hold exactly the fields of one. Every other line goes to apply_json, which
// gives the same result (the typed calls run the same checks and code).
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

/** {cmd, s, lat, lon} for a line (a Buffer) a typed call runs (`s`: its strings as Buffers),
 * else null. */
function classify(line) {
  if (line.includes(0x5c)) return null; // escapes are left to the engine's reader
  let obj;
  try {
    obj = JSON.parse(line.toString('utf8'));
  } catch (e) {
    return null;
  }
  const strings = Object.prototype.hasOwnProperty.call(TYPED_FIELDS, obj.cmd) ?
    TYPED_FIELDS[obj.cmd] : null;
  if (strings === null || obj.at === undefined) return null;
  const s = {};
  for (const k of strings) {
    if (typeof obj[k] !== 'string') return null; // not, e.g., a subtotal in minor units
    s[k] = Buffer.from(obj[k], 'utf8');
  }
  const numbers = obj.cmd === 'request_chat' ?
    ['lat', 'lon'].filter((k) => typeof obj[k] === 'number') : [];
  if (Object.keys(obj).length !== 2 + strings.length + numbers.length) return null;
  if (obj.cmd === 'send_message' && obj.from !== 'expert' && obj.from !== 'shopper') return null;
  return { cmd: obj.cmd, s, lat: obj.lat, lon: obj.lon };
}

module.exports = { classify };
