"""A webmaster adds a form field through the web and maps it to the podnět."""

from plone import api
from urad.podnety.intake.webform.form_setup import MAPPING

import re
import requests
import transaction


TOKEN_RE = re.compile(r'<input[^>]*name="_authenticator"[^>]*>')
VALUE_RE = re.compile(r'value="([^"]+)"')


def _token(session, url):
    page = session.get(url, timeout=30)
    assert page.status_code == 200, url
    return VALUE_RE.search(TOKEN_RE.search(page.text).group(0)).group(1)


class TestMapThroughWeb:
    def test_new_field_mapped_to_category(
        self, functional, webform_url, site_owner_auth, citizen, citizen_fields
    ):
        webmaster = requests.Session()
        webmaster.auth = site_owner_auth
        add_url = f"{webform_url}/fields/@@add-field"
        added = webmaster.post(
            add_url,
            data={
                "form.widgets.fieldset_id": "0",
                "form.widgets.title": "Oblast",
                "form.widgets.__name__": "oblast",
                "form.widgets.factory:list": "label_textline_field",
                "form.widgets.factory-empty-marker": "1",
                "form.widgets.required-empty-marker": "1",
                "form.buttons.add": "Add",
                "_authenticator": _token(webmaster, add_url),
            },
            timeout=30,
        )
        assert added.status_code == 200

        edit_url = f"{webform_url}/actions/create_podnet"
        mapping = dict(MAPPING, category_field="oblast")
        data = {f"form.widgets.{key}:list": value for key, value in mapping.items()}
        data.update(
            {
                "form.widgets.title": "Vytvořit podnět",
                "form.widgets.show_reference_page:list": "selected",
                "form.widgets.IActionExtender.execCondition": "",
                "form.buttons.save": "Save",
                "_authenticator": _token(webmaster, edit_url),
            }
        )
        saved = webmaster.post(edit_url, data=data, timeout=30)
        assert saved.status_code == 200

        response = citizen.post(citizen_fields(oblast="doprava"))
        assert "@@podnet-thanks" in response.url
        transaction.begin()
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.unrestrictedSearchResults(portal_type="Podnet")
        assert len(brains) == 1
        podnet = functional["portal"].unrestrictedTraverse(brains[0].getPath())
        assert podnet.category == "doprava"
        assert "Oblast" not in podnet.text
