//! Which lines go through a typed C call: those holding exactly the fields of one, each well
//! formed as the engine's reader wants it. Any doubt leaves the line to apply_json, which gives
//! the same result (the typed calls run the same checks and code).
use serde_json::{Map, Value};

use crate::engine::{Engine, Status};

/// The commands with a typed C call and the string fields each takes (request_chat also takes
/// the optional numbers lat and lon).
const TYPED_FIELDS: &[(&str, &[&str])] = &[
    ("go_available", &["expert"]),
    ("go_unavailable", &["expert"]),
    ("request_chat", &["shopper"]),
    ("claim", &["expert", "chat"]),
    ("decline", &["expert", "chat"]),
    ("finish_chat", &["expert", "chat"]),
    ("send_message", &["chat", "from"]),
    (
        "record_purchase",
        &["order", "shopper", "subtotal", "currency"],
    ),
    ("advance", &[]),
];
const OPTIONAL_NUMBERS: &[&str] = &["lat", "lon"]; // request_chat only

pub struct TypedCommand {
    cmd: String,
    pub at_ms: i64,
    strs: Vec<Vec<u8>>, // in TYPED_FIELDS order
    lat: Option<f64>,
    lon: Option<f64>,
}

fn digits(s: &[u8]) -> Option<i64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Milliseconds of YYYY-MM-DDTHH:MM:SS[.f{1,3}]Z of a real date and time; any other form is
/// left to the engine (None).
fn epoch_ms(s: &[u8]) -> Option<i64> {
    if s.len() < 20
        || s[s.len() - 1] != b'Z'
        || s[4] != b'-'
        || s[7] != b'-'
        || s[10] != b'T'
        || s[13] != b':'
        || s[16] != b':'
    {
        return None;
    }
    let (y, mo, d) = (digits(&s[0..4])?, digits(&s[5..7])?, digits(&s[8..10])?);
    let (h, mi, sec) = (
        digits(&s[11..13])?,
        digits(&s[14..16])?,
        digits(&s[17..19])?,
    );
    let ms = match &s[19..s.len() - 1] {
        [] => 0,
        [b'.', frac @ ..] if (1..=3).contains(&frac.len()) => {
            digits(frac)? * [100, 10, 1][frac.len() - 1]
        }
        _ => return None,
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if y < 1
        || !(1..=12).contains(&mo)
        || d < 1
        || d > month_days[(mo - 1) as usize]
        || h > 23
        || mi > 59
        || sec > 59
    {
        return None;
    }
    Some(((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + ms)
}

/// A string the typed call may take: 1..128 bytes without a control character (a valid id).
fn plain_text(v: Option<&Value>) -> Option<Vec<u8>> {
    let s = v?.as_str()?.as_bytes();
    let ok = (1..=128).contains(&s.len()) && s.iter().all(|&c| c >= 0x20 && c != 0x7F);
    ok.then(|| s.to_vec())
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// The typed form of `line`, or None to send it to apply_json.
pub fn classify(line: &[u8]) -> Option<TypedCommand> {
    // No escapes: every '"' delimits a string, so a key given twice shows in the count below.
    if line.contains(&b'\\') {
        return None;
    }
    let obj: Map<String, Value> = serde_json::from_slice(line).ok()?;
    let cmd = obj.get("cmd")?.as_str()?;
    let &(_, strings) = TYPED_FIELDS.iter().find(|(name, _)| *name == cmd)?;
    let numbers: &[&str] = if cmd == "request_chat" {
        OPTIONAL_NUMBERS
    } else {
        &[]
    };
    for key in obj.keys() {
        let known = key == "at"
            || key == "cmd"
            || strings.contains(&key.as_str())
            || numbers.contains(&key.as_str());
        if !known || count(line, format!("\"{key}\"").as_bytes()) != 1 {
            return None;
        }
    }
    let at_ms = epoch_ms(obj.get("at")?.as_str()?.as_bytes())?;
    let strs = strings
        .iter()
        .map(|k| plain_text(obj.get(*k)))
        .collect::<Option<Vec<_>>>()?;
    let number = |k: &str| -> Option<Option<f64>> {
        match obj.get(k) {
            None => Some(None),
            Some(v) => v
                .as_f64()
                .filter(|x| x.is_finite() && x.abs() <= 1000.0)
                .map(Some),
        }
    };
    let (lat, lon) = (number("lat")?, number("lon")?);
    if cmd == "send_message" && strs[1] != b"expert" && strs[1] != b"shopper" {
        return None;
    }
    Some(TypedCommand {
        cmd: cmd.to_string(),
        at_ms,
        strs,
        lat,
        lon,
    })
}

impl TypedCommand {
    /// Makes the typed C call.
    pub fn run(&self, engine: &mut Engine) -> Status {
        let (t, s) = (self.at_ms, &self.strs);
        match self.cmd.as_str() {
            "advance" => engine.advance(t),
            "go_available" => engine.go_available(t, &s[0]),
            "go_unavailable" => engine.go_unavailable(t, &s[0]),
            "request_chat" => engine.request_chat(t, &s[0], self.lat, self.lon),
            "send_message" => engine.send_message(t, &s[0], s[1] == b"shopper"),
            "record_purchase" => engine.record_purchase(t, &s[0], &s[1], &s[2], &s[3]),
            cmd => engine.expert_chat(cmd, t, &s[0], &s[1]),
        }
    }
}
