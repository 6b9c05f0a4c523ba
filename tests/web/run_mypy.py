"""`mypy --strict` on the web server (examples/web/server) for CTest; exit 77 when mypy or the
pinned web packages are not installed."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "examples" / "web"

if __name__ == "__main__":
    missing = [m for m in ("mypy", "starlette", "uvicorn", "redis") if importlib.util.find_spec(m) is None]
    if missing:
        print(f"web_mypy skipped: {', '.join(missing)} not installed for {sys.executable}")
        sys.exit(77)
    cache = sys.argv[1] if len(sys.argv) > 1 else str(WEB / ".mypy_cache")
    paths = [str(WEB.parent / "scaleout"), os.environ.get("MYPYPATH", "")]  # stream_host.py
    sys.exit(subprocess.call([sys.executable, "-m", "mypy", "--strict", "--cache-dir", cache,
                              "server"], cwd=WEB,
                             env=dict(os.environ, MYPYPATH=os.pathsep.join(p for p in paths if p))))
