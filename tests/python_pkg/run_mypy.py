"""pypkg_mypy: `mypy --strict` on the Python examples, benchmarks and the tests' uses of the
public API in this folder (tests/python has its own: python_mypy), against the package and its
stubs in the build tree (MYPYPATH).

usage: run_mypy.py SOURCE_DIR BUILD_TREE_PYTHON_DIR WORK_DIR
"""

import os
import subprocess
import sys
from pathlib import Path

SKIP = 77  # CTest SKIP_RETURN_CODE: mypy is not installed


def main() -> int:
    source, tree, work = (Path(arg) for arg in sys.argv[1:4])
    try:
        import mypy  # noqa: F401
    except ImportError:
        print("SKIP: mypy is not installed (pip install -r requirements.txt)")
        return SKIP
    own = source / "tests" / "python_pkg"
    targets = [source / "examples" / "python", source / "bench" / "python",
               own / "model.py", own / "test_model.py", own / "test_crosslang.py"]
    env = dict(os.environ, MYPYPATH=str(tree))
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(work / "cache"),
               "--pretty", *map(str, targets)]
    print(" ".join(command), flush=True)
    return subprocess.run(command, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
