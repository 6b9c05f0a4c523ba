//! A vshop host in Rust through the C ABI: `vshop-host SCENARIO.jsonl` prints exactly what
//! `vshop simulate SCENARIO.jsonl` prints (docs/reference.md §11): the effects as canonical JSON
//! Lines and each rejected command as {"line":N,"error":"<code>","message":"..."}.
//! The host owns the clock: before a command at time T (vshop_command_at) it advances the engine to
//! each pending deadline <= T. Hot commands go through typed C calls when a line holds exactly
//! their fields (typed.rs); every other line through vshop_engine_apply_json. With VSHOP_HOST_STATS
//! set, the numbers of lines run by typed calls and by apply_json go to stderr.
mod engine;
mod typed;

use std::io::{BufRead, BufReader, Write};
use std::process::ExitCode;

use engine::{status_name, Engine, Status};

/// The longest command line `vshop simulate` reads.
const MAX_LINE_BYTES: usize = 1 << 20;

/// `s` as a JSON string the way the engine writes one (escaping only '"', '\\', controls).
fn json_string(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'"');
    for &c in s {
        match c {
            b'"' | b'\\' => out.extend_from_slice(&[b'\\', c]),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            c if c < 0x20 => out.extend_from_slice(format!("\\u{c:04x}").as_bytes()),
            c => out.push(c),
        }
    }
    out.push(b'"');
}

struct Host {
    engine: Engine,
    out: Vec<u8>,          // written to stdout in large pieces
    calls: (usize, usize), // lines run by typed calls, by apply_json (VSHOP_HOST_STATS)
}

impl Host {
    /// Fires the pending deadlines up to `at_ms` one at a time, as a host's timer would. The
    /// effects are drained after the command, so that a full outbox stops the clock exactly
    /// where one `vshop simulate` step stops it.
    fn advance_to(&mut self, at_ms: i64) {
        while let Some(deadline) = self.engine.next_deadline().filter(|d| *d <= at_ms) {
            if self.engine.advance(deadline) != 0 {
                return; // the outbox is full: the command reports it
            }
        }
    }

    fn error_line(&mut self, number: usize, status: Status, message: &[u8]) {
        self.out
            .extend_from_slice(format!("{{\"line\":{number},\"error\":").as_bytes());
        json_string(&mut self.out, status_name(status));
        self.out.extend_from_slice(b",\"message\":");
        json_string(&mut self.out, message);
        self.out.extend_from_slice(b"}\n");
    }

    fn run_line(&mut self, number: usize, mut line: &[u8]) {
        if line.len() > MAX_LINE_BYTES {
            let message = format!(
                "line of {} bytes, over the limit of {MAX_LINE_BYTES} bytes",
                line.len()
            );
            self.error_line(
                number,
                vshop_sys::VSHOP_INVALID_ARGUMENT,
                message.as_bytes(),
            );
            return;
        }
        if line.iter().all(|c| matches!(c, b' ' | b'\t' | b'\r')) {
            return;
        }
        if let [rest @ .., b'\r'] = line {
            line = rest;
        }
        // The clock first: the deadlines up to the command's time, when the engine's reader
        // accepts the line (one it rejects does not move the clock in `vshop simulate`).
        let at_ms = engine::command_at(line);
        if let Some(at_ms) = at_ms {
            self.advance_to(at_ms);
        }
        let status = match at_ms.and_then(|t| typed::classify(line).map(|c| (t, c))) {
            Some((at_ms, command)) => {
                self.calls.0 += 1;
                command.run(&mut self.engine, at_ms)
            }
            None => {
                self.calls.1 += 1;
                self.engine.apply_json(line)
            }
        };
        self.engine.drain_effects(&mut self.out);
        if status != 0 {
            let message = self.engine.last_error();
            self.error_line(number, status, &message);
        }
    }
}

fn run(path: &str) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut input = BufReader::with_capacity(1 << 16, file);
    let mut host = Host {
        engine: Engine::new()?,
        out: Vec::with_capacity(1 << 17),
        calls: (0, 0),
    };
    let stdout = std::io::stdout();
    let mut stdout = stdout.lock();
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        line.clear();
        if input
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("{path}: {e}"))?
            == 0
        {
            break;
        }
        number += 1;
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        host.run_line(number, text);
        if host.out.len() >= 1 << 16 {
            stdout.write_all(&host.out).map_err(|e| e.to_string())?;
            host.out.clear();
        }
    }
    stdout
        .write_all(&host.out)
        .and_then(|_| stdout.flush())
        .map_err(|e| e.to_string())?;
    if std::env::var_os("VSHOP_HOST_STATS").map_or(false, |v| !v.is_empty()) {
        eprintln!("typed {} apply_json {}", host.calls.0, host.calls.1);
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 2 {
        eprintln!("usage: vshop-host SCENARIO.jsonl");
        return ExitCode::from(2);
    }
    match run(&args[1]) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vshop-host: {e}");
            ExitCode::from(2)
        }
    }
}
