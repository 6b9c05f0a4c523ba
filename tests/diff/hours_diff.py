#!/usr/bin/env python3
"""Differential test of opening hours (R-HOURS-1..5) against a reference built on zoneinfo.

Random stores (weekly hours with overnight, full-day and touching intervals, dated exceptions,
and, for some stores, the same hours in OSM syntax with annual date exceptions) in many time
zones, queried at random instants and at instants right at and next to the reference's own
boundaries and the zone's transitions. The reference maps local wall-clock times with zoneinfo
and fold=0 (the "compatible" rule of R-HOURS-3) and is written independently of the C++ code.
`vshop hours STORE --at ... --from ... --to ...` must agree on is_open, next_change and
open_intervals, with 0 mismatches.

Usage: hours_diff.py VSHOP [--seed N] [--stores N]
"""
import argparse
import datetime as dt
import functools
import json
import os
import random
import subprocess
import sys
import tempfile
import zoneinfo

DAY_MS = 86_400_000
HORIZON_MS = 400 * DAY_MS

# DST-heavy and odd zones: 30/45-minute offsets, 30-minute DST, skipped days, midnight
# transitions, abolished or reintroduced DST, negative DST, double summer time.
ZONES = [
    "Europe/Stockholm", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu",
    "Pacific/Apia", "America/Sao_Paulo", "America/Havana", "America/Santiago", "Asia/Beirut",
    "Europe/London", "Europe/Dublin", "Africa/Casablanca", "Asia/Tehran", "America/St_Johns",
    "Pacific/Chatham", "Australia/Adelaide", "Asia/Gaza", "America/Nuuk", "Europe/Moscow",
    "Pacific/Kiritimati", "Pacific/Kwajalein", "America/Caracas", "Asia/Pyongyang",
    "Antarctica/Troll", "America/Asuncion", "Pacific/Norfolk", "Asia/Dhaka", "Africa/Cairo",
    "America/Mexico_City", "Asia/Amman", "Asia/Damascus", "Europe/Kyiv", "Australia/Sydney",
    "Pacific/Auckland", "America/Los_Angeles", "Asia/Tokyo", "UTC", "Etc/GMT+12",
    "America/Scoresbysund", "America/Ciudad_Juarez", "Europe/Amsterdam", "America/Godthab",
    "Asia/Kolkata", "Pacific/Tongatapu", "America/Goose_Bay", "Asia/Jerusalem",
]
DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
OSM_DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# date/tz reads the system TZif files but not their POSIX footer, so it knows no transition
# after the last one listed (2037 in Debian's files): the test stays before that.
FIRST_YEAR, LAST_YEAR = 1972, 2036


