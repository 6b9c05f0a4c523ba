"""`vshop inspect` reads its input in large blocks (cli/inspect_command.cpp): whatever the block
boundaries, each line must get exactly the result it gets when it is the only line of a file.

Builds a file whose lines straddle the read blocks (256 KiB) — large and small documents, blank
and whitespace-only lines, CRLF, documents cut inside a number and inside a string, a line of
exactly 1 MiB and one of 1 MiB + 1 byte (too_large), a final line without newline — and compares
`vshop inspect FILE` (and `- < FILE`, and --summary) with the per-line runs.

Usage: inspect_blocks.py VSHOP WORK_DIR
"""
import json
import pathlib
import random
import subprocess
import sys

MIB = 1024 * 1024


def product(rng: random.Random, i: int) -> dict:
    return {"id": f"SKU-{i}", "name": "Rain jacket " + "x" * rng.randrange(0, 400),
            "price": round(rng.uniform(1, 500), 2), "currency": "SEK",
            "location": f"https://shop.example/p/{i}", "image": f"https://cdn.example/{i}.jpg"}


def document(rng: random.Random, products: int) -> str:
    doc = {"type": "ecommerce:detail", "products": [product(rng, i) for i in range(products)]}
    if rng.random() < 0.3:
        doc["products"][0]["image"] = "http://cdn.example/plain.jpg"
    return json.dumps(doc, separators=(",", ":"))


def padded_to(size: int) -> str:
    """A valid search event of exactly `size` bytes."""
    head = '{"type":"event","action":"search","location":"https://shop.example/s","value":"'
    return head + "a" * (size - len(head) - 2) + '"}'


def lines(rng: random.Random) -> list:
    out = []
    for k in range(60):
        out.append(document(rng, rng.choice([1, 2, 5, 40, 120])))
        if k % 9 == 0:
            out.append("")
        if k % 13 == 0:
            out.append(" \t ")
        if k % 11 == 0:
            cut = document(rng, 3)
            out.append(cut[: cut.index('"price":') + 12])  # inside a number
        if k % 17 == 0:
            out.append(document(rng, 2)[:-40])  # inside a string
        if k % 19 == 0:
            out.append(document(rng, 1) + "\r")  # CRLF
    out.insert(25, padded_to(MIB))
    out.insert(40, padded_to(MIB + 1))
    out.insert(41, " " * (MIB + 5))  # over the limit, blank: still too_large
    cut = document(rng, 2)
    out.append(cut[: cut.index('"price":') + 11])  # the last line, no newline, cut in a number
    return out


def inspect(vshop: str, args: list, stdin=None) -> bytes:
    run = subprocess.run([vshop, "inspect", *args], stdin=stdin, capture_output=True, check=False)
    if run.returncode not in (0, 1):
        sys.exit(f"vshop inspect {args} failed ({run.returncode}): {run.stderr.decode()}")
    return run.stdout


def main() -> None:
    vshop, work = sys.argv[1], pathlib.Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(15)
    text = lines(rng)
    path = work / "blocks.jsonl"
    path.write_bytes("\n".join(text).encode())

    expected = []
    single = work / "one.jsonl"
    for number, line in enumerate(text, start=1):
        if len(line) <= MIB and line.strip(" \t\r") == "":
            continue
        single.write_bytes(line.encode())
        result = json.loads(inspect(vshop, [str(single)]))
        result["line"] = number
        expected.append(json.dumps(result, separators=(",", ":"), ensure_ascii=False))
    expected_text = ("\n".join(expected) + "\n").encode()

    whole = inspect(vshop, [str(path)])
    if whole != expected_text:
        got = whole.decode().splitlines()
        for i, (a, b) in enumerate(zip(got, expected)):
            if a != b:
                sys.exit(f"result {i + 1} differs:\n got      {a[:300]}\n expected {b[:300]}")
        sys.exit(f"{len(got)} results, expected {len(expected)}")
    with path.open("rb") as stdin:
        if inspect(vshop, ["-"], stdin) != expected_text:
            sys.exit("standard input gives other results than the file")
    summary = inspect(vshop, ["--summary", str(path)]).decode().splitlines()
    totals = json.loads(summary[-1])
    if totals["events"] != len(expected):
        sys.exit(f"--summary counts {totals['events']} events, expected {len(expected)}")
    too_large = [r for r in expected if '"too_large"' in r]
    if len(too_large) != 2 or '"document of 1048577 bytes' not in too_large[0]:
        sys.exit(f"expected two too_large results, the first of 1048577 bytes: {too_large}")
    print(f"{len(expected)} results identical to the per-line runs")


if __name__ == "__main__":
    main()
