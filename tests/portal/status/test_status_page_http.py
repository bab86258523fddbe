"""The status page over real HTTP: passwords by e-mail, login and what is shown."""

from DateTime import DateTime
from datetime import timedelta
from plone import api
from tests.helpers import file_podnet
from tests.portal.status.conftest import CITIZEN
from tests.portal.status.conftest import StatusClient
from tests.portal.status.conftest import mails_to_citizens
from tests.portal.status.conftest import wait_for_password
from urad.podnety.portal.status import access
from urad.podnety.portal.status import guard
from urad.podnety.portal.status import tokens
from urad.podnety.portal.status.access import CREDENTIALS_KEY
from urad.podnety.workflow import config
from zope.annotation.interfaces import IAnnotations

import logging
import re
import time
import transaction


def _logged_in(citizen, smtp_sink, reference):
    citizen.request_password(reference)
    password = wait_for_password(smtp_sink)[0]
    response = citizen.login(reference, password)
    assert response.status_code == 303
    return password


def _close_days_ago(podnet, days):
    """Resolve and close the podnět, then date the closing `days` back."""
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        podnet.resolution = "Hotovo."
        api.content.transition(obj=podnet, transition=config.RESOLVE)
        api.content.transition(obj=podnet, transition=config.CLOSE)
    entries = podnet.workflow_history[config.WORKFLOW_ID]
    last = dict(entries[-1])
    last["time"] = DateTime(last["time"].asdatetime() - timedelta(days=days))
    podnet.workflow_history[config.WORKFLOW_ID] = entries[:-1] + (last,)
    transaction.commit()


def _without_values(text):
    """Drop the form values (token, typed number) that differ per request."""
    return re.sub(r'value="[^"]*"', 'value=""', text)


class TestRequestPassword:
    def test_mail_contains_password_and_link(self, filed, citizen, smtp_sink):
        """A matching request mails a grouped password and the page link."""
        response = citizen.request_password(filed.reference_number)
        assert response.status_code == 200
        messages = smtp_sink.wait_for(1)
        assert len(messages) == 1
        assert messages[0]["To"] == CITIZEN
        body = messages[0].get_body(("plain",)).get_content()
        assert wait_for_password(smtp_sink) != []
        assert f"/stav-podnetu?ref={filed.reference_number}" in body
        assert messages[0]["Auto-Submitted"] == "auto-generated"

    def test_address_case_and_spaces_ignored(self, filed, citizen, smtp_sink):
        """The typed address matches regardless of case and spaces."""
        citizen.request_password(filed.reference_number, "  Jana.Novakova@Example.CZ ")
        assert len(smtp_sink.wait_for(1)) == 1
        assert smtp_sink.envelopes[0]["to"] == [CITIZEN]

    def test_same_answer_when_not_matching(self, filed, citizen, smtp_sink):
        """Wrong addresses and unknown numbers get the same page, no mail."""
        good = citizen.request_password(filed.reference_number)
        smtp_sink.wait_for(1)
        smtp_sink.clear()
        other = StatusClient(citizen.url)
        wrong_mail = other.request_password(
            filed.reference_number, "attacker@example.org"
        )
        unknown = other.request_password("PDN-2026-09999")
        assert good.status_code == wrong_mail.status_code == unknown.status_code
        assert _without_values(good.text) == _without_values(wrong_mail.text)
        assert _without_values(good.text) == _without_values(unknown.text)
        assert mails_to_citizens(smtp_sink) == []

    def test_works_for_logged_in_staff(
        self, filed, citizen, smtp_sink, site_owner_auth
    ):
        """A Plone login in the same browser does not break the page's forms."""
        citizen.session.auth = site_owner_auth
        response = citizen.request_password(filed.reference_number)
        assert response.status_code == 200
        assert len(smtp_sink.wait_for(1)) == 1

    def test_only_hash_stored(self, functional, filed, citizen, smtp_sink):
        """The database keeps a salted scrypt hash, never the password."""
        password = _logged_in(citizen, smtp_sink, filed.reference_number)
        transaction.begin()
        stored = dict(IAnnotations(filed)[CREDENTIALS_KEY])
        assert stored["hash"].startswith("scrypt$")
        assert password not in repr(stored)
        assert password.replace("-", "") not in repr(stored)

    def test_new_password_invalidates_old(self, filed, citizen, smtp_sink):
        """Requesting again makes the earlier password and session useless."""
        first = _logged_in(citizen, smtp_sink, filed.reference_number)
        assert filed.reference_number in citizen.get().text
        smtp_sink.clear()
        StatusClient(citizen.url).request_password(filed.reference_number)
        second = wait_for_password(smtp_sink)[0]
        assert second != first
        assert "OTHER" not in citizen.get().text
        assert 'name="password"' in citizen.get().text
        assert citizen.login(filed.reference_number, first).status_code == 200
        assert citizen.login(filed.reference_number, second).status_code == 303

    def test_requests_throttled(self, filed, citizen, smtp_sink):
        """The fourth request within the window sends no mail."""
        for _ in range(3):
            assert citizen.request_password(filed.reference_number).status_code == 200
        assert len(wait_for_password(smtp_sink, 3)) == 3
        assert citizen.request_password(filed.reference_number).status_code == 429
        assert len(wait_for_password(smtp_sink, 4, timeout=2)) == 3


