"""Posting the public podnět form over real HTTP, as a citizen without JavaScript."""

from pathlib import Path
from plone import api
from Products.SiteAccess.VirtualHostMonster import manage_addVirtualHostMonster

import html
import pytest
import re
import requests
import transaction


RESOURCES = Path(__file__).parents[2] / "_resources" / "webform"


def _podnety(functional):
    """Return the podněty in the register, read after the server committed."""
    transaction.begin()
    portal = functional["portal"]
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Podnet")
    return [portal.unrestrictedTraverse(brain.getPath()) for brain in brains]


def page_text(response):
    """Return the page's visible text roughly, entities decoded."""
    text = re.sub(r"<(script|style).*?</\1>", "", response.text, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


class TestSubmit:
    def test_post_files_podnet(self, functional, citizen):
        png = (RESOURCES / "vytluk.png").read_bytes()
        response = citizen.post(
            files={"form.widgets.priloha_1": ("výtluk – foto.png", png, "image/png")}
        )
        assert response.status_code == 200, response.text[:2000]
        assert "@@podnet-thanks" in response.url
        podnety = _podnety(functional)
        assert len(podnety) == 1
        podnet = podnety[0]
        assert podnet.reference_number in response.text
        assert podnet.channel == "web"
        assert podnet.citizen_email == "jana.novakova@example.cz"
        files = podnet.objectValues()
        assert [f.file.filename for f in files] == ["výtluk – foto.png"]
        assert files[0].file.data == png


class TestResubmit:
    def test_same_post_twice_thanks_again(self, functional, citizen, citizen_fields):
        """Sending the same post again shows the thank-you page, not a login."""
        data = citizen_fields()
        data["_authenticator"] = citizen.authenticator()
        data["form.buttons.submit"] = "Odeslat"
        first = citizen.session.post(citizen.url, data=data, timeout=60)
        second = citizen.session.post(citizen.url, data=data, timeout=60)
        assert "@@podnet-thanks" in first.url
        assert second.status_code == 200
        assert "@@podnet-thanks" in second.url
        assert "login" not in second.url
        podnety = _podnety(functional)
        assert len(podnety) == 1
        assert podnety[0].reference_number in first.text
        assert podnety[0].reference_number in second.text


class TestValidation:
    def test_wrong_answer_keeps_text(self, functional, citizen, citizen_fields):
        response = citizen.post(citizen_fields(kontrolni_otazka="osm"))
        assert response.status_code == 200
        assert "@@podnet-thanks" not in response.url
        assert "The answer to the question is not correct" in page_text(response)
        assert "Před domem č. 12 je hluboký výtluk" in page_text(response)
        assert 'value="Výtluk v ulici Křižíkova"' in response.text
        error_id = "form-widgets-kontrolni_otazka-error"
        assert f'id="{error_id}"' in response.text
        question_input = re.search(
            r'<input[^>]*name="form.widgets.kontrolni_otazka"[^>]*>', response.text
        ).group(0)
        assert 'aria-invalid="true"' in question_input
        assert f'aria-describedby="{error_id}"' in question_input
        assert _podnety(functional) == []

    def test_missing_text_is_required(self, functional, citizen, citizen_fields):
        response = citizen.post(citizen_fields(text=""))
        assert "@@podnet-thanks" not in response.url
        assert _podnety(functional) == []

    @pytest.mark.parametrize("phone", ["<script>", "zavolejte mi", "214", "12345"])
    def test_invalid_phone_rejected(self, functional, citizen, citizen_fields, phone):
        response = citizen.post(citizen_fields(telefon=phone))
        assert "@@podnet-thanks" not in response.url
        assert "The phone number is not valid" in page_text(response)
        assert 'id="form-widgets-telefon-error"' in response.text
        assert _podnety(functional) == []

    @pytest.mark.parametrize("phone", ["601 123 456", "+421 905 123 456"])
    def test_valid_phone_accepted(self, functional, citizen, citizen_fields, phone):
        response = citizen.post(citizen_fields(telefon=phone))
        assert "@@podnet-thanks" in response.url
        assert [p.citizen_phone for p in _podnety(functional)] == [phone]

    def test_markup_is_escaped(self, functional, citizen, citizen_fields):
        markup = '<script>alert("x")</script><b>tučně</b>'
        response = citizen.post(citizen_fields(jmeno=markup, kontrolni_otazka="x"))
        assert "<script>alert" not in response.text
        assert "&lt;script&gt;" in response.text


class TestClerkViews:
    def test_citizen_markup_escaped_for_clerks(
        self, functional, citizen, citizen_fields, site_owner_auth
    ):
        fields = citizen_fields(
            predmet='<script>alert("p")</script>Výtluk',
            text='<img src=x onerror=alert(1)> <a href="http://x.example">odkaz</a>',
            jmeno="<b>Jana</b>",
        )
        response = citizen.post(fields)
        assert "@@podnet-thanks" in response.url
        podnet = _podnety(functional)[0]
        register = podnet.__parent__.absolute_url().replace(
            "http://nohost", citizen.url.rsplit("/plone/", 1)[0]
        )
        for url in (register, f"{register}/{podnet.getId()}"):
            page = requests.get(url, auth=site_owner_auth, timeout=30)
            assert page.status_code == 200, url
            assert "<script>alert" not in page.text, url
            assert "<img src=x" not in page.text, url
            assert "<b>Jana</b>" not in page.text, url
            assert '<a href="http://x.example"' not in page.text, url
        detail = page_text(requests.get(url, auth=site_owner_auth, timeout=30))
        assert "<img src=x onerror=alert(1)>" in detail


class TestUploads:
    def _file(self, name, data, mime="application/octet-stream"):
        return ("form.widgets.priloha_1", (name, data, mime))

    def test_renamed_executable_rejected(self, functional, citizen):
        exe = b"MZ\x90\x00" + b"\x00" * 200
        files = dict([self._file("fotka.jpg", exe, "image/jpeg")])
        response = citizen.post(files=files)
        text = page_text(response)
        assert "fotka.jpg" in text
        assert "is not of an allowed type" in text
        assert "file_upload_id" not in response.text
        file_input = re.search(
            r'<input[^>]*name="form.widgets.priloha_1"[^>]*>', response.text
        ).group(0)
        assert 'aria-describedby="form-widgets-priloha_1-error"' in file_input
        assert 'id="form-widgets-priloha_1-error"' in response.text
        assert "Před domem č. 12 je hluboký výtluk" in text
        assert _podnety(functional) == []

    def test_valid_file_kept_after_error(self, functional, citizen, citizen_fields):
        png = (RESOURCES / "vytluk.png").read_bytes()
        files = dict([self._file("výtluk.png", png, "image/png")])
        first = citizen.post(citizen_fields(kontrolni_otazka="osm"), files=files)
        assert "Keep this file" in page_text(first)
        upload_id = re.search(
            r'name="form.widgets.priloha_1.file_upload_id"\s+type="hidden"\s+'
            r'value="([0-9a-f]+)"',
            first.text,
        )
        assert upload_id is not None
        fields = citizen_fields()
        fields["form.widgets.priloha_1.action"] = "nochange"
        fields["form.widgets.priloha_1.file_upload_id"] = upload_id.group(1)
        second = citizen.post(fields)
        assert "@@podnet-thanks" in second.url
        stored = _podnety(functional)[0].objectValues()
        assert [f.file.filename for f in stored] == ["výtluk.png"]
        assert stored[0].file.data == png

    def test_oversized_file_rejected(self, functional, citizen):
        api.portal.set_registry_record("urad.podnety.webform.max_file_size", 1)
        transaction.commit()
        pdf = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)
        response = citizen.post(files=dict([self._file("velky.pdf", pdf)]))
        assert "is larger than 1 MB" in page_text(response)
        assert _podnety(functional) == []

    def test_too_many_files(self, functional, citizen):
        api.portal.set_registry_record("urad.podnety.webform.max_files", 1)
        transaction.commit()
        png = (RESOURCES / "vytluk.png").read_bytes()
        files = {
            "form.widgets.priloha_1": ("a.png", png, "image/png"),
            "form.widgets.priloha_2": ("b.png", png, "image/png"),
        }
        response = citizen.post(files=files)
        assert "at most 1 files" in page_text(response)
        assert _podnety(functional) == []

    def test_pdf_stored_byte_identical(self, functional, citizen):
        pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
        files = dict([self._file("Žádost – příloha č. 1.pdf", pdf)])
        response = citizen.post(files=files)
        assert "@@podnet-thanks" in response.url
        stored = _podnety(functional)[0].objectValues()[0]
        assert stored.file.filename == "Žádost – příloha č. 1.pdf"
        assert stored.file.data == pdf
        assert stored.file.contentType == "application/pdf"

    def test_download_keeps_name_and_bytes(self, functional, citizen, site_owner_auth):
        pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n%%EOF\n"
        files = dict([self._file("Žádost – příloha.pdf", pdf)])
        assert "@@podnet-thanks" in citizen.post(files=files).url
        stored = _podnety(functional)[0].objectValues()[0]
        path = "/".join(stored.getPhysicalPath()[2:])
        base = citizen.url.rsplit("/podat-podnet", 1)[0]
        download = requests.get(
            f"{base}/{path}/@@download/file", auth=site_owner_auth, timeout=30
        )
        assert download.status_code == 200
        assert download.content == pdf
        disposition = download.headers["Content-Disposition"]
        assert "filename*=UTF-8''%C5%BD%C3%A1dost%20%E2%80%93%20p" in disposition


