//! Which lines go through a typed C call: commands the engine's reader accepts
//! (vshop_command_at said so) that hold exactly the fields of one. Every other line goes to
//! apply_json, which gives the same result (the typed calls run the same checks and code).
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

pub struct TypedCommand {
    cmd: String,
    strs: Vec<Vec<u8>>, // in TYPED_FIELDS order
    lat: Option<f64>,
    lon: Option<f64>,
}

/// The typed form of `line`, or None to send it to apply_json.
pub fn classify(line: &[u8]) -> Option<TypedCommand> {
    if line.contains(&b'\\') {
        return None; // escapes are left to the engine's reader
    }
    let obj: Map<String, Value> = serde_json::from_slice(line).ok()?;
    let cmd = obj.get("cmd")?.as_str()?;
    let &(_, strings) = TYPED_FIELDS.iter().find(|(name, _)| *name == cmd)?;
    obj.get("at")?;
    // Strings only (not, e.g., a subtotal in minor units).
    let strs = strings
        .iter()
        .map(|k| {
            obj.get(*k)
                .and_then(Value::as_str)
                .map(|s| s.as_bytes().to_vec())
        })
        .collect::<Option<Vec<_>>>()?;
    let number = |k: &str| {
        if cmd == "request_chat" {
            obj.get(k).and_then(Value::as_f64)
        } else {
            None
        }
    };
    let (lat, lon) = (number("lat"), number("lon"));
    if obj.len() != 2 + strs.len() + usize::from(lat.is_some()) + usize::from(lon.is_some()) {
        return None; // another field
    }
    if cmd == "send_message" && strs[1] != b"expert" && strs[1] != b"shopper" {
        return None;
    }
    Some(TypedCommand {
        cmd: cmd.to_string(),
        strs,
        lat,
        lon,
    })
}

impl TypedCommand {
    /// Makes the typed C call at `t`.
    pub fn run(&self, engine: &mut Engine, t: i64) -> Status {
        let s = &self.strs;
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
