"""`mypy --strict` on the scale-out package (examples/scaleout/scaleout) for CTest; exit 77 when
mypy or the pinned `redis` package is not installed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

SCALEOUT = Path(__file__).resolve().parents[2] / "examples" / "scaleout"

if __name__ == "__main__":
    missing = [m for m in ("mypy", "redis") if importlib.util.find_spec(m) is None]
    if missing:
        print(f"scale_mypy skipped: {', '.join(missing)} not installed for {sys.executable}")
        sys.exit(77)
    cache = sys.argv[1] if len(sys.argv) > 1 else str(SCALEOUT / ".mypy_cache")
    sys.exit(subprocess.call([sys.executable, "-m", "mypy", "--strict", "--cache-dir", cache,
                              "scaleout"], cwd=SCALEOUT))
