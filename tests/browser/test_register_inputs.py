"""The register with a reversed date range and with very long values."""

from datetime import datetime
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from tests.browser.test_register_view import _clerk_get
from tests.browser.test_register_view import _titles
from tests.browser.test_register_view import register_url  # noqa: F401
from tests.helpers import PASSWORD
from tests.helpers import create_users
from tests.helpers import file_podnet
from tests.helpers import use_czech
from urad.podnety.browser.register_query import REVERSED_RANGE
from urad.podnety.browser.register_query import build_query
from zoneinfo import ZoneInfo

import base64
import pytest
import transaction


PRAGUE = ZoneInfo("Europe/Prague")
LONG_SUBJECT = "Výtluk" * 800
LONG_NAME = "N" * 3000


class TestReversedRange:
    def test_query_reports_reversed_range(self):
        _query, errors = build_query(
            {"date_from": "2026-12-05", "date_to": "2026-12-01"}, "/plone/podnety"
        )
        assert errors == {"date_to": REVERSED_RANGE}

    def test_same_day_is_not_reversed(self):
        _query, errors = build_query(
            {"date_from": "2026-12-05", "date_to": "2026-12-05"}, "/plone/podnety"
        )
        assert errors == {}

    def test_register_shows_error_and_no_rows(self, register_url):  # noqa: F811
        response = _clerk_get(
            register_url, date_from="2026-02-20", date_to="2026-01-01"
        )
        assert response.status_code == 200
        assert "The date range is reversed" in response.text
        assert "(20.02.2026)" in response.text
        assert _titles(response.text) == []
        assert 'id="filter-date-to"' in response.text
        assert 'aria-invalid="true"' in response.text

    def test_export_has_no_rows(self, register_url):  # noqa: F811
        response = _clerk_get(
            f"{register_url}/@@podnety-export",
            format="csv",
            date_from="2026-02-20",
            date_to="2026-01-01",
        )
        assert response.status_code == 200
        assert _titles(response.content.decode("utf-8-sig", "replace")) == []

    def test_error_in_czech(self, register_url):  # noqa: F811
        use_czech()
        transaction.commit()
        html = _clerk_get(
            register_url, date_from="2026-12-05", date_to="2026-12-01"
        ).text
        assert "Rozsah dat je obrácený" in html
        assert "(05.12.2026)" in html
        assert _titles(html) == []


@pytest.fixture
def long_register(functional, http_portal_url):
    """A register holding one podnět with a very long subject and name."""
    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    create_users()
    file_podnet(
        portal,
        key="long:1",
        title=LONG_SUBJECT,
        citizen_name=LONG_NAME,
        channel="email",
        received=datetime(2026, 3, 1, 9, 0, tzinfo=PRAGUE),
    )
    file_podnet(portal, key="long:2", title="Krátký podnět")
    transaction.commit()
    return f"{http_portal_url}/podnety"


class TestLongValues:
    def test_pipeline_keeps_full_values_in_text(self, functional, long_register):
        transaction.begin()
        catalog = api.portal.get_tool("portal_catalog")
        [brain] = catalog.unrestrictedSearchResults(
            portal_type="Podnet", channel="email"
        )
        podnet = brain._unrestrictedGetObject()
        assert len(podnet.title) == 200
        assert podnet.title.endswith("…")
        assert len(podnet.citizen_name) == 200
        assert LONG_SUBJECT in podnet.text
        assert LONG_NAME in podnet.text

    def test_columns_stay_on_screen(self, long_register, chromium, tmp_path):
        token = base64.b64encode(f"clerk:{PASSWORD}".encode()).decode()
        context = chromium.new_context(
            viewport={"width": 1280, "height": 900},
            extra_http_headers={"Authorization": f"Basic {token}"},
        )
        page = context.new_page()
        try:
            page.goto(long_register)
            table = page.locator("table.podnety-table")
            target = tmp_path / "register-long-subject.png"
            page.screenshot(path=str(target), full_page=True)
            viewport_width = page.evaluate("document.documentElement.clientWidth")
            table_box = table.bounding_box()
            headers = page.locator("table.podnety-table thead th")
            boxes = [headers.nth(i).bounding_box() for i in range(headers.count())]
            scroll_width = page.evaluate(
                "document.querySelector('.table-responsive').scrollWidth"
            )
            client_width = page.evaluate(
                "document.querySelector('.table-responsive').clientWidth"
            )
        finally:
            context.close()
        assert target.stat().st_size > 10000
        assert table_box["x"] + table_box["width"] <= viewport_width
        assert scroll_width <= client_width
        # Stav, Úředník and Lhůta are the last three columns.
        for box in boxes[-3:]:
            assert box["x"] + box["width"] <= viewport_width
