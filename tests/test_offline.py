"""The suite runs with sockets blocked (tests/conftest.py), so any network use fails a test."""

import socket
import urllib.request

import pytest


def test_sockets_are_blocked():
    with pytest.raises(RuntimeError, match="network"):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(RuntimeError, match="network"):
        urllib.request.urlopen("http://example.com", timeout=1)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(RuntimeError, match="network"):
            s.connect(("127.0.0.1", 9))
    finally:
        s.close()


def test_every_bundled_dataset_loads_offline():
    from optstudio.core.datasets import DataSpec, dataset_names, load_dataset
    for name in dataset_names():
        data = load_dataset(DataSpec(name=name, samples=60))
        assert data.m_train > 0
