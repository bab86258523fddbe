"""Intake details on the podnět page, as a Czech clerk reads them."""

from datetime import datetime
from hashlib import sha256
from lxml import html as lxml_html
from pathlib import Path
from plone import api
from tests.helpers import PASSWORD
from tests.helpers import prepare_czech_office
from tests.intake.webform.test_webform_browser import WCAG_AA
from tests.intake.webform.test_webform_browser import axe_source  # noqa: F401
from types import SimpleNamespace
from urad.podnety.browser.intake_details import intake_rows
from urad.podnety.intake import file_submission
from urad.podnety.intake.email.parser import parse_message
from urad.podnety.intake.scans.filing import _submission as scan_submission
from urad.podnety.intake.scans.sniff import PDF
from urad.podnety.intake.scans.status import copy_to_podnet
from urad.podnety.intake.webform.mapping import build_submission
from urad.podnety.phone.calls import Call
from urad.podnety.phone.filing import apply_call_end
from urad.podnety.phone.filing import file_call
from zoneinfo import ZoneInfo

import base64
import pytest
import requests
import transaction


PRAGUE = ZoneInfo("Europe/Prague")
EMAIL = Path(__file__).parents[1] / "_resources" / "email"
CLERK_AUTH = ("clerk", PASSWORD)

# Keys the channels write into intake_info. None may reach the page as a label.
RAW_KEYS = (
    "filed_at",
    "message_id",
    "date_header",
    "date_valid",
    "reply_to",
    "auto_submitted",
    "uidvalidity",
    "file_name",
    "sha256",
    "ocr_pages_read",
    "call_id",
    "caller_raw",
    "caller_hidden",
    "answered_at",
    "recording",
    "form_path",
    "form_fields",
)


def file_email(portal):
    received = datetime(2025, 3, 19, 8, 2, 11, tzinfo=PRAGUE)
    submission = parse_message((EMAIL / "B01.eml").read_bytes(), received)
    submission.intake_info["source"] = {
        "kind": "imap",
        "account": "podatelna",
        "folder": "INBOX",
        "uidvalidity": 1742367000,
        "uid": 17,
    }
    return file_submission(portal, submission)[0]


def file_scan(portal):
    data = b"%PDF-1.4 dopis z podatelny"
    submission = scan_submission(
        SimpleNamespace(name="dopis-podatelna.pdf"),
        PDF,
        2,
        data,
        sha256(data).hexdigest(),
        datetime(2026, 3, 2, 9, 30, tzinfo=PRAGUE),
    )
    podnet = file_submission(portal, submission)[0]
    result = SimpleNamespace(pages=2, pages_read=2)
    copy_to_podnet(SimpleNamespace(__parent__=podnet), "done", result)
    return podnet


def file_phone(portal):
    call = Call("pbx-4711")
    call.direction = "in"
    call.caller_raw = "0601123456"
    call.called = "221000111"
    call.extension = "215"
    call.user = "novakova"
    answered = datetime(2026, 3, 2, 10, 15, tzinfo=PRAGUE)
    call.events["answer"] = {"time": answered, "arrived": answered}
    podnet = file_call(portal, call)[0]
    call.ended = datetime(2026, 3, 2, 10, 19, 5, tzinfo=PRAGUE)
    call.duration = 245
    call.cause = "normalClearing"
    call.state = "ended"
    apply_call_end(podnet, call)
    return podnet


def file_web(portal):
    data = {
        "predmet": "Rozbitá lavička v parku",
        "text": "Lavička u rybníka má ulomené opěradlo.",
        "jmeno": "Jana Nováková",
        "ulice": "Křižíkova",
    }
    submission = build_submission(
        data,
        {"title": "predmet", "text": "text", "citizen_name": "jmeno"},
        {"ulice": "Ulice"},
        [],
        datetime(2026, 3, 2, 9, 30, tzinfo=PRAGUE),
        "form-uid-123",
    )
    submission.intake_info["form_path"] = "/plone/podat-podnet"
    return file_submission(portal, submission)[0]