class TestLogin:
    def test_shows_citizen_view(self, filed, citizen, smtp_sink):
        """After login the page shows number, subject, state and own files."""
        _logged_in(citizen, smtp_sink, filed.reference_number)
        page = citizen.get().text
        assert filed.reference_number in page
        assert "Rozbitá lavička v parku" in page
        assert "2. 3. 2026" in page
        assert "výtluk – foto.png" in page

    def test_no_internal_data(self, filed, citizen, smtp_sink):
        """Comments, officials, internal files and other podněty stay hidden."""
        _logged_in(citizen, smtp_sink, filed.reference_number)
        page = citizen.get().text
        for secret in (
            "INTERNAL-COMMENT",
            "Test Official",
            "official2",
            "Interní poznámka",
            "interni-poznamka",
            "OTHER-CITIZEN-SUBJECT",
            "Petr Svoboda",
        ):
            assert secret not in page

    def test_citizen_text_escaped(self, filed, citizen, smtp_sink):
        """Markup in the citizen's own text is shown as text, not run."""
        _logged_in(citizen, smtp_sink, filed.reference_number)
        page = citizen.get().text
        assert '<script>alert("xss")</script>' not in page
        assert "<img src=x onerror" not in page
        assert "&lt;script&gt;" in page

    def test_own_file_downloads(self, filed, citizen, smtp_sink):
        """The citizen's attachment downloads byte-identical as an attachment."""
        _logged_in(citizen, smtp_sink, filed.reference_number)
        link = re.search(r'href="([^"]+/soubor/[^"]+)"', citizen.get().text).group(1)
        response = citizen.session.get(link, timeout=30)
        assert response.status_code == 200
        assert response.content == b"\x89PNG\r\n\x1a\nfake-image"
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert response.headers["Cache-Control"] == "no-store"
        internal = link.rsplit("/", 1)[0] + "/interni-poznamka"
        assert citizen.session.get(internal, timeout=30).status_code == 404
        assert StatusClient(citizen.url).session.get(link).status_code == 404

    def test_resolution_shown_when_resolved(self, filed, citizen, smtp_sink):
        """A resolved podnět shows the resolution text."""
        with api.env.adopt_roles(["Manager"]):
            filed.resolution = "Lavičku jsme opravili 5. 3. 2026."
            api.content.transition(obj=filed, transition=config.RESOLVE)
        transaction.commit()
        _logged_in(citizen, smtp_sink, filed.reference_number)
        assert "Lavičku jsme opravili 5. 3. 2026." in citizen.get().text

    def test_rejection_reason_shown(self, functional, filed, citizen, smtp_sink):
        """A rejected podnět shows the reason the citizen was mailed."""
        transaction.begin()
        podnet = file_podnet(functional["portal"], key="test:rejected")
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(
                obj=podnet, transition=config.REJECT, comment="Obraťte se na kraj."
            )
        transaction.commit()
        smtp_sink.wait_for(1)
        smtp_sink.clear()
        _logged_in(citizen, smtp_sink, podnet.reference_number)
        assert "Obraťte se na kraj." in citizen.get().text

    def test_logout(self, filed, citizen, smtp_sink):
        """Logging out removes access until the next login."""
        _logged_in(citizen, smtp_sink, filed.reference_number)
        assert citizen.post(action="logout").status_code == 303
        assert filed.reference_number not in citizen.get().text.split("<form")[0]
        assert "Rozbitá lavička v parku" not in citizen.get().text

    def test_wrong_password_throttled(self, filed, citizen, smtp_sink):
        """After five wrong passwords even the right one is refused for now."""
        citizen.request_password(filed.reference_number)
        password = wait_for_password(smtp_sink)[0]
        for _ in range(5):
            response = citizen.login(filed.reference_number, "aaaa-bbbb-cccc-dddd")
            assert response.status_code == 200
        assert citizen.login(filed.reference_number, password).status_code == 429
        other_client = StatusClient(citizen.url)
        blocked = other_client.login(filed.reference_number, password)
        assert blocked.status_code == 429

    def test_client_throttled_across_numbers(self, filed, citizen, smtp_sink):
        """One client guessing many numbers is stopped after the client limit."""
        api.portal.set_registry_record(
            "urad.podnety.citizens.login_attempts_per_client", 3
        )
        transaction.commit()
        for number in range(3):
            reference = f"PDN-2026-0{number + 500}"
            assert citizen.login(reference, "aaaa-bbbb-cccc-dddd").status_code == 200
        blocked = citizen.login("PDN-2026-00777", "aaaa-bbbb-cccc-dddd")
        assert blocked.status_code == 429

    def test_expired_after_closing(self, filed, citizen, smtp_sink):
        """91 days after closing the password no longer works."""
        citizen.request_password(filed.reference_number)
        password = wait_for_password(smtp_sink)[0]
        _close_days_ago(filed, 91)
        assert citizen.login(filed.reference_number, password).status_code == 200
        smtp_sink.clear()
        citizen.request_password(filed.reference_number)
        assert wait_for_password(smtp_sink, timeout=2) == []

    def test_works_within_days_after_closing(self, filed, citizen, smtp_sink):
        """A podnět closed 89 days ago can still be viewed."""
        citizen.request_password(filed.reference_number)
        password = wait_for_password(smtp_sink)[0]
        _close_days_ago(filed, 89)
        assert citizen.login(filed.reference_number, password).status_code == 303


