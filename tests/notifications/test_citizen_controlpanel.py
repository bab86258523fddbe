"""The citizens' control panel: editing, validating and previewing templates."""

from plone import api

import lxml.html
import pytest
import requests
import transaction


@pytest.fixture
def panel(functional, http_portal_url, site_owner_auth):
    session = requests.Session()
    session.auth = site_owner_auth
    return session, f"{http_portal_url}/@@podnety-settings-citizens"


def _form_values(session, url):
    page = session.get(url, timeout=30)
    assert page.status_code == 200
    forms = lxml.html.fromstring(page.text).forms
    form = [f for f in forms if "form.widgets.body_accept" in f.fields][0]
    return dict(form.form_values()), page.text


def _submit(session, url, button, **changes):
    values, _page = _form_values(session, url)
    values.update({f"form.widgets.{name}": value for name, value in changes.items()})
    values[f"form.buttons.{button}"] = button
    return session.post(url, data=values, timeout=30)


def _record(name):
    transaction.begin()
    return api.portal.get_registry_record(f"urad.podnety.citizens.{name}")


class TestCitizenControlPanel:
    def test_built_in_texts_shown(self, panel):
        """Empty records show the built-in text ready for editing."""
        session, url = panel
        values, _page = _form_values(session, url)
        assert "${reference_number}" in values["form.widgets.subject_filed"]
        assert "${resolution}" in values["form.widgets.body_resolve"]

    def test_unknown_placeholder_explained(self, panel):
        """The error lists the placeholders an editor may use."""
        session, url = panel
        response = _submit(session, url, "save", body_accept="${cislo}")
        assert "${reference_number}, ${subject}, ${state}" in response.text

    def test_valid_template_saved(self, panel):
        """A valid edited template is stored."""
        session, url = panel
        response = _submit(
            session, url, "save", subject_accept="Řešíme ${reference_number}"
        )
        assert response.status_code == 200
        assert _record("subject_accept") == "Řešíme ${reference_number}"

    @pytest.mark.parametrize(
        "field, value",
        [
            ("body_accept", "Dobrý den, ${nonsense}"),
            ("body_accept", "Cena ${"),
            ("subject_close", "Uzavřeno $ hned"),
        ],
    )
    def test_broken_template_not_saved(self, panel, field, value):
        """A template that cannot be rendered is refused with a message."""
        session, url = panel
        response = _submit(session, url, "save", **{field: value})
        assert response.status_code == 200
        assert "statusmessage-error" in response.text
        assert 'class="invalid-feedback"' in response.text
        assert _record(field) in ("", None)
        assert _record("subject_filed") in ("", None)

    def test_preview_renders_without_saving(self, panel):
        """The preview shows the sample e-mails and stores nothing."""
        session, url = panel
        response = _submit(
            session, url, "preview", subject_accept="Náhled ${reference_number}"
        )
        assert response.status_code == 200
        assert "Náhled PDN-2026-00042" in response.text
        assert "Výtluk v ulici Křižíkova" in response.text
        assert _record("subject_accept") in ("", None)

    def test_anonymous_refused(self, panel):
        """Anonymous visitors cannot open the panel."""
        _session, url = panel
        response = requests.get(url, timeout=30, allow_redirects=False)
        assert response.status_code in (302, 401, 403)
