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


TOKEN = "test-pbx-token"
CLERK = "novakova"


@pytest.fixture
def pbx_site(functional, http_portal_url):
    """The functional site with a PBX token and extension 201 mapped to a clerk."""
    from plone import api
    from types import SimpleNamespace
    from urad.podnety.workflow import config

    import transaction

    portal = functional["portal"]
    api.portal.set_registry_record("urad.podnety.phone.token", TOKEN)
    api.portal.set_registry_record("urad.podnety.phone.extensions", [f"201|{CLERK}"])
    if api.user.get(userid=CLERK) is None:
        api.user.create(
            email="novakova@urad.example", username=CLERK, password="x" * 12
        )
        api.group.add_user(groupname=config.CLERKS_GROUP, username=CLERK)
    transaction.commit()
    return SimpleNamespace(url=http_portal_url, portal=portal, token=TOKEN)
