"""Shared fixtures: Plone layers with the add-on, real HTTP and a real SMTP sink."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from pytest_plone import fixtures_factory
from urad.podnety.scripts.smtp_sink import SmtpSink
from urad.podnety.testing import FUNCTIONAL_TESTING
from urad.podnety.testing import INTEGRATION_TESTING

import os
import pytest
import transaction


pytest_plugins = ["pytest_plone"]

# Compile the Czech catalogs when Zope loads them, as zope.conf does for a
# running instance; a fresh clone has no .mo files.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


@pytest.fixture
def manager(portal):
    """The integration portal with the test user as Manager."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal


@pytest.fixture
def http_portal_url(functional):
    """URL of the functional layer's site served over real HTTP."""
    return f"http://{functional['host']}:{functional['port']}/plone"


@pytest.fixture
def site_owner_auth():
    from plone.app.testing import SITE_OWNER_PASSWORD

    return (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


@pytest.fixture
def smtp_sink(functional):
    """A real aiosmtpd server with the functional site's MailHost pointed at it."""
    sink = SmtpSink().start()
    portal = functional["portal"]
    mailhost = api.portal.get_tool("MailHost")
    mailhost.smtp_host = sink.host
    mailhost.smtp_port = sink.port
    api.portal.set_registry_record("plone.smtp_host", sink.host)
    api.portal.set_registry_record("plone.smtp_port", sink.port)
    api.portal.set_registry_record("plone.email_from_address", "podnety@urad.example")
    api.portal.set_registry_record("plone.email_from_name", "Úřad")
    assert portal is not None
    transaction.commit()
    yield sink
    sink.stop()


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium driven by Playwright, one for the whole run.

    Playwright's sync API runs one event loop per thread, so every browser
    test shares this instance instead of starting its own.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
