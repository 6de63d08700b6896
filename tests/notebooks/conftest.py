"""Run notebooks with nbclient in a kernel of *this* interpreter, registering nothing globally.

A kernel spec naming ``sys.executable`` is written to a temporary folder that ``JUPYTER_PATH``
points at, so the notebooks run with the same Python (and the same kg) as the tests, whatever
kernels the machine has installed.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "kg-tests-python"
TIMEOUT = 600


@pytest.fixture(scope="session")
def run_notebook(tmp_path_factory):
    """``run_notebook(name) -> (executed notebook, output folder, seconds)``, once per notebook."""
    import nbformat
    from nbclient import NotebookClient

    jupyter = tmp_path_factory.mktemp("jupyter")
    spec_dir = jupyter / "kernels" / KERNEL
    spec_dir.mkdir(parents=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "kg tests", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    done: dict[str, tuple] = {}

    def run(name: str):
        if name not in done:
            out = tmp_path_factory.mktemp(Path(name).stem)
            nb = nbformat.read(NOTEBOOKS / name, as_version=4)
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("JUPYTER_PATH", str(jupyter))
                mp.setenv("KG_NOTEBOOK_OUTPUT", str(out))
                mp.setenv("KG_GRAPH_TTL", str(out / "graph.ttl"))  # missing: sparql.ipynb builds it
                mp.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
                client = NotebookClient(nb, kernel_name=KERNEL, timeout=TIMEOUT,
                                        resources={"metadata": {"path": str(NOTEBOOKS)}})
                start = time.perf_counter()
                client.execute()
                done[name] = (nb, out, time.perf_counter() - start)
        return done[name]

    return run

