"""Smoke check of bench_engine_scale: runs it at a tiny size and checks that its stdout is the
JSON report (both sizes, every figure, growth ratios) of a day in which every command was
accepted, chats were claimed, finished and attributed, and the snapshot restored identically.

usage: check_output.py BENCH_ENGINE_SCALE
"""

import json
import subprocess
import sys

FIGURES = ["experts", "stores", "shoppers", "setup_cpu_s", "rss_setup_mb", "day_cpu_s", "commands",
           "commands_per_s", "rss_day_mb", "chats", "snapshot_cpu_s", "snapshot_bytes",
           "restore_cpu_s", "rss_restored_mb", "snapshot_roundtrip_identical", "rejected",
           "claims", "finished", "attributed"]


def main() -> int:
    args = [sys.argv[1], "--experts", "200", "--stores", "20", "--shoppers", "3000", "--divisor", "10"]
    run = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    if run.returncode != 0:
        print(run.stderr, file=sys.stderr)
        print(f"exit code {run.returncode}", file=sys.stderr)
        return 1
    report = json.loads(run.stdout)
    sizes = report["sizes"]
    assert [s["experts"] for s in sizes] == [20, 200], sizes
    for s in sizes:
        missing = [f for f in FIGURES if f not in s]
        assert not missing, f"missing figures {missing}"
        assert s["rejected"] == 0, f"rejected commands: {s['first_error']}"
        assert s["snapshot_roundtrip_identical"] is True
        assert s["chats"] == s["shoppers"], (s["chats"], s["shoppers"])
        assert s["claims"] > 0 and s["finished"] > 0 and s["attributed"] > 0, s
        assert s["snapshot_bytes"] > 0 and s["commands_per_s"] > 0 and s["rss_day_mb"] > 0
    assert report["growth"]["commands"] > 1, report["growth"]
    print(f"ok: {sizes[-1]['commands']} commands, growth {report['growth']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
