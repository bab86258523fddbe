"""Staff pages of a Czech site show Czech labels, local times and Czech dates."""

from datetime import date
from datetime import datetime
from gettext import GNUTranslations
from io import BytesIO
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from pythongettext.msgfmt import Msgfmt
from tests.helpers import PASSWORD
from tests.helpers import create_users
from tests.helpers import file_podnet
from tests.helpers import use_czech
from urad.podnety.intake.email import state as email_state
from urad.podnety.reports import definitions
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
import re
import requests
import transaction


PRAGUE = ZoneInfo("Europe/Prague")
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
CLERK = ("clerk", PASSWORD)
SUPERVISOR = ("supervisor", PASSWORD)
PACKAGE = Path(__file__).resolve().parents[2] / "src" / "urad" / "podnety"
PLONE_CATALOG = PACKAGE / "locales" / "cs" / "LC_MESSAGES" / "plone.po"
WORKFLOW = PACKAGE / "profiles" / "default" / "workflows" / "podnet_workflow"
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@pytest.fixture
def czech_site(functional, http_portal_url):
    """The functional site in Czech, with the staff users."""
    use_czech()
    create_users()
    transaction.commit()
    return http_portal_url


def get(url, auth, **params):
    response = requests.get(url, params=params, auth=auth, timeout=30)
    assert response.status_code == 200, url
    return response.text


def option_texts(html, field):
    """Return the visible texts of the options of a z3c.form select."""
    select = re.search(
        rf'<select[^>]*name="form.widgets.{field}:list".*?</select>', html, re.S
    )
    assert select, field
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0))


def local_text(iso):
    """Format an ISO time as the staff pages show it in Prague."""
    moment = datetime.fromisoformat(iso).astimezone(PRAGUE)
    day = f"{moment.day}. {moment.month}. {moment.year}"
    return f"{day} {moment.hour}:{moment.minute:02d}"


class TestDeadlineSettings:
    def test_units_in_czech(self, czech_site):
        html = get(f"{czech_site}/@@podnety-settings-deadlines", SUPERVISOR)
        units = option_texts(html, "accept_unit")
        assert units == ["pracovní dny", "kalendářní dny"]
        assert option_texts(html, "close_unit") == units


class TestReportSettings:
    def test_schedules_in_czech(self, czech_site):
        html = get(f"{czech_site}/@@podnety-settings-reports", SUPERVISOR)
        assert "měsíčně, 6:00" in html
        assert "týdně (pondělí), 7:00" in html
        assert "monthly," not in html
        assert "weekly," not in html

    def test_last_run_as_czech_date(self, czech_site):
        portal = api.portal.get()
        definitions.run_state(portal)["monthly-state"] = date(2026, 12, 3)
        transaction.commit()
        html = get(f"{czech_site}/@@podnety-settings-reports", SUPERVISOR)
        assert "3. 12. 2026" in html
        assert "2026-12-03" not in html

    def test_frequency_choices_in_czech(self, czech_site):
        html = get(f"{czech_site}/@@podnety-report-edit", SUPERVISOR)
        frequencies = option_texts(html, "frequency")
        assert frequencies == ["denně", "v pracovní dny", "týdně", "měsíčně"]

    def test_sent_message_counts_recipients(self, czech_site, smtp_sink):
        session = requests.Session()
        session.auth = OWNER
        url = f"{czech_site}/@@podnety-settings-reports"
        page = session.get(url, timeout=30).text
        token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page)
        assert token
        response = session.post(
            url,
            data={"id": "monthly-state", "run": "1", "_authenticator": token.group(1)},
            timeout=30,
        )
        assert response.status_code == 200
        assert "Přehled byl odeslán. Počet příjemců: 1." in response.text
        assert "příjemcům" not in response.text


class TestEmailStatus:
    def test_times_in_prague(self, czech_site):
        portal = api.portal.get()
        email_state.record_sync(portal, "maildir:/srv/podnety", {"filed": 2})
        email_state.record_failure(portal, "maildir:/srv/podnety", "<a@b>", "broken")
        transaction.commit()
        stored = email_state.status(portal)
        html = get(f"{czech_site}/podnety/@@email-status", CLERK)
        assert local_text(stored["syncs"]["maildir:/srv/podnety"]["time"]) in html
        assert local_text(stored["failures"][0]["time"]) in html
        assert not ISO_TIME.search(html)
        assert "UTC" not in html


class TestScanSettings:
    def test_intro_in_czech(self, czech_site):
        html = get(f"{czech_site}/@@podnety-settings-scans", OWNER)
        assert "Zpracované skeny se přesunou do podsložky processed/ROK/MĚSÍC." in html
        assert "založené do" not in html


class TestPodnetPage:
    @pytest.fixture
    def accepted(self, czech_site):
        portal = api.portal.get()
        podnet = file_podnet(portal, key="czech:1")
        with api.env.adopt_roles(["Manager"]):
            podnet.assignee = "official"
            api.content.transition(obj=podnet, transition="accept")
        transaction.commit()
        return f"{czech_site}/podnety/{podnet.getId()}"

    def test_history_in_past_tense(self, accepted):
        html = get(accepted, CLERK)
        history = html[html.index("Historie") :]
        assert "Přijato a přiděleno" in history
        assert "Přijmout a přidělit" not in history

    def test_toolbar_tooltip_in_czech(self, czech_site):
        podnet = file_podnet(api.portal.get(), key="czech:2")
        transaction.commit()
        html = get(f"{czech_site}/podnety/{podnet.getId()}", OWNER)
        assert 'title="Předat podnět odpovědnému úředníkovi."' in html
        assert "Hand the podnět to the responsible official." not in html


class TestDashboard:
    def test_no_overdue_shows_text(self, czech_site):
        # Received now, so none of its deadlines has passed.
        file_podnet(api.portal.get(), key="czech:3", received=datetime.now(PRAGUE))
        transaction.commit()
        html = get(f"{czech_site}/podnety/@@podnety-dashboard", CLERK)
        overdue = re.search(
            r'<div[^>]*id="podnety-chart-overdue-by-official".*?</div>', html, re.S
        )
        assert overdue
        assert "Zmeškané lhůty podle úředníka" in overdue.group(0)
        assert "Žádné zmeškané lhůty" in overdue.group(0)
        assert "name=overdue-by-official" not in html
        medians = re.search(r'<div[^>]*id="podnety-chart-medians".*?</div>', html, re.S)
        assert medians
        assert "nebyl přijat ani vyřízen žádný podnět" in medians.group(0)
        assert "name=medians" not in html
        # A podnět waits for triage, so the chart of new podněty is an image.
        assert "name=new-per-week" in html

    def test_empty_chart_image_has_text(self, czech_site):
        svg = get(
            f"{czech_site}/podnety/@@podnety-dashboard-chart",
            CLERK,
            name="overdue-by-official",
            format="svg",
        )
        assert "Žádné zmeškané lhůty" in svg
        # Bare axes have tick labels such as -0.04.
        assert "0.04" not in svg


def test_transition_descriptions_translated():
    """The toolbar translates transition descriptions in the plone domain."""
    compiled = Msgfmt(str(PLONE_CATALOG)).get()
    catalog = GNUTranslations(BytesIO(compiled))._catalog
    tree = ElementTree.parse(WORKFLOW / "definition.xml")
    descriptions = [
        element.findtext("description")
        for element in tree.getroot()
        if element.tag == "transition"
    ]
    assert len(descriptions) == 6
    missing = [text for text in descriptions if not catalog.get(text)]
    assert missing == []
