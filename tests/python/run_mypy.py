"""CTest python_mypy: `mypy --strict` on the package (its .pyi stubs and pure-Python modules) and
on the tests' uses of the public API. Exit 77 (skipped) only when mypy is not installed."""

from __future__ import annotations

import os
import pathlib
import sys

try:
    from mypy import api
except ImportError:
    print("mypy check skipped: mypy is not installed for", sys.executable)
    sys.exit(77)

HERE = pathlib.Path(__file__).resolve().parent
PACKAGE_ROOT = HERE.parents[1] / "bindings" / "python"

if __name__ == "__main__":
    os.environ["MYPYPATH"] = str(PACKAGE_ROOT)
    cache = sys.argv[1] if len(sys.argv) > 1 else str(HERE / ".mypy_cache")
    common = ["--strict", "--cache-dir", cache]
    status = 0
    for target in (["-p", "vshop"], [str(HERE)]):
        out, err, code = api.run(common + target)
        sys.stdout.write(out)
        sys.stderr.write(err)
        status = status or code
    sys.exit(status)
