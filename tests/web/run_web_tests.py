"""Runs a web host test file for CTest.

Exit 77 (skipped) only when a toolchain is absent: pytest or the pinned web packages
(requirements.txt: starlette, uvicorn, httpx, selenium) for every file, and Debian's
chromium + chromedriver for the browser tests (`--browser`), Debian's redis-server and the
`redis` package in scale-out mode (`--scaleout`: sets VSHOP_WEB_SCALEOUT=1, see conftest.py).
An empty run fails.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

SKIP, NO_TESTS_COLLECTED = 77, 5


def main(argv: list[str]) -> int:
    browser, scaleout = "--browser" in argv, "--scaleout" in argv
    args = [a for a in argv if a not in ("--browser", "--scaleout")]
    needed = ["pytest", "starlette", "uvicorn", "httpx"] + (["selenium"] if browser else []) + (
        ["redis"] if scaleout else [])
    missing = [m for m in needed if importlib.util.find_spec(m) is None]
    if missing:
        print(f"web tests skipped: {', '.join(missing)} not installed for {sys.executable} "
              "(pip install -r requirements.txt)")
        return SKIP
    if scaleout:
        if shutil.which("redis-server") is None and not Path("/usr/bin/redis-server").exists():
            print("scale-out web tests skipped: redis-server is not installed "
                  "(apt-get install redis-server)")
            return SKIP
        os.environ["VSHOP_WEB_SCALEOUT"] = "1"
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if browser:
        from conftest import browser_available

        if not browser_available():
            print("browser tests skipped: chromium/chromedriver are not installed "
                  "(apt-get install chromium chromium-driver)")
            return SKIP
    import pytest

    code = int(pytest.main(["-q", "-p", "no:cacheprovider", *args]))
    if code == NO_TESTS_COLLECTED:
        print("run_web_tests: no tests were collected; failing")
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
