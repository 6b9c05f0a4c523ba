"""Runs a scale-out test file for CTest.

Exit 77 (skipped) only when a toolchain is absent: Debian's redis-server, or the pinned Python
packages (requirements.txt: pytest, redis, and starlette/uvicorn/httpx for the web host). An
empty run fails.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

SKIP, NO_TESTS_COLLECTED = 77, 5
REPO = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    if shutil.which("redis-server") is None and not Path("/usr/bin/redis-server").exists():
        print("scale tests skipped: redis-server is not installed (apt-get install redis-server)")
        return SKIP
    needed = ["pytest", "redis"]
    if any(Path(a).name.startswith("test_web_") for a in argv):
        needed += ["starlette", "uvicorn", "httpx"]
    missing = [m for m in needed if importlib.util.find_spec(m) is None]
    if missing:
        print(f"scale tests skipped: {', '.join(missing)} not installed for {sys.executable} "
              "(pip install -r requirements.txt)")
        return SKIP
    sys.path.insert(0, str(REPO / "examples" / "scaleout"))
    import pytest

    code = int(pytest.main(["-q", "-p", "no:cacheprovider", *argv]))
    if code == NO_TESTS_COLLECTED:
        print("run_scale_tests: no tests were collected; failing")
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
