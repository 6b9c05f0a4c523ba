#!/usr/bin/env python3
"""Peer: Python `jsonschema` (PyPI, pinned in requirements.txt) with the equivalent JSON Schema.
json.loads + iter_errors (every error, like vshop) per line; one timed run over LIMIT lines
(default all). Prints one JSON line. Usage: jsonschema_peer.py SCHEMA.json EVENTS.jsonl [LIMIT]"""
import json
import sys
import time

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
raw = open(sys.argv[2], "rb").read()
lines = [l for l in raw.decode("utf-8", "replace").split("\n") if l.strip()]
if len(sys.argv) > 3:
    lines = lines[: int(sys.argv[3])]
size = sum(len(l.encode("utf-8")) + 1 for l in lines)
validator = jsonschema.Draft202012Validator(schema)
invalid = 0
start = time.process_time()  # CPU time, as for the vshop rows (shared machine)
for line in lines:
    try:
        doc = json.loads(line)
    except ValueError:
        invalid += 1
        continue
    if any(True for _ in validator.iter_errors(doc)):
        invalid += 1
seconds = time.process_time() - start
print(json.dumps({"peer": "jsonschema", "seconds": seconds, "bytes": size, "events": len(lines),
                  "invalid": invalid, "mb_per_s": size / 1e6 / seconds,
                  "events_per_s": len(lines) / seconds}))