@pytest.fixture
def podnety(functional):
    """One podnět of each channel in a Czech site, with clerk accounts."""
    portal = functional["portal"]
    prepare_czech_office(portal)
    with api.env.adopt_roles(["Manager"]):
        filed = {
            "email": file_email(portal),
            "post": file_scan(portal),
            "phone": file_phone(portal),
            "web": file_web(portal),
        }
    transaction.commit()
    return {channel: podnet.absolute_url() for channel, podnet in filed.items()}


@pytest.fixture
def clerk_page(chromium):
    """A desktop browser page logged in as the clerk."""
    token = base64.b64encode(":".join(CLERK_AUTH).encode()).decode()
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900},
        # Plone redirects anonymous users to its login form instead of
        # returning 401, so the credentials go with every request.
        extra_http_headers={"Authorization": f"Basic {token}"},
        locale="cs-CZ",
    )
    yield context.new_page()
    context.close()


def intake_section(url):
    """Return (main, technical) as lists of (label, value) seen by a clerk."""
    response = requests.get(url, auth=CLERK_AUTH, timeout=30)
    assert response.status_code == 200
    page = lxml_html.fromstring(response.text)

    def pairs(dl):
        labels = [dt.text_content().strip() for dt in dl.findall("dt")]
        values = [dd.text_content().strip() for dd in dl.findall("dd")]
        return list(zip(labels, values, strict=True))

    main = page.cssselect("dl.podnety-intake")
    technical = page.cssselect("details.podnety-intake-technical dl")
    return (
        pairs(main[0]) if main else [],
        pairs(technical[0]) if technical else [],
    )


def update_intake_info(functional, url, **values):
    portal = functional["portal"]
    podnet = portal.unrestrictedTraverse(url.replace(portal.absolute_url() + "/", ""))
    podnet.intake_info = dict(podnet.intake_info, **values)
    transaction.commit()


def assert_no_raw_keys(rows):
    labels = [label for label, _value in rows]
    for key in RAW_KEYS:
        assert key not in labels


