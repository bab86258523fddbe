"""The register table, its filters and exports, as a clerk uses them."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from io import BytesIO
from openpyxl import load_workbook
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from tests.helpers import PASSWORD
from tests.helpers import create_users
from tests.helpers import file_podnet
from tests.helpers import use_czech
from zoneinfo import ZoneInfo

import pytest
import requests
import transaction


PRAGUE = ZoneInfo("Europe/Prague")


@pytest.fixture
def register_url(functional, http_portal_url):
    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    create_users()
    late = file_podnet(
        portal,
        key="reg:1",
        title="Výtluk v ulici Křižíkova",
        channel="email",
        received=datetime(2026, 1, 5, 10, 0, tzinfo=PRAGUE),
        category="doprava",
    )
    late.deadline_accept = date.today() - timedelta(days=2)
    late.reindexObject()
    waiting = file_podnet(
        portal,
        key="reg:2",
        title="Přeplněný kontejner",
        channel="post",
        received=datetime(2026, 2, 10, 10, 0, tzinfo=PRAGUE),
        citizen_name="Karel <script>alert(1)</script> Malý",
    )
    waiting.deadline_accept = date.today() + timedelta(days=2)
    waiting.reindexObject()
    rejected = file_podnet(
        portal,
        key="reg:3",
        title="Reklama",
        channel="web",
        received=datetime(2026, 2, 20, 10, 0, tzinfo=PRAGUE),
    )
    api.portal.get_tool("portal_workflow").doActionFor(
        rejected, "reject", comment="Spam"
    )
    transaction.commit()
    return f"{http_portal_url}/podnety"


def _clerk_get(url, **params):
    return requests.get(url, params=params, auth=("clerk", PASSWORD), timeout=30)


def _titles(html):
    titles = []
    for title in ("Výtluk v ulici Křižíkova", "Přeplněný kontejner", "Reklama"):
        if title in html:
            titles.append(title)
    return titles


class TestRegisterFilters:
    def test_lists_all_for_clerk(self, register_url):
        response = _clerk_get(register_url)
        assert response.status_code == 200
        assert _titles(response.text) == [
            "Výtluk v ulici Křižíkova",
            "Přeplněný kontejner",
            "Reklama",
        ]

    def test_filter_by_channel(self, register_url):
        assert _titles(_clerk_get(register_url, channel="post").text) == [
            "Přeplněný kontejner"
        ]

    def test_filter_by_state_finds_rejected(self, register_url):
        assert _titles(_clerk_get(register_url, state="rejected").text) == ["Reklama"]

    def test_filter_by_received_range(self, register_url):
        html = _clerk_get(
            register_url, date_from="2026-02-01", date_to="2026-02-15"
        ).text
        assert _titles(html) == ["Přeplněný kontejner"]

    def test_filter_overdue_only(self, register_url):
        html = _clerk_get(register_url, overdue="1").text
        assert _titles(html) == ["Výtluk v ulici Křižíkova"]
        assert "podnety-overdue" in html

    def test_full_text_without_diacritics(self, register_url):
        html = _clerk_get(register_url, text="krizik").text
        assert _titles(html) == ["Výtluk v ulici Křižíkova"]

    def test_invalid_date_reported(self, register_url):
        response = _clerk_get(register_url, date_from="31.2.2026")
        assert response.status_code == 200
        assert "YYYY-MM-DD" in response.text
        assert len(_titles(response.text)) == 3

    def test_citizen_text_escaped(self, register_url):
        html = _clerk_get(register_url).text
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;" in html

    def test_sort_ascending(self, register_url):
        html = _clerk_get(register_url, sort_on="received", sort_order="ascending").text
        assert html.index("Výtluk") < html.index("Přeplněný") < html.index("Reklama")


class TestRegisterExport:
    def test_csv_for_czech_excel(self, register_url):
        response = _clerk_get(
            f"{register_url}/@@podnety-export", format="csv", channel="email"
        )
        assert response.headers["Content-Type"].startswith("text/csv")
        assert response.content.startswith(b"\xef\xbb\xbf")
        lines = response.content.decode("utf-8-sig").splitlines()
        assert len(lines) == 2
        assert lines[1].split(";")[3] == "Výtluk v ulici Křižíkova"

    def test_xlsx_has_filtered_rows(self, register_url):
        response = _clerk_get(
            f"{register_url}/@@podnety-export", format="xlsx", state="rejected"
        )
        sheet = load_workbook(BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert len(rows) == 2
        assert rows[1][3] == "Reklama"

    def test_formulas_stay_text(self, functional, register_url):
        portal = functional["portal"]
        file_podnet(
            portal,
            key="reg:formula",
            title='=HYPERLINK("http://evil.example/","klik")',
            citizen_name="@SUM(1+1)",
        )
        transaction.commit()
        csv_lines = _clerk_get(f"{register_url}/@@podnety-export", format="csv").content
        assert b"'=HYPERLINK" in csv_lines
        assert b"'@SUM(1+1)" in csv_lines
        response = _clerk_get(f"{register_url}/@@podnety-export", format="xlsx")
        sheet = load_workbook(BytesIO(response.content)).active
        subjects = [row[3] for row in sheet.iter_rows(min_row=2)]
        formula = [cell for cell in subjects if "HYPERLINK" in str(cell.value)][0]
        assert formula.data_type == "s"

    def test_export_closed_to_members(self, register_url):
        response = requests.get(
            f"{register_url}/@@podnety-export",
            auth=("member", PASSWORD),
            timeout=30,
            allow_redirects=False,
        )
        assert response.status_code != 200 or "Reklama" not in response.text


class TestPodnetPage:
    def test_clerk_decides_on_one_screen(self, register_url):
        session = requests.Session()
        session.auth = ("clerk", PASSWORD)
        url = f"{register_url}/pdn-{datetime.now(PRAGUE).year}-00002"
        page = session.get(url)
        assert page.status_code == 200
        assert "Přeplněný kontejner" in page.text
        token = (
            page.text.split('name="_authenticator"')[1]
            .split('value="')[1]
            .split('"')[0]
        )
        response = session.post(
            f"{url}/@@podnet-decide",
            data={
                "_authenticator": token,
                "title": "Přeplněný kontejner",
                "citizen_name": "Karel Malý",
                "citizen_email": "karel.maly@example.cz",
                "kind": "stiznost",
                "assignee": "official",
                "transition": "accept",
                "comment": "Odbor odpadů",
            },
        )
        assert response.status_code == 200
        after = session.get(url, headers={"Accept": "application/json"}).json()
        assert after["review_state"] == "assigned"
        assert after["citizen_email"] == "karel.maly@example.cz"
        assert after["kind"]["token"] == "stiznost"

    def test_invalid_email_keeps_state(self, register_url):
        session = requests.Session()
        session.auth = ("clerk", PASSWORD)
        url = f"{register_url}/pdn-{datetime.now(PRAGUE).year}-00002"
        page = session.get(url)
        token = (
            page.text.split('name="_authenticator"')[1]
            .split('value="')[1]
            .split('"')[0]
        )
        response = session.post(
            f"{url}/@@podnet-decide",
            data={
                "_authenticator": token,
                "citizen_email": "karel at example",
                "assignee": "official",
                "transition": "accept",
            },
        )
        assert response.status_code == 200
        after = session.get(url, headers={"Accept": "application/json"}).json()
        assert after["review_state"] == "new"
        assert after["citizen_email"] == "jana.novakova@example.cz"


class TestCzechScreens:
    @pytest.fixture
    def czech_site(self, functional, register_url):
        use_czech()
        transaction.commit()
        return register_url

    def test_register_in_czech(self, czech_site):
        html = _clerk_get(czech_site).text
        for czech in ("Evidence podnětů", "Přijato", "Odpovědný úředník", "Filtrovat"):
            assert czech in html
        for english in ("Register of podněty", "Responsible official", "Clear filters"):
            assert english not in html

    def test_podnet_page_in_czech(self, czech_site):
        url = f"{czech_site}/pdn-{datetime.now(PRAGUE).year}-00002"
        html = _clerk_get(url).text
        for czech in (
            "Čeká na posouzení",
            "Přijmout a přidělit",
            "Historie",
            "Občan a rozhodnutí",
        ):
            assert czech in html
        for english in (
            "Waiting for triage",
            "Accept and assign",
            "Citizen and decision",
        ):
            assert english not in html
