"""The reports control panel, the definition form and the preview over HTTP."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.helpers import file_podnet

import re
import requests
import transaction


AUTH = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


def record(session, http_portal_url, name):
    """Read a registry record through plone.restapi."""
    response = session.get(
        f"{http_portal_url}/@registry/{name}",
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 200, name
    return response.json()


def token(html):
    tag = re.search(r'<input[^>]*name="_authenticator"[^>]*>', html).group(0)
    return re.search(r'value="([^"]+)"', tag).group(1)


class TestControlPanel:
    def test_lists_defaults(self, functional, http_portal_url):
        response = requests.get(
            f"{http_portal_url}/@@podnety-settings-reports", auth=AUTH, timeout=30
        )
        assert response.status_code == 200
        for definition_id in (
            "monthly-new-rejected",
            "monthly-state",
            "weekly-overdue",
        ):
            assert f"@@podnety-report?id={definition_id}" in response.text

    def test_add_definition(self, functional, http_portal_url):
        url = f"{http_portal_url}/@@podnety-report-edit"
        session = requests.Session()
        session.auth = AUTH
        form = session.get(url, timeout=30)
        assert form.status_code == 200
        response = session.post(
            url,
            data={
                "form.widgets.title": "Týdenní počty z telefonu",
                "form.widgets.kind:list": "counts",
                "form.widgets.kind-empty-marker": "1",
                "form.widgets.enabled:list": "selected",
                "form.widgets.enabled-empty-marker": "1",
                "form.widgets.frequency:list": "weekly",
                "form.widgets.frequency-empty-marker": "1",
                "form.widgets.weekday": "2",
                "form.widgets.day": "1",
                "form.widgets.hour": "8",
                "form.widgets.recipients": "vedouci@urad.example\npodnety-supervisors",
                "form.widgets.categories": "",
                "form.widgets.channels:list": "phone",
                "form.widgets.channels-empty-marker": "1",
                "form.widgets.events-empty-marker": "1",
                "form.widgets.min_age_days": "30",
                "form.buttons.save": "Save",
                "_authenticator": token(form.text),
            },
            timeout=30,
        )
        assert response.status_code == 200
        listing = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text))
        assert (
            "Týdenní počty z telefonu Counts for a period by channel and category "
            "weekly (Wednesday), 8:00 vedouci@urad.example, podnety-supervisors"
        ) in listing
        edit = session.get(url, params={"id": "tydenni-pocty-z-telefonu"}, timeout=30)
        weekday = re.search(r'<input[^>]*name="form.widgets.weekday"[^>]*>', edit.text)
        assert 'value="2"' in weekday.group(0)
        chosen = re.search(
            r'id="form-widgets-channels-to">(.*?)</select>', edit.text, re.S
        )
        assert re.findall(r'value="([^"]+)"', chosen.group(1)) == ["phone"]

    def test_preview_and_csv(self, functional, http_portal_url):
        url = f"{http_portal_url}/@@podnety-report"
        page = requests.get(
            url, params={"id": "monthly-new-rejected", "day": "2026-12-01"}, auth=AUTH
        )
        assert page.status_code == 200
        assert "<h1>Nové a neoprávněné podněty za měsíc</h1>" in page.text
        assert "01. 11. 2026 – 30. 11. 2026" in page.text
        data = requests.get(
            url,
            params={"id": "monthly-new-rejected", "day": "2026-12-01", "format": "csv"},
            auth=AUTH,
        )
        assert data.content.startswith(b"\xef\xbb\xbf")
        assert data.headers["Content-Disposition"] == (
            'attachment; filename="monthly-new-rejected-2026-11-01.csv"'
        )

    def test_unknown_definition(self, functional, http_portal_url):
        response = requests.get(
            f"{http_portal_url}/@@podnety-report", params={"id": "nope"}, auth=AUTH
        )
        assert response.status_code == 404


class TestDeadlineControlPanel:
    def test_change_rule_and_recompute(self, functional, http_portal_url):
        portal = functional["portal"]
        podnet = file_podnet(portal, kind="stiznost", citizen_email="")
        transaction.commit()
        assert str(podnet.deadline_resolve) == "2026-05-04"
        url = f"{http_portal_url}/@@podnety-settings-deadlines"
        session = requests.Session()
        session.auth = AUTH
        form = session.get(url, timeout=30).text
        fields = dict(
            re.findall(r'name="(form\.widgets\.[a-z_]+)"[^>]*?value="([^"]*)"', form)
        )
        fields["form.widgets.days_stiznost"] = "30"
        for name in ("accept_unit", "resolve_unit", "close_unit"):
            fields[f"form.widgets.{name}:list"] = "working"
        for name in ("podnet_only_if_updates", "alerts_enabled"):
            fields[f"form.widgets.{name}:list"] = "selected"
        fields["form.buttons.recompute"] = "Save and recompute"
        fields["_authenticator"] = token(form)
        response = session.post(url, data=fields, timeout=30)
        assert response.status_code == 200
        name = "urad.podnety.deadlines.days_stiznost"
        assert record(session, http_portal_url, name) == 30
        item = session.get(
            podnet.absolute_url(), headers={"Accept": "application/json"}, timeout=30
        ).json()
        # 30 days after 2 March is 1 April, a Wednesday
        assert item["deadline_resolve"] == "2026-04-01"