def fmt_minute(m):
    return "%02d:%02d" % (m // 60, m % 60)


@functools.lru_cache(maxsize=None)
def transitions(zone):
    """Local dates (as ordinals) around which the zone's UTC offset changes, 1972..2036."""
    tz = zoneinfo.ZoneInfo(zone)
    out = []
    t = dt.datetime(FIRST_YEAR, 1, 1, tzinfo=dt.timezone.utc)
    prev = t.astimezone(tz).utcoffset()
    end = dt.datetime(LAST_YEAR, 12, 31, tzinfo=dt.timezone.utc)
    step = dt.timedelta(hours=23)
    while t < end:
        t += step
        off = t.astimezone(tz).utcoffset()
        if off != prev:
            out.append(t)
            prev = off
    return out


def random_minute(rng):
    # Bias towards the hours where transitions happen (00:00-03:00) and towards midnight.
    r = rng.random()
    if r < 0.35:
        return rng.choice([0, 30, 60, 90, 120, 150, 180, 15, 45, 1])
    if r < 0.5:
        return rng.choice([22 * 60, 23 * 60, 23 * 60 + 30, 23 * 60 + 59])
    return rng.randrange(0, 1440, rng.choice([1, 15, 30, 60]))


def random_interval(rng):
    kind = rng.random()
    if kind < 0.08:
        return (0, 1440)  # 00:00-24:00
    o = random_minute(rng)
    if kind < 0.3:
        c = random_minute(rng)  # often <= o: overnight
    else:
        c = min(1440, o + rng.randrange(15, 12 * 60))
    if c == 0:
        c = 1440
    return (o, c)


def random_day(rng):
    n = rng.choice([0, 1, 1, 1, 2, 2, 3])
    return [random_interval(rng) for _ in range(n)]


class Store:
    def __init__(self, rng, index):
        self.zone = rng.choice(ZONES)
        self.index = index
        self.weekly = [random_day(rng) for _ in range(7)]
        if rng.random() < 0.3:  # touching across midnight: Mon 22:00-24:00 + Tue 00:00-02:00
            d = rng.randrange(7)
            self.weekly[d].append((22 * 60, 1440))
            self.weekly[(d + 1) % 7].append((0, 120))
        if rng.random() < 0.05:
            self.weekly = [[] for _ in range(7)]
        trs = transitions(self.zone)
        if trs and rng.random() < 0.8:
            focus = rng.choice(trs)
        else:
            focus = dt.datetime(rng.randrange(FIRST_YEAR + 1, LAST_YEAR - 1), 1, 1,
                                tzinfo=dt.timezone.utc) + dt.timedelta(days=rng.randrange(365))
        self.focus_ms = int(focus.timestamp() * 1000)
        self.focus_day = focus.astimezone(zoneinfo.ZoneInfo(self.zone)).date()
        self.exceptions = {}
        for _ in range(rng.choice([0, 1, 2, 4])):
            day = self.focus_day + dt.timedelta(days=rng.randrange(-6, 8))
            self.exceptions[day] = [] if rng.random() < 0.4 else random_day(rng)
        self.annual = {}
        self.osm = rng.random() < 0.3
        if self.osm:
            for _ in range(rng.choice([0, 1, 2])):
                day = self.focus_day + dt.timedelta(days=rng.randrange(-6, 8))
                self.annual[(day.month, day.day)] = [] if rng.random() < 0.5 else random_day(rng)

    def json(self):
        obj = {"store": "s%d" % self.index, "timezone": self.zone}
        if self.osm:
            obj["osm_hours"] = self.osm_text()
        else:
            obj["hours"] = {DAY_KEYS[d]: ["%s-%s" % (fmt_minute(o), fmt_minute(c))
                                          for o, c in self.weekly[d]] for d in range(7)}
        obj["exceptions"] = {d.isoformat(): ["%s-%s" % (fmt_minute(o), fmt_minute(c))
                                             for o, c in ivs] for d, ivs in self.exceptions.items()}
        return obj

    def osm_text(self):
        def times(ivs):
            return ",".join("%s-%s" % (fmt_minute(o), fmt_minute(c)) for o, c in ivs) or "off"
        rules = ["%s %s" % (OSM_DAYS[d], times(self.weekly[d])) for d in range(7)]
        rules += ["%s %d %s" % (MONTHS[m - 1], d, times(ivs)) for (m, d), ivs in self.annual.items()]
        return "; ".join(rules)

    def intervals_on(self, day):
        if day in self.exceptions:
            return self.exceptions[day]
        if (day.month, day.day) in self.annual:
            return self.annual[(day.month, day.day)]
        return self.weekly[day.weekday()]

    def reference(self):
        """Merged UTC intervals (ms) opening on local days focus-15 .. focus+425."""
        tz = zoneinfo.ZoneInfo(self.zone)

        def to_ms(day, minute):
            local = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
            return int(local.replace(tzinfo=tz, fold=0).timestamp()) * 1000

        spans = []
        for k in range(-15, 426):
            day = self.focus_day + dt.timedelta(days=k)
            for o, c in self.intervals_on(day):
                a = to_ms(day, o)
                b = to_ms(day, c) if c > o else to_ms(day + dt.timedelta(days=1), c)
                if b > a:
                    spans.append((a, b))
        spans.sort()
        merged = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        return merged


def ref_query(merged, t):
    is_open = any(a <= t < b for a, b in merged)
    nxt = None
    for a, b in merged:
        for x in (a, b):
            if x > t:
                nxt = x
                break
        if nxt is not None:
            break
    if nxt is not None and nxt > t + HORIZON_MS:
        nxt = None
    return is_open, nxt


def ref_intervals(merged, lo, hi):
    return [(max(a, lo), min(b, hi)) for a, b in merged if a < hi and b > lo]


def parse_instant(text):
    if text is None:
        return None
    t = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return int(round(t.timestamp() * 1000))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("vshop")
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--stores", type=int, default=400)
    args = ap.parse_args()
    # The oracle must read the same database as date/tz (the system one), never PyPI `tzdata`,
    # which zoneinfo falls back to only when a zone is missing from TZPATH.
    if "/usr/share/zoneinfo" not in zoneinfo.TZPATH:
        print("FAILED: zoneinfo.TZPATH %r lacks /usr/share/zoneinfo (set PYTHONTZPATH)"
              % (zoneinfo.TZPATH,))
        return 1
    for zone in ZONES:
        if not os.path.exists(os.path.join("/usr/share/zoneinfo", zone)):
            print("FAILED: zone %s missing from the system database" % zone)
            return 1
    rng = random.Random(args.seed)
    mismatches = []
    queries = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.stores):
            store = Store(rng, i)
            merged = store.reference()
            points = set()
            for _ in range(12):
                points.add(store.focus_ms + rng.randrange(-10 * DAY_MS, 10 * DAY_MS))
            near = [x for a, b in merged for x in (a, b)
                    if abs(x - store.focus_ms) < 10 * DAY_MS]
            for x in rng.sample(near, min(len(near), 12)):
                points.update((x - 1, x, x + 1))
            points.add(store.focus_ms)
            ats = sorted(points)
            lo = store.focus_ms - rng.randrange(0, 5 * DAY_MS)
            hi = store.focus_ms + rng.randrange(1, 9 * DAY_MS)
            path = os.path.join(tmp, "s%d.json" % i)
            with open(path, "w") as f:
                json.dump(store.json(), f)
            cmd = [args.vshop, "hours", path]
            for t in ats:
                cmd += ["--at", str(t)]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            cmd_range = [args.vshop, "hours", path, "--from", str(lo), "--to", str(hi)]
            proc_range = subprocess.run(cmd_range, capture_output=True, text=True)
            if proc.returncode != 0 or proc_range.returncode != 0:
                mismatches.append("store %d: exit %d/%d: %s%s\n  %s" % (
                    i, proc.returncode, proc_range.returncode, proc.stderr, proc_range.stderr,
                    json.dumps(store.json())))
                continue
            lines = proc.stdout.splitlines()
            for t, line in zip(ats, lines):
                queries += 1
                got = json.loads(line)
                want_open, want_next = ref_query(merged, t)
                got_next = parse_instant(got["next_change"])
                if got["open"] != want_open or got_next != want_next:
                    mismatches.append(
                        "store %d (%s) at %d (%s): got open=%s next=%s, want open=%s next=%s\n  %s"
                        % (i, store.zone, t, dt.datetime.fromtimestamp(t / 1000, dt.timezone.utc),
                           got["open"], got["next_change"], want_open,
                           want_next and dt.datetime.fromtimestamp(want_next / 1000, dt.timezone.utc),
                           json.dumps(store.json())))
            if len(lines) != len(ats):
                mismatches.append("store %d: %d lines for %d instants" % (i, len(lines), len(ats)))
            got_iv = [(parse_instant(a), parse_instant(b))
                      for a, b in json.loads(proc_range.stdout)["intervals"]]
            queries += 1
            if got_iv != ref_intervals(merged, lo, hi):
                mismatches.append("store %d (%s) intervals [%d, %d): got %s, want %s\n  %s" % (
                    i, store.zone, lo, hi, got_iv, ref_intervals(merged, lo, hi),
                    json.dumps(store.json())))
    if mismatches:
        for m in mismatches[:20]:
            print(m)
        print("FAILED: %d mismatches in %d queries over %d stores (seed %d; rerun with --seed %d)"
              % (len(mismatches), queries, args.stores, args.seed, args.seed))
        return 1
    print("OK: %d queries over %d stores in %d zones agree with zoneinfo (seed %d)"
          % (queries, args.stores, len(ZONES), args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
