"""Fixtures for the web form: the ready form served over real HTTP."""

from pathlib import Path
from plone import api
from urad.podnety.intake.webform.form_setup import create_form
from urad.podnety.intake.webform.throttle import throttle
from ZPublisher import HTTPRequest

import pytest
import re
import requests
import transaction


RESOURCES = Path(__file__).parents[2] / "_resources" / "webform"

AUTHENTICATOR_RE = re.compile(r'name="_authenticator"\s+value="([^"]+)"')


@pytest.fixture
def webform_url(functional, http_portal_url, smtp_sink):
    """URL of the ready podnět form in the functional site, with mail to a sink."""
    portal = functional["portal"]
    create_form(portal)
    api.portal.set_registry_record("urad.podnety.webform.throttle_count", 100)
    transaction.commit()
    throttle.clear()
    yield f"{http_portal_url}/podat-podnet"
    throttle.clear()


def _citizen_fields(**overrides):
    """Return the text fields of a typical post, widget names as keys."""
    values = {
        "jmeno": "Jana Nováková",
        "email": "jana.novakova@example.cz",
        "telefon": "+420 601 123 456",
        "adresa": "Křižíkova 12\n186 00 Praha 8",
        "predmet": "Výtluk v ulici Křižíkova",
        "text": "Před domem č. 12 je hluboký výtluk, auta do něj najíždějí.",
        "zasilat_stav": "selected",
        "web_address": "",
        "kontrolni_otazka": "7",
    }
    values.update(overrides)
    fields = {f"form.widgets.{name}": value for name, value in values.items()}
    if values.get("zasilat_stav"):
        fields["form.widgets.zasilat_stav:list"] = fields.pop(
            "form.widgets.zasilat_stav"
        )
    else:
        fields.pop("form.widgets.zasilat_stav")
    return fields


class FormClient:
    """A citizen's browser session against the form, without JavaScript."""

    def __init__(self, url, address=None):
        self.url = url
        self.session = requests.Session()
        if address:
            # Honoured only while the `trusted_proxy` fixture trusts 127.0.0.1.
            self.session.headers["X-Forwarded-For"] = address

    def authenticator(self):
        page = self.session.get(self.url, timeout=30)
        page.raise_for_status()
        match = AUTHENTICATOR_RE.search(page.text)
        return match.group(1) if match else ""

    def post(self, fields=None, files=None, follow=True):
        data = dict(fields if fields is not None else _citizen_fields())
        data["_authenticator"] = self.authenticator()
        data["form.buttons.submit"] = "Odeslat"
        return self.session.post(
            self.url,
            data=data,
            files=files or {},
            allow_redirects=follow,
            timeout=60,
        )


@pytest.fixture
def trusted_proxy(monkeypatch):
    """Trust X-Forwarded-For from localhost, as behind the office's proxy."""
    monkeypatch.setattr(HTTPRequest, "trusted_proxies", ["127.0.0.1"])


@pytest.fixture
def form_client(webform_url):
    """Return a function making a form client posting from a client address."""
    return lambda address=None: FormClient(webform_url, address)


@pytest.fixture
def citizen(webform_url):
    """A form client for one citizen."""
    return FormClient(webform_url)


@pytest.fixture
def citizen_fields():
    """Return a function building the fields of a typical post."""
    return _citizen_fields
