#!/usr/bin/env python3
"""A vshop host in Python through the C ABI, with the standard library's ctypes only.

usage: host.py SCENARIO.jsonl

Reads a scenario (JSON Lines commands, docs/reference.md §11), drives one engine through
libvshop.so and prints exactly what `vshop simulate SCENARIO.jsonl` prints: the effects as
canonical JSON Lines and each rejected command as {"line":N,"error":"<code>","message":"..."}.
The host owns the clock: before a command at time T (vshop_command_at) it advances the engine
to each pending deadline <= T. Hot commands go through the typed C calls when the line holds
exactly their fields (see typed_command); every other line through vshop_engine_apply_json.
The library: $VSHOP_LIB, else the libdir `pkg-config vshop` names, else the loader's search.
With VSHOP_HOST_STATS set, the numbers of lines run by typed calls and by apply_json go to stderr.
"""
import ctypes
import json
import os
import subprocess
import sys

MAX_LINE_BYTES = 1 << 20  # the longest command line `vshop simulate` reads

# cmd -> the string fields the typed call takes (request_chat also takes optional lat/lon).
TYPED_FIELDS = {
    "go_available": ("expert",),
    "go_unavailable": ("expert",),
    "request_chat": ("shopper",),
    "claim": ("expert", "chat"),
    "decline": ("expert", "chat"),
    "finish_chat": ("expert", "chat"),
    "send_message": ("chat", "from"),
    "record_purchase": ("order", "shopper", "subtotal", "currency"),
    "advance": (),
}
OPTIONAL_NUMBERS = {"request_chat": ("lat", "lon")}
SENDERS = {"expert": 0, "shopper": 1}  # VSHOP_SENDER_*


class VshopString(ctypes.Structure):
    _fields_ = [("data", ctypes.c_char_p), ("len", ctypes.c_size_t)]


def library_path():
    path = os.environ.get("VSHOP_LIB")
    if path:
        return path
    try:
        libdir = subprocess.run(["pkg-config", "--variable=libdir", "vshop"], check=True,
                                capture_output=True, text=True).stdout.strip()
        if libdir:
            return os.path.join(libdir, "libvshop.so")
    except (OSError, subprocess.CalledProcessError):
        pass
    return "libvshop.so"


def load(path):
    lib = ctypes.CDLL(path)
    eng, i64, sz, cp, st = ctypes.c_void_p, ctypes.c_int64, ctypes.c_size_t, ctypes.c_char_p, \
        ctypes.c_int32
    dp = ctypes.POINTER(ctypes.c_double)
    signatures = {
        "vshop_engine_new": [ctypes.POINTER(eng), ctypes.c_void_p],
        "vshop_engine_apply_json": [eng, cp, sz],
        "vshop_engine_advance": [eng, i64],
        "vshop_engine_next_deadline": [eng, ctypes.POINTER(i64), ctypes.POINTER(ctypes.c_int)],
        "vshop_engine_drain_effects_json": [eng, ctypes.POINTER(ctypes.c_void_p),
                                            ctypes.POINTER(sz)],
        "vshop_engine_go_available": [eng, i64, cp, sz],
        "vshop_engine_go_unavailable": [eng, i64, cp, sz],
        "vshop_engine_request_chat": [eng, i64, cp, sz, dp, dp, ctypes.c_void_p],
        "vshop_engine_claim": [eng, i64, cp, sz, cp, sz],
        "vshop_engine_decline": [eng, i64, cp, sz, cp, sz],
        "vshop_engine_finish_chat": [eng, i64, cp, sz, cp, sz],
        "vshop_engine_send_message": [eng, i64, cp, sz, st],
        "vshop_engine_record_purchase": [eng, i64, cp, sz, cp, sz, cp, sz, st, cp, sz, cp, sz],
        "vshop_command_at": [cp, sz, ctypes.POINTER(i64), ctypes.POINTER(ctypes.c_int)],
    }
    for name, args in signatures.items():
        getattr(lib, name).argtypes = args
        getattr(lib, name).restype = st
    lib.vshop_engine_free.argtypes = [eng]
    lib.vshop_engine_free.restype = None
    lib.vshop_engine_last_error.argtypes = [eng]
    lib.vshop_engine_last_error.restype = cp
    lib.vshop_status_name.argtypes = [st]
    lib.vshop_status_name.restype = cp
    return lib


def typed_command(line):
    """(cmd, fields) when `line`, a command the engine's reader accepts (vshop_command_at said
    so), holds exactly the fields of a typed call; None sends the line to apply_json."""
    if b"\\" in line:  # escapes are left to the engine's reader
        return None
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    cmd = obj.get("cmd") if isinstance(obj, dict) else None
    if cmd not in TYPED_FIELDS or "at" not in obj:
        return None
    strings, numbers = TYPED_FIELDS[cmd], OPTIONAL_NUMBERS.get(cmd, ())
    if not set(strings) <= set(obj) - {"at", "cmd"} <= {*strings, *numbers}:
        return None
    if not all(isinstance(obj[k], str) for k in strings):  # e.g. a subtotal in minor units
        return None
    if cmd == "send_message" and obj["from"] not in SENDERS:
        return None
    fields = {k: obj[k].encode() for k in strings}
    fields.update((k, ctypes.c_double(obj[k])) for k in numbers if k in obj)
    return cmd, fields


