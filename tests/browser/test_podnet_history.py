"""History details on the podnět page, as a Czech clerk reads them."""

from datetime import datetime
from datetime import timedelta
from lxml import html as lxml_html
from pathlib import Path
from plone import api
from tests.helpers import PASSWORD
from tests.helpers import file_podnet
from tests.helpers import prepare_czech_office
from tests.intake.webform.test_webform_browser import WCAG_AA
from tests.intake.webform.test_webform_browser import axe_source  # noqa: F401
from urad.podnety.browser.history_details import history_rows
from urad.podnety.intake.email.filing import file_parsed
from urad.podnety.intake.email.filing import parse_for_portal
from zoneinfo import ZoneInfo

import base64
import pytest
import re
import requests
import transaction


PRAGUE = ZoneInfo("Europe/Prague")
EMAIL = Path(__file__).parents[1] / "_resources" / "email"
CLERK_AUTH = ("clerk", PASSWORD)
OFFICIAL_AUTH = ("official", PASSWORD)

# Keys the product records as history details. None may reach the page.
RAW_KEYS = (
    "to",
    "subject",
    "template",
    "message_id",
    "assignee",
    "previous_assignee",
    "fields",
    "phase",
    "deadline_resolve",
    "deadline",
    "previous",
    "legal_extension_days",
    "delivery",
)


def authenticator(session, url):
    page = session.get(url, timeout=30)
    assert page.status_code == 200
    match = re.search(r'name="_authenticator"\s+[^>]*value="([^"]+)"', page.text)
    assert match is not None
    return match.group(1)


def history_table(url, auth=CLERK_AUTH):
    """Return each history row as (action title, main pairs, technical pairs, text)."""
    response = requests.get(url, auth=auth, timeout=30)
    assert response.status_code == 200
    page = lxml_html.fromstring(response.text)

    def pairs(dl):
        labels = [dt.text_content().strip().rstrip(":") for dt in dl.findall(".//dt")]
        values = [dd.text_content().strip() for dd in dl.findall(".//dd")]
        return list(zip(labels, values, strict=True))

    rows = []
    for row in page.cssselect("table.podnety-history tbody tr"):
        cells = row.findall("td")
        main = cells[3].cssselect("dl.podnety-history-details")
        technical = cells[3].cssselect("details.podnety-history-technical dl")
        rows.append(
            (
                cells[1].text_content().strip(),
                pairs(main[0]) if main else [],
                pairs(technical[0]) if technical else [],
                cells[3].text_content(),
            )
        )
    return rows


def entries(rows, action_title):
    found = [row for row in rows if row[0] == action_title]
    assert found, f"no history entry {action_title!r} in {[row[0] for row in rows]}"
    return found


def assert_no_raw_keys(rows):
    for _action, main, technical, _text in rows:
        labels = [label for label, _value in main + technical]
        for key in RAW_KEYS:
            assert key not in labels


@pytest.fixture
def czech_site(functional, smtp_sink):
    """A Czech site with clerk accounts and mail going to a local SMTP sink."""
    portal = functional["portal"]
    transaction.begin()
    prepare_czech_office(portal)
    transaction.commit()
    return portal


@pytest.fixture
def decided(czech_site, smtp_sink):
    """A web podnět the clerk accepted and the official extended, over HTTP."""
    with api.env.adopt_roles(["Manager"]):
        podnet = file_podnet(czech_site, key="history:1", wants_updates=True)
    transaction.commit()

    url = podnet.absolute_url()
    session = requests.Session()
    session.auth = CLERK_AUTH
    response = session.post(
        f"{url}/@@podnet-decide",
        data={
            "_authenticator": authenticator(session, url),
            "title": "Rozbitá lavička u rybníka",
            # A kind without a legal deadline, so the office may extend it.
            "kind": "jine",
            "assignee": "official",
            "transition": "accept",
            "comment": "Odbor správy majetku",
        },
        timeout=30,
    )
    assert response.status_code == 200

    transaction.begin()
    current = podnet.deadline_resolve
    assert current is not None
    official = requests.Session()
    official.auth = OFFICIAL_AUTH
    extend_url = f"{url}/@@extend-deadline"
    response = official.post(
        extend_url,
        data={
            "_authenticator": authenticator(official, extend_url),
            "phase": "resolve",
            "deadline": (current + timedelta(days=1)).isoformat(),
            "reason": "Čekáme na vyjádření správce parku",
        },
        timeout=30,
    )
    assert response.status_code == 200

    transaction.begin()
    assert podnet.deadline_resolve == current + timedelta(days=1)
    smtp_sink.wait_for(3)
    return {"url": url, "previous": current, "extended": podnet.deadline_resolve}


