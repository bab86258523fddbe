"""The dashboard page, its charts and the @podnety-stats JSON over real HTTP."""

from tests.helpers import PASSWORD
from urad.podnety.deadlines.calendar import PRAGUE
from urad.podnety.deadlines.calendar import local_date
from urad.podnety.deadlines.schedule import month_period

import datetime
import re
import requests


SUPERVISOR = ("supervisor", PASSWORD)
CLERK = ("clerk", PASSWORD)
MEMBER = ("member", PASSWORD)


def register_url(http_portal_url):
    return f"{http_portal_url}/podnety"


class TestDashboard:
    def test_page_numbers(self, seeded, http_portal_url):
        response = requests.get(
            f"{register_url(http_portal_url)}/@@podnety-dashboard",
            auth=CLERK,
            timeout=30,
        )
        assert response.status_code == 200
        # Seven seeded podněty, two of them rejected.
        assert re.search(r'id="podnety-open"\s*>5<', response.text)
        assert "@@podnety-dashboard-chart?name=new-per-week" in response.text
        # Clerks see the numbers, not the report buttons.
        assert "@@podnety-report-run" not in response.text

    def test_supervisor_sees_reports(self, seeded, http_portal_url):
        response = requests.get(
            f"{register_url(http_portal_url)}/@@podnety-dashboard",
            auth=SUPERVISOR,
            timeout=30,
        )
        assert "@@podnety-report-run" in response.text
        assert "monthly-new-rejected" in response.text

    def test_supervisor_sends_report(self, seeded, http_portal_url, smtp_sink):
        session = requests.Session()
        session.auth = SUPERVISOR
        page = session.get(f"{register_url(http_portal_url)}/@@podnety-dashboard")
        token = re.search(
            r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', page.text
        )
        response = session.post(
            f"{register_url(http_portal_url)}/@@podnety-report-run",
            data={"id": "monthly-state", "_authenticator": token.group(1)},
            timeout=30,
        )
        assert response.status_code == 200, (token.group(1), response.text[-3000:])
        mails = smtp_sink.wait_for(1)
        subjects = [m["Subject"] for m in mails if m["To"] == "supervisor@urad.example"]
        assert subjects[0].startswith("Stav starších otevřených podnětů")

    def test_send_running_period(self, seeded, http_portal_url, smtp_sink):
        session = requests.Session()
        session.auth = SUPERVISOR
        page = session.get(f"{register_url(http_portal_url)}/@@podnety-dashboard")
        token = re.search(
            r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', page.text
        )
        session.post(
            f"{register_url(http_portal_url)}/@@podnety-report-run",
            data={
                "id": "monthly-new-rejected",
                "current": "1",
                "_authenticator": token.group(1),
            },
            timeout=30,
        )
        today = local_date(datetime.datetime.now(PRAGUE))
        first, following = month_period(today.year, today.month)
        last = following - datetime.timedelta(days=1)
        mails = smtp_sink.wait_for(1)
        subjects = [m["Subject"] for m in mails if m["To"] == "supervisor@urad.example"]
        assert subjects[0].endswith(f"({first:%d. %m. %Y} – {last:%d. %m. %Y})")

    def test_member_refused(self, seeded, http_portal_url):
        response = requests.get(
            f"{register_url(http_portal_url)}/@@podnety-dashboard",
            auth=MEMBER,
            timeout=30,
            allow_redirects=False,
        )
        assert response.status_code in (302, 401, 403)

    def test_chart_svg(self, seeded, http_portal_url):
        for name in ("new-per-week", "open-by-age", "overdue-by-official", "medians"):
            response = requests.get(
                f"{register_url(http_portal_url)}/@@podnety-dashboard-chart",
                params={"name": name, "format": "svg"},
                auth=CLERK,
                timeout=30,
            )
            assert response.status_code == 200
            assert response.headers["Content-Type"].startswith("image/svg+xml")
            assert response.text.lstrip().startswith("<?xml")


class TestStatsService:
    def test_json(self, seeded, http_portal_url):
        response = requests.get(
            f"{register_url(http_portal_url)}/@podnety-stats",
            headers={"Accept": "application/json"},
            auth=CLERK,
            timeout=30,
        )
        assert response.status_code == 200
        data = response.json()
        assert data["counts"] == {
            "new": 4,
            "assigned": 1,
            "resolved": 0,
            "closed": 0,
            "rejected": 2,
        }
        assert data["open"] == 5
        assert data["median_days"]["accept"] == {"median_days": 2.0, "count": 1}
        today = local_date(datetime.datetime.now(PRAGUE))
        assert data["today"] == today.isoformat()

    def test_member_refused(self, seeded, http_portal_url):
        response = requests.get(
            f"{register_url(http_portal_url)}/@podnety-stats",
            headers={"Accept": "application/json"},
            auth=MEMBER,
            timeout=30,
        )
        assert response.status_code == 401


class TestRegisterLink:
    def test_register_links_dashboard(self, seeded, http_portal_url):
        response = requests.get(register_url(http_portal_url), auth=CLERK, timeout=30)
        assert response.status_code == 200
        assert "/podnety/@@podnety-dashboard" in response.text
