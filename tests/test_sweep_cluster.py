"""A sweep on a Dask cluster: a LocalCluster of two worker processes on the loopback address gives
the very results of a sweep in this process. Skipped when Dask's distributed is not installed
(``pip install ".[cluster]"``; the test extra installs it)."""

from __future__ import annotations

import _socket
import ipaddress
import socket

import pytest

from optstudio.core.experiment import notebook_preset
from optstudio.core.sweep import CellResult, Sweep, SweepSpec
from optstudio.plugins.manager import get_plugin_manager

distributed = pytest.importorskip("distributed")


def _loopback(host) -> bool:
    if host in (None, "localhost", b"localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.decode() if isinstance(host, bytes) else host).is_loopback
    except ValueError:
        return False


@pytest.fixture
def loopback_only(monkeypatch):
    """The suite blocks every socket (OptStudio works offline); the cluster needs the loopback
    address, and only that: connections and name look-ups elsewhere are still refused."""
    def connect(self, address, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
            raise OSError(f"test: only the loopback address may be used, not {address[0]}")
        return _socket.socket.connect(self, address, *args)

    def connect_ex(self, address, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
            raise OSError(f"test: only the loopback address may be used, not {address[0]}")
        return _socket.socket.connect_ex(self, address, *args)

    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        if not _loopback(host):
            raise OSError(f"test: only the loopback address may be looked up, not {host}")
        return [(socket.AddressFamily(af), socket.SocketKind(kind), proto, canon, sa)
                for af, kind, proto, canon, sa in _socket.getaddrinfo(host, port, family, type, proto, flags)]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_a_sweep_on_a_two_worker_local_cluster_equals_the_local_sweep(loopback_only, capsys):
    from distributed import LocalCluster

    from optstudio.cli import main
    from optstudio.executors import DaskCluster

    base = notebook_preset()
    base.runs = []
    base.training.epochs = 20
    spec = SweepSpec.from_dict({"optimizers": ["gd", "momentum", "adam"], "learning_rates": [0.003, 0.03, 0.3],
                                "seeds": 2})
    sweep = Sweep(base, spec, get_plugin_manager(), max_rows=6)      # several tasks for two workers
    here = {e.record["index"]: e.record for e in sweep.run() if isinstance(e, CellResult)}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=50) as cluster:
        assert len(cluster.workers) == 2
        dask = DaskCluster(cluster.scheduler_address)
        try:
            assert dask.workers == 2
            events = list(sweep.run(executor=dask, workers=dask.workers, registry_factory=get_plugin_manager))
        finally:
            dask.close()
        there = {e.record["index"]: e.record for e in events if isinstance(e, CellResult)}
        assert len(sweep.tasks(workers=2)) >= 2
        assert set(there) == set(here) == set(range(18))
        for index, record in here.items():
            assert {k: v for k, v in record.items() if k != "seconds"} == \
                   {k: v for k, v in there[index].items() if k != "seconds"}
        # the command line on the same cluster
        code = main(["sweep", "--preset", "notebook", "--epochs", "20", "--optimizers", "adam", "--lr", "0.003,0.03",
                     "--seeds", "1", "--json", "--scheduler", cluster.scheduler_address])
        out, err = capsys.readouterr()
        assert code == 0, err
        cli_records = [__import__("json").loads(line) for line in out.splitlines()]
        assert sorted(r["final_cost"] for r in cli_records) == sorted(
            here[c.index]["final_cost"] for c in sweep.cells if c.optimizer == "adam" and c.seed == 0
            and c.learning_rate in (0.003, 0.03))


def test_an_unreachable_scheduler_is_one_line(capsys, loopback_only, monkeypatch):
    from optstudio.cli import main
    from optstudio.executors import DaskCluster
    monkeypatch.setitem(DaskCluster.__init__.__kwdefaults__, "timeout", 1.0)   # not the real 10 s here
    code = main(["sweep", "--epochs", "2", "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