def call_typed(lib, engine, cmd, at_ms, f):
    """The typed C call of a line typed_command accepted."""
    if cmd == "advance":
        return lib.vshop_engine_advance(engine, at_ms)
    if cmd in ("go_available", "go_unavailable"):
        fn = getattr(lib, "vshop_engine_" + cmd)
        return fn(engine, at_ms, f["expert"], len(f["expert"]))
    if cmd in ("claim", "decline", "finish_chat"):
        fn = getattr(lib, "vshop_engine_" + cmd)
        return fn(engine, at_ms, f["expert"], len(f["expert"]), f["chat"], len(f["chat"]))
    if cmd == "request_chat":
        lat, lon = f.get("lat"), f.get("lon")
        lat = None if lat is None else ctypes.byref(lat)
        lon = None if lon is None else ctypes.byref(lon)
        chat = VshopString()  # the chat id, not needed here
        return lib.vshop_engine_request_chat(engine, at_ms, f["shopper"], len(f["shopper"]), lat,
                                             lon, ctypes.byref(chat))
    if cmd == "send_message":
        return lib.vshop_engine_send_message(engine, at_ms, f["chat"], len(f["chat"]),
                                             SENDERS[f["from"].decode()])
    return lib.vshop_engine_record_purchase(
        engine, at_ms, f["shopper"], len(f["shopper"]), f["order"], len(f["order"]),
        f["subtotal"], len(f["subtotal"]), 0, f["currency"], len(f["currency"]), None, 0)


def json_string(raw):
    """`raw` as a JSON string the way the engine writes one (only '"', '\\' and controls)."""
    out = bytearray(b'"')
    for c in raw:
        if c in b'"\\':
            out += b"\\" + bytes([c])
        elif c < 0x20:
            short = {8: b"\\b", 9: b"\\t", 10: b"\\n", 12: b"\\f", 13: b"\\r"}.get(c)
            out += short or b"\\u%04x" % c
        else:
            out.append(c)
    return bytes(out + b'"')


class Host:
    def __init__(self, lib, out):
        self.lib, self.out = lib, out
        self.engine = ctypes.c_void_p()
        self.calls = {"typed": 0, "apply_json": 0}  # lines by entry point (VSHOP_HOST_STATS)
        self.check(lib.vshop_engine_new(ctypes.byref(self.engine), None))

    def check(self, status):
        if status != 0:
            raise RuntimeError(self.lib.vshop_engine_last_error(self.engine).decode())

    def drain(self):
        data, size = ctypes.c_void_p(), ctypes.c_size_t()
        self.check(self.lib.vshop_engine_drain_effects_json(self.engine, ctypes.byref(data),
                                                            ctypes.byref(size)))
        if size.value:
            self.out.write(ctypes.string_at(data, size.value))

    def advance_to(self, at_ms):
        """Fires the pending deadlines up to at_ms one at a time, as a host's timer would. The
        effects are drained after the command, so that a full outbox stops the clock exactly
        where one `vshop simulate` step stops it."""
        deadline, has = ctypes.c_int64(), ctypes.c_int()
        while True:
            self.check(self.lib.vshop_engine_next_deadline(self.engine, ctypes.byref(deadline),
                                                           ctypes.byref(has)))
            if not has.value or deadline.value > at_ms:
                return
            if self.lib.vshop_engine_advance(self.engine, deadline.value) != 0:
                return  # the outbox is full: the command reports it

    def error_line(self, number, status, message):
        name = self.lib.vshop_status_name(status)
        self.out.write(b'{"line":%d,"error":%s,"message":%s}\n'
                       % (number, json_string(name), json_string(message)))

    def run_line(self, number, line):
        if len(line) > MAX_LINE_BYTES:
            message = b"line of %d bytes, over the limit of %d bytes" % (len(line), MAX_LINE_BYTES)
            self.error_line(number, -2, message)  # VSHOP_INVALID_ARGUMENT, as simulate says
            return
        if not line.strip(b" \t\r"):
            return
        if line.endswith(b"\r"):
            line = line[:-1]
        # The clock first: the deadlines up to the command's time, when the engine's reader
        # accepts the line (one it rejects does not move the clock in `vshop simulate`).
        at_ms, has = ctypes.c_int64(), ctypes.c_int()
        typed = None
        if self.lib.vshop_command_at(line, len(line), ctypes.byref(at_ms), ctypes.byref(has)) == 0 \
                and has.value:
            self.advance_to(at_ms.value)
            typed = typed_command(line)
        self.calls["typed" if typed else "apply_json"] += 1
        if typed:
            status = call_typed(self.lib, self.engine, typed[0], at_ms.value, typed[1])
        else:
            status = self.lib.vshop_engine_apply_json(self.engine, line, len(line))
        self.drain()
        if status != 0:
            self.error_line(number, status, self.lib.vshop_engine_last_error(self.engine))

    def close(self):
        self.lib.vshop_engine_free(self.engine)


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        lib = load(library_path())
        scenario = open(argv[1], "rb")
    except OSError as e:
        print(f"host.py: {e}", file=sys.stderr)
        return 2
    out = sys.stdout.buffer
    host = Host(lib, out)
    with scenario:
        for number, line in enumerate(scenario, start=1):
            host.run_line(number, line[:-1] if line.endswith(b"\n") else line)
    host.close()
    out.flush()
    if os.environ.get("VSHOP_HOST_STATS"):
        print("typed %(typed)d apply_json %(apply_json)d" % host.calls, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