class TestIntakeDetailsPage:
    def test_email_in_czech(self, podnety):
        main, technical = intake_section(podnety["email"])
        by_label = dict(main)
        # The Date header says 09:15:00 +0100, which is 09:15 in Prague.
        assert by_label["Odesláno"] == "04.03.2025 09:15"
        assert by_label["Komu"] == "podatelna@urad.example.org"
        assert by_label["Velikost"] == "2 kB"
        assert "Zapsáno do evidence" in by_label
        technical_by_label = dict(technical)
        assert technical_by_label["Doručeno z"] == "schránka IMAP"
        assert technical_by_label["IMAP UID"] == "17"
        assert technical_by_label["Message-ID"].startswith("<")
        assert technical_by_label["Hlavička Date platná"] == "ano"
        assert_no_raw_keys(main + technical)

    def test_scan_in_czech(self, podnety):
        main, technical = intake_section(podnety["post"])
        by_label = dict(main)
        assert by_label["Naskenovaný soubor"] == "dopis-podatelna.pdf"
        assert by_label["Formát souboru"] == "PDF"
        assert by_label["Počet stran"] == "2"
        assert by_label["Rozpoznání textu"] == "text rozpoznán"
        assert by_label["Stran s rozpoznaným textem"] == "2"
        assert dict(technical)["Kontrolní součet SHA-256"] == sha256(
            b"%PDF-1.4 dopis z podatelny"
        ).hexdigest()
        assert_no_raw_keys(main + technical)

    def test_phone_in_czech(self, podnety):
        main, technical = intake_section(podnety["phone"])
        by_label = dict(main)
        assert by_label["Linka"] == "215"
        assert by_label["Volané číslo"] == "221000111"
        assert by_label["Skryté číslo volajícího"] == "ne"
        assert by_label["Přijat"] == "02.03.2026 10:15"
        assert by_label["Ukončen"] == "02.03.2026 10:19"
        assert by_label["Délka hovoru"] == "4:05"
        assert by_label["Nahrávka"] == "Čeká se na nahrávku"
        assert dict(technical)["ID hovoru v ústředně"] == "pbx-4711"
        assert dict(technical)["Stav hovoru"] == "hovor skončil"
        assert_no_raw_keys(main + technical)

    def test_web_form_in_czech(self, podnety):
        main, technical = intake_section(podnety["web"])
        by_label = dict(main)
        assert by_label["Webový formulář"] == "/plone/podat-podnet"
        assert by_label["Ulice"] == "Křižíkova"
        assert dict(technical)["UID webového formuláře"] == "form-uid-123"
        assert_no_raw_keys(main + technical)

    def test_unknown_key_kept(self, podnety, functional):
        update_intake_info(functional, podnety["web"], databox_id="abc7xyz")
        main, _technical = intake_section(podnety["web"])
        assert ("databox_id", "abc7xyz") in main

    def test_size_with_decimal_comma(self, podnety, functional):
        update_intake_info(functional, podnety["web"], size=1_572_864)
        main, _technical = intake_section(podnety["web"])
        assert ("Velikost", "1,5 MB") in main

    def test_screenshot_for_clerk(self, podnety, clerk_page, tmp_path):
        clerk_page.goto(podnety["email"])
        clerk_page.click("details.podnety-intake-technical summary")
        target = tmp_path / "podnet-intake.png"
        clerk_page.screenshot(path=str(target), full_page=True)
        open_details = clerk_page.locator("details.podnety-intake-technical[open]")
        assert open_details.count() == 1
        assert target.stat().st_size > 10000

    def test_intake_section_accessible(
        self, podnety, clerk_page, axe_source  # noqa: F811
    ):
        clerk_page.goto(podnety["phone"])
        clerk_page.click("details.podnety-intake-technical summary")
        clerk_page.add_script_tag(content=axe_source)
        result = clerk_page.evaluate(
            """tags => axe.run(
                {include: [['.podnety-intake'], ['.podnety-intake-technical']]},
                {runOnly: {type: 'tag', values: tags}})""",
            WCAG_AA,
        )
        violations = [item["id"] for item in result["violations"]]
        assert violations == []


class TestIntakeRows:
    def translate(self, message):
        return f"<{message}>"

    def test_booleans_yes_no(self):
        rows = intake_rows({"phone": {"caller_hidden": True}}, self.translate)
        assert rows["main"] == [{"label": "<Caller's number hidden>", "value": "<yes>"}]

    def test_times_in_prague(self):
        rows = intake_rows({"filed_at": "2026-07-01T10:00:00+00:00"}, self.translate)
        assert rows["main"][0]["value"] == "01.07.2026 12:00"

    def test_pseudonymised_values_kept(self):
        info = {"phone": "[pseudonymizováno]", "reply_to": "[pseudonymizováno]"}
        rows = intake_rows(info, self.translate)
        assert {row["value"] for row in rows["main"]} == {"[pseudonymizováno]"}
        assert len(rows["main"]) == 2

    def test_empty_values_hidden(self):
        info = {"auto_submitted": "", "cc": [], "date": ""}
        assert intake_rows(info, self.translate) == {"main": [], "technical": []}

    def test_flags_translated(self):
        rows = intake_rows({"flags": ["oversized", "new-flag"]}, self.translate)
        assert rows["main"][0]["value"] == "<larger than the size limit>, new-flag"

    def test_sizes(self):
        for size, text in ((512, "512 B"), (4096, "4 kB"), (1_572_864, "1.5 MB")):
            rows = intake_rows({"size": size}, self.translate)
            assert rows["main"][0]["value"] == text
