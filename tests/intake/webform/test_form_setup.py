"""The ready podnět form and the Create podnět action in its actions model."""

from collective.easyform.api import get_actions
from collective.easyform.api import get_schema
from urad.podnety.intake.webform.action import CreatePodnet
from urad.podnety.intake.webform.form_setup import create_form
from zope.schema import getFieldsInOrder


class TestCreateForm:
    def test_form_created_once(self, portal):
        form = create_form(portal)
        form.title = "Upraveno webmasterem"
        again = create_form(portal)
        assert again.UID() == form.UID()
        assert again.title == "Upraveno webmasterem"

    def test_form_fields_in_site_language(self, portal):
        form = create_form(portal)
        titles = {name: str(f.title) for name, f in getFieldsInOrder(get_schema(form))}
        # The test site's language is English; an office site gets Czech.
        assert titles["jmeno"] == "Name and surname"
        assert titles["text"] == "Your podnět"
        assert [n for n in titles if n.startswith("priloha")] == [
            "priloha_1",
            "priloha_2",
            "priloha_3",
        ]

    def test_action_maps_fields(self, portal):
        form = create_form(portal)
        actions = dict(getFieldsInOrder(get_actions(form)))
        action = actions["create_podnet"]
        assert isinstance(action, CreatePodnet)
        assert action.email_field == "email"
        assert action.honeypot_field == "web_address"
        assert action.show_reference_page is True
