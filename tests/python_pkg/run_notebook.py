"""pypkg_notebook: executes a notebook with nbclient (a fresh kernel, cells in order) and fails
if any cell fails; the executed notebook and the figures it saves go to WORK_DIR.

usage: run_notebook.py NOTEBOOK.ipynb WORK_DIR
"""

import os
import sys
from pathlib import Path

SKIP = 77  # CTest SKIP_RETURN_CODE: the notebook tools are not installed


def main() -> int:
    notebook, work = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
    try:
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError
    except ImportError as missing:
        print(f"SKIP: {missing.name} is not installed (pip install -r requirements.txt)")
        return SKIP
    work.mkdir(parents=True, exist_ok=True)
    os.environ["VSHOP_FIGURES"] = str(work)  # the notebook saves its plots there
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(notebook.parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        print(f"FAIL: a cell of {notebook.name} failed:\n{error}")
        return 1
    finally:
        nbformat.write(nb, work / notebook.name)
    cells = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if not cells or errors:
        print(f"FAIL: {len(cells)} code cells, {len(errors)} with errors")
        return 1
    figures = sorted(work.glob("*.png"))
    if not figures or any(f.stat().st_size == 0 for f in figures):
        print(f"FAIL: the notebook saved no plot into {work}")
        return 1
    print(f"OK: {len(cells)} code cells ran; plots: {', '.join(f.name for f in figures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
