"""Runs pytest for CTest: exit 77 (skipped) only when pytest itself is not installed, and exit 1
when no test was collected (pytest's exit code 5), so that an empty suite fails CI."""

from __future__ import annotations

import sys

try:
    import pytest
except ImportError:
    print("python tests skipped: pytest is not installed for", sys.executable)
    sys.exit(77)

NO_TESTS_COLLECTED = 5

if __name__ == "__main__":
    code = int(pytest.main(["-q", "-p", "no:cacheprovider", *sys.argv[1:]]))
    if code == NO_TESTS_COLLECTED:
        print("run_pytest: no tests were collected; failing")
        code = 1
    sys.exit(code)