class TestSpam:
    def test_honeypot_files_nothing(
        self, functional, citizen, citizen_fields, smtp_sink
    ):
        response = citizen.post(citizen_fields(web_address="http://spam.example"))
        assert response.status_code == 200
        assert "@@podnet-thanks" in response.url
        assert "Thank you" in page_text(response)
        assert "PDN-" not in response.text
        assert _podnety(functional) == []
        assert smtp_sink.wait_for(1, timeout=3) == []

    def test_crlf_name_not_in_headers(
        self, functional, citizen, citizen_fields, smtp_sink
    ):
        name = "Jana\r\nBcc: obet@example.org"
        response = citizen.post(citizen_fields(jmeno=name))
        # A one-line field rejects line breaks, so the form is shown again.
        assert "@@podnet-thanks" not in response.url
        assert _podnety(functional) == []
        assert smtp_sink.wait_for(1, timeout=3) == []

    def test_acknowledgement_mail_once(
        self, functional, citizen, citizen_fields, smtp_sink
    ):
        response = citizen.post(citizen_fields(jmeno="Jana Nováková"))
        assert "@@podnet-thanks" in response.url
        reference = _podnety(functional)[0].reference_number
        messages = smtp_sink.wait_for(2, timeout=3)
        assert len(messages) == 1
        assert reference in messages[0]["Subject"]
        assert smtp_sink.envelopes[0]["to"] == ["jana.novakova@example.cz"]
        assert "Nováková" not in messages[0]["To"]


