"""Fixtures of the phone channel: a PBX's SMDR port on localhost."""

from pathlib import Path

import pytest


RESOURCES = Path(__file__).parent.parent / "_resources" / "phone"


@pytest.fixture
def smdr_lines():
    """Return the recorded SMDR printout of a KX-NS, line by line."""
    return (RESOURCES / "smdr_kx_ns.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture
def smdr_server(smdr_lines):
    """Start a Telnet-like SMDR port that plays the recorded lines."""
    from .smdr_server import SmdrServer

    server = SmdrServer(smdr_lines)
    yield server
    server.close()
