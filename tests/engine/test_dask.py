"""``kg build --engine dask`` on a real ``distributed.LocalCluster``: the outputs are
byte-identical to the local engine's, and each worker loads the pipeline once."""

from __future__ import annotations

import pytest

from kg.build import OUTPUT_NAMES, run_build
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def client():
    from kg.engine.dask import close, connect

    c = connect(None, n_workers=2)
    yield c
    close(c)


def test_dask_output_is_byte_identical_to_local(tmp_path, client, nlp):
    import kg.engine.dask as engine

    bad = tmp_path / "pages"
    bad.mkdir()
    for page in sorted(SEEDS.glob("*.txt")) + [SEEDS / "manifest.toml"]:
        (bad / page.name).write_bytes(page.read_bytes())
    (bad / "zz_binary.txt").write_bytes(b"\x00\x01" * 50)  # an error travels back from a worker
    local = run_build([str(bad)], tmp_path / "local", cache=False)
    connect_calls = []
    real_connect = engine.connect
    engine.connect = lambda scheduler, n: connect_calls.append(scheduler) or client
    real_close, engine.close = engine.close, lambda c: None
    try:
        remote = run_build([str(bad)], tmp_path / "dask", cache=False, engine="dask")
    finally:
        engine.connect, engine.close = real_connect, real_close
    assert connect_calls == [None]
    for name in OUTPUT_NAMES:
        if name != "graph.html":  # its title names the command line, the same here
            assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    assert [e.code for e in remote.errors] == [e.code for e in local.errors] == ["E103"]
    assert remote.articles == local.articles


def test_each_worker_loads_the_pipeline_once(client):
    from kg.engine.dask import _worker_pipeline

    def pipeline_id():
        return id(_worker_pipeline())

    first = client.run(pipeline_id)
    assert len(first) == 2 and all(first.values())
    assert client.run(pipeline_id) == first  # the same object: loaded when the worker joined


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path, capsys, monkeypatch):
    from kg.cli import EXIT_USAGE, main

    monkeypatch.setattr("kg.engine.dask.CONNECT_TIMEOUT", "1s")
    code = main(["build", str(SEEDS / "003_c8387fcf9c81d2cd.txt"), "-o", str(tmp_path / "o"),
                 "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler" in err and err.count("\n") == 1
    assert not (tmp_path / "o").exists()