class TestThrottle:
    def test_flood_throttled_others_pass(
        self, functional, form_client, citizen_fields, trusted_proxy
    ):
        api.portal.set_registry_record("urad.podnety.webform.throttle_count", 2)
        transaction.commit()
        flooder = form_client("198.51.100.7")
        for number in range(2):
            response = flooder.post(citizen_fields(text=f"Spam {number}"))
            assert "@@podnet-thanks" in response.url
        blocked = flooder.post(citizen_fields(text="Spam 3"))
        assert blocked.status_code == 429
        assert "Please try again in" in page_text(blocked)
        assert "Spam 3" in page_text(blocked)
        other = form_client("203.0.113.20")
        response = other.post(citizen_fields(text="Jiný občan"))
        assert "@@podnet-thanks" in response.url
        assert len(_podnety(functional)) == 3


class TestMalformed:
    @pytest.mark.parametrize(
        "content_type,body",
        [
            ("multipart/form-data; boundary=xyz", b"--xyz\r\nContent-Dis"),
            ("multipart/form-data", b"garbage\x00\xff"),
        ],
    )
    def test_broken_post_bad_request(self, webform_url, content_type, body):
        response = requests.post(
            webform_url,
            data=body,
            headers={"Content-Type": content_type, "Accept": "text/html"},
            timeout=30,
        )
        assert response.status_code == 400
        assert "Traceback" not in response.text

    def test_oversized_post_keeps_text(self, functional, citizen):
        api.portal.set_registry_record("urad.podnety.webform.max_total_size", 1)
        transaction.commit()
        big = b"%PDF-1.4\n" + b"0" * (4 * 1024 * 1024)
        files = {"form.widgets.priloha_1": ("velky.pdf", big, "application/pdf")}
        response = citizen.post(files=files)
        assert response.status_code == 413
        assert "larger than 1 MB" in page_text(response)
        assert "Před domem č. 12 je hluboký výtluk" in page_text(response)
        assert _podnety(functional) == []


class TestVirtualHost:
    def test_public_host_urls(self, functional, webform_url, citizen_fields):
        app = functional["app"]
        if "virtual_hosting" not in app:
            # A real instance creates it at start-up; the test Zope does not.
            manage_addVirtualHostMonster(app)
            transaction.commit()
        base = webform_url.rsplit("/plone/", 1)[0]
        url = (
            f"{base}/VirtualHostBase/https/podnety.urad.example:443"
            "/plone/VirtualHostRoot/podat-podnet"
        )
        session = requests.Session()
        form = session.get(url, timeout=30)
        assert 'action="https://podnety.urad.example/podat-podnet"' in form.text
        token = re.search(r'name="_authenticator"\s+value="([^"]+)"', form.text)
        data = dict(citizen_fields(), **{"form.buttons.submit": "Odeslat"})
        data["_authenticator"] = token.group(1)
        response = session.post(url, data=data, allow_redirects=False, timeout=60)
        assert response.status_code == 302
        location = response.headers["Location"]
        assert location.startswith(
            "https://podnety.urad.example/podat-podnet/@@podnet-thanks?ref=PDN-"
        )
