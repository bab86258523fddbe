"""Length limits of the public form's text fields, over real HTTP."""

from plone import api
from tests.intake.webform.test_webform_czech import czech_catalogs  # noqa: F401
from tests.intake.webform.test_webform_http import _podnety
from tests.intake.webform.test_webform_http import page_text
from urad.podnety.intake.webform.form_setup import FORM_ID
from urad.podnety.intake.webform.form_setup import fields_model

import pytest
import re
import requests
import transaction


LIMITS = {
    "jmeno": 200,
    "email": 254,
    "telefon": 40,
    "adresa": 500,
    "predmet": 200,
    "text": 20000,
}


def maxlength(html, name):
    """Return the maxlength attribute of the input or textarea `name`."""
    tag = re.search(
        rf'<(?:input|textarea)[^>]*name="form\.widgets\.{name}"[^>]*>', html
    )
    assert tag, f"no widget {name}"
    found = re.search(r'maxlength="(\d+)"', tag.group(0))
    return int(found.group(1)) if found else None


@pytest.fixture
def old_form(functional, webform_url):
    """The form as created before the limits, with max_length only on two fields."""
    form = functional["portal"][FORM_ID]
    model = re.sub(r"<max_length>(200|254|40)</max_length>", "", fields_model("en"))
    form.fields_model = model
    transaction.commit()
    return webform_url


class TestMaxlengthAttributes:
    def test_every_text_field_has_maxlength(self, webform_url):
        html = requests.get(webform_url, timeout=30).text
        for name, limit in LIMITS.items():
            assert maxlength(html, name) == limit, name

    def test_old_form_gets_maxlength(self, old_form):
        html = requests.get(old_form, timeout=30).text
        assert maxlength(html, "predmet") == 200
        assert maxlength(html, "jmeno") == 200
        assert maxlength(html, "telefon") == 40


class TestLongValuesRejected:
    def test_long_subject_rejected_with_limit(
        self, functional, citizen, citizen_fields
    ):
        response = citizen.post(citizen_fields(predmet="Výtluk-" * 800))
        text = page_text(response)
        assert "@@podnet-thanks" not in response.url
        assert "Enter at most 200 characters. The value has 5600." in text
        assert "Před domem č. 12 je hluboký výtluk" in text
        assert _podnety(functional) == []

    def test_long_name_without_spaces_rejected(
        self, functional, citizen, citizen_fields
    ):
        response = citizen.post(citizen_fields(jmeno="N" * 3000))
        assert "@@podnet-thanks" not in response.url
        assert "Enter at most 200 characters. The value has 3000." in page_text(
            response
        )
        assert _podnety(functional) == []

    def test_long_text_message_states_limit(self, functional, citizen, citizen_fields):
        response = citizen.post(citizen_fields(text="a" * 20001))
        assert "Enter at most 20000 characters. The value has 20001." in page_text(
            response
        )
        assert "Value is too long" not in response.text
        assert _podnety(functional) == []

    def test_old_form_rejects_long_subject(
        self, functional, old_form, citizen, citizen_fields
    ):
        response = citizen.post(citizen_fields(predmet="S" * 4800))
        assert "@@podnet-thanks" not in response.url
        assert "Enter at most 200 characters. The value has 4800." in page_text(
            response
        )
        assert _podnety(functional) == []

    def test_values_at_limit_filed(self, functional, citizen, citizen_fields):
        subject = "Výtluk " + "x" * 193
        response = citizen.post(citizen_fields(predmet=subject, jmeno="J" * 200))
        assert "@@podnet-thanks" in response.url
        [podnet] = _podnety(functional)
        assert podnet.title == subject
        assert podnet.citizen_name == "J" * 200


def test_limit_message_in_czech(
    czech_catalogs,  # noqa: F811
    citizen,
    citizen_fields,
):
    response = citizen.post(citizen_fields(predmet="S" * 4800, adresa="a" * 501))
    text = page_text(response)
    assert "Zadejte nejvýše 200 znaků (zadáno 4800)." in text
    assert "Zadejte nejvýše 500 znaků (zadáno 501)." in text
    assert "Hodnota je příliš dlouhá." not in text
    assert api.portal.get_default_language() == "cs"