@pytest.fixture
def delivered_twice(czech_site):
    """An e-mail podnět whose message the mailbox delivered a second time."""
    raw = (EMAIL / "B01.eml").read_bytes()
    received = datetime(2025, 3, 19, 8, 2, 11, tzinfo=PRAGUE)
    with api.env.adopt_roles(["Manager"]):
        for uid in (17, 18):
            source = {
                "kind": "imap",
                "account": "podatelna",
                "folder": "INBOX",
                "uidvalidity": 1742367000,
                "uid": uid,
            }
            submission, language = parse_for_portal(raw, received, source)
            outcome = file_parsed(czech_site, submission, language)
            transaction.commit()
    assert outcome.action == "duplicate"
    [brain] = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="Podnet", reference_number=outcome.reference
    )
    return brain.getURL()


@pytest.fixture
def clerk_page(chromium):
    """A desktop browser page logged in as the clerk, in Czech."""
    token = base64.b64encode(":".join(CLERK_AUTH).encode()).decode()
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900},
        extra_http_headers={"Authorization": f"Basic {token}"},
        locale="cs-CZ",
    )
    yield context.new_page()
    context.close()


class TestHistoryPage:
    def test_citizen_mail_in_czech(self, decided):
        rows = history_table(decided["url"])
        by_template = {}
        for row in entries(rows, "Odeslán e-mail"):
            by_template[dict(row[1])["Šablona e-mailu"]] = row
        accepted = dict(by_template["Převzato k vyřízení"][1])
        assert accepted["Příjemce"] == "jana.novakova@example.cz"
        assert accepted["Předmět"].startswith("Váš podnět PDN-")
        assert accepted["Předmět"].endswith(" se vyřizuje")
        receipt = dict(by_template["Potvrzení o přijetí"][1])
        assert receipt["Příjemce"] == "jana.novakova@example.cz"
        notice = dict(by_template["Oznámení odpovědnému úředníkovi"][1])
        assert notice["Příjemce"] == "official@urad.example"
        technical = dict(by_template["Převzato k vyřízení"][2])
        assert technical["Message-ID"].startswith("<")
        assert_no_raw_keys(rows)

    def test_assignee_by_full_name(self, decided):
        rows = history_table(decided["url"])
        [(_action, main, _technical, text)] = entries(rows, "Určen odpovědný úředník")
        assert dict(main)["Odpovědný úředník"] == "Test Official"
        assert "Odbor správy majetku" in text

    def test_changed_fields_by_title(self, decided):
        rows = history_table(decided["url"])
        [(_action, main, _technical, _text)] = entries(rows, "Změněny údaje")
        changed = dict(main)["Změněné údaje"].split(", ")
        assert "Předmět" in changed
        assert "Druh" in changed
        assert "Odpovědný úředník" in changed

    def test_deadlines_as_dates(self, decided):
        rows = history_table(decided["url"])
        [(_action, main, _technical, text)] = entries(rows, "Lhůta prodloužena")
        by_label = dict(main)
        assert by_label["Fáze"] == "vyřízení"
        assert by_label["Předchozí lhůta"] == decided["previous"].strftime("%d.%m.%Y")
        assert by_label["Nová lhůta"] == decided["extended"].strftime("%d.%m.%Y")
        # This kind has no legal deadline, so there is no legal extension.
        assert "Prodloužení zákonné lhůty (dny)" not in by_label
        # The reason is the entry's comment, shown once.
        assert text.count("Čekáme na vyjádření správce parku") == 1
        set_rows = entries(rows, "Nastaveny lhůty")
        phases = [dict(main).get("Fáze") for _action, main, _tech, _text in set_rows]
        assert "vyřízení" in phases

    def test_duplicate_delivery_collapsed(self, delivered_twice):
        rows = history_table(delivered_twice)
        duplicate = "Stejný e-mail byl doručen znovu"
        [(_action, main, technical, _text)] = entries(rows, duplicate)
        assert main == []
        assert dict(technical)["Doručeno jako"] == "imap:podatelna/INBOX/1742367000/18"
        assert_no_raw_keys(rows)

    def test_screenshot_for_clerk(self, decided, clerk_page, tmp_path):
        clerk_page.goto(decided["url"])
        clerk_page.locator("details.podnety-history-technical summary").first.click()
        target = tmp_path / "podnet-history.png"
        clerk_page.locator("table.podnety-history").screenshot(path=str(target))
        opened = clerk_page.locator("details.podnety-history-technical[open]")
        assert opened.count() == 1
        assert target.stat().st_size > 10000

    def test_history_accessible(
        self, decided, clerk_page, axe_source  # noqa: F811
    ):
        clerk_page.goto(decided["url"])
        clerk_page.locator("details.podnety-history-technical summary").first.click()
        clerk_page.add_script_tag(content=axe_source)
        result = clerk_page.evaluate(
            """tags => axe.run(
                {include: [['table.podnety-history']]},
                {runOnly: {type: 'tag', values: tags}})""",
            WCAG_AA,
        )
        violations = [item["id"] for item in result["violations"]]
        assert violations == []