class TestProtection:
    def test_post_without_token_refused(self, filed, citizen, smtp_sink):
        """A request without the anti-CSRF token sends nothing."""
        response = citizen.post(
            token="", action="request", ref=filed.reference_number, email=CITIZEN
        )
        assert response.status_code == 403
        assert mails_to_citizens(smtp_sink) == []

    def test_token_of_other_browser_refused(self, filed, citizen, smtp_sink):
        """A token taken from another browser does not work."""
        foreign = StatusClient(citizen.url).token()
        response = citizen.post(
            token=foreign, action="request", ref=filed.reference_number, email=CITIZEN
        )
        assert response.status_code == 403

    def test_login_needs_token(self, filed, citizen, smtp_sink):
        """Login without the token is refused even with the right password."""
        citizen.request_password(filed.reference_number)
        password = wait_for_password(smtp_sink)[0]
        response = citizen.post(
            token="", action="login", ref=filed.reference_number, password=password
        )
        assert response.status_code == 403

    def test_security_headers(self, filed, citizen, smtp_sink):
        """Every response forbids caching and referrers."""
        responses = [citizen.get(), citizen.request_password(filed.reference_number)]
        password = wait_for_password(smtp_sink)[0]
        responses.append(citizen.login(filed.reference_number, password))
        responses.append(citizen.get())
        for response in responses:
            assert response.headers["Cache-Control"] == "no-store"
            assert response.headers["Referrer-Policy"] == "no-referrer"
            assert response.headers["X-Frame-Options"] == "DENY"

    def test_session_cookie_scoped(self, filed, citizen, smtp_sink, status_url):
        """The session cookie is HttpOnly, SameSite=Strict and path-scoped."""
        citizen.request_password(filed.reference_number)
        password = wait_for_password(smtp_sink)[0]
        response = citizen.login(filed.reference_number, password)
        header = response.headers["Set-Cookie"]
        session = [p for p in header.split(", ") if "podnety_status_session" in p]
        assert session
        assert "Path=/plone/stav-podnetu" in session[0]
        assert "HttpOnly" in session[0]
        assert "SameSite=Strict" in session[0]
        assert "__ac" not in header
        assert password not in response.headers.get("Location", "")
        assert response.headers["Location"] == status_url

    def test_forged_session_refused(self, filed, citizen, smtp_sink):
        """A hand-made session cookie does not open the podnět."""
        citizen.session.cookies.set(
            "podnety_status_session", "eyJyZWYiOiJQRE4ifQ.AAAA", path="/"
        )
        assert "Rozbitá lavička v parku" not in citizen.get().text

    def test_expired_session_refused(self, functional, filed, citizen, smtp_sink):
        """A correctly signed session past its end time shows nothing."""
        _logged_in(citizen, smtp_sink, filed.reference_number)
        transaction.begin()
        generation = access.current_generation(filed)
        secret = guard.site_secret()
        for offset, shown in ((60, True), (-1, False)):
            value = tokens.make_session(
                secret, filed.reference_number, generation, time.time() + offset
            )
            citizen.session.cookies.clear()
            citizen.session.cookies.set(
                guard.SESSION_COOKIE, value, path="/plone/stav-podnetu"
            )
            page = citizen.get().text
            assert ("Rozbitá lavička v parku" in page) is shown

    def test_password_not_logged(self, filed, citizen, smtp_sink, caplog):
        """No log line contains the password."""
        caplog.set_level(logging.DEBUG)
        password = _logged_in(citizen, smtp_sink, filed.reference_number)
        citizen.login(filed.reference_number, "aaaa-bbbb-cccc-dddd")
        # aiosmtpd, the receiving test server, logs whole messages at debug.
        records = [r for r in caplog.records if not r.name.startswith("mail.log")]
        assert records
        for record in records:
            assert password not in record.getMessage()