class TestHistoryRows:
    def translate(self, message):
        return f"<{message}>"

    def fullname(self, user_id):
        return f"Full {user_id}"

    def rows(self, action, comment="", **details):
        entry = {"action": action, "comment": comment, "details": details}
        return history_rows(entry, self.translate, self.fullname)

    def test_unknown_key_kept(self):
        rows = self.rows("mail", databox_id="abc7xyz")
        assert rows["main"] == [{"label": "databox_id", "value": "abc7xyz"}]

    def test_confidential_text_as_yes(self):
        rows = self.rows("details", fields="confidential", confidential="True")
        assert rows["main"][1] == {"label": "<Confidential>", "value": "<yes>"}

    def test_cleared_deadline_as_dash(self):
        rows = self.rows("deadlines", phase="close", deadline_close=None)
        assert rows["main"][1] == {"label": "<Close by>", "value": "—"}

    def test_pseudonymised_fields_by_title(self):
        rows = self.rows(
            "pseudonymised",
            comment="Žádost o výmaz",
            fields=["citizen_name", "citizen_email"],
            files_removed=2,
            reason="Žádost o výmaz",
            time="2026-07-01T10:00:00+00:00",
        )
        assert rows["main"] == [
            {"label": "<Personal data replaced>", "value": "<Name>, <E-mail>"},
            {"label": "<Files removed>", "value": "2"},
        ]
        assert rows["technical"] == [
            {"label": "<Pseudonymised at>", "value": "01.07.2026 12:00"}
        ]

    def test_rule_template_named(self):
        rows = self.rows("mail", template="rule:deadline-due")
        assert rows["main"][0]["value"] == "<${template} (content rule)>"

    def test_legal_extension_days(self):
        rows = self.rows("deadline-extended", phase="resolve", legal_extension_days=10)
        assert rows["main"][1] == {"label": "<Days of legal extension>", "value": "10"}

    def test_export_size(self):
        rows = self.rows("exported", size=2048)
        assert rows["main"] == [{"label": "<Size>", "value": "2 kB"}]

    def test_deadline_date_format(self):
        rows = self.rows("deadlines", phase="resolve", deadline_resolve="2026-03-05")
        assert rows["main"] == [
            {"label": "<Phase>", "value": "<handling>"},
            {"label": "<Resolve by>", "value": "05.03.2026"},
        ]
