"""The ready podnět form and the Create podnět action in its actions model."""

from collective.easyform.api import get_actions
from collective.easyform.api import get_schema
from plone import api
from urad.podnety.intake.webform.action import CreatePodnet
from urad.podnety.intake.webform.form_setup import create_form
from urad.podnety.interfaces import IUradPodnetyLayer
from zope.interface import alsoProvides
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


class TestSettings:
    def test_control_panel_renders(self, manager):
        request = manager.REQUEST
        alsoProvides(request, IUradPodnetyLayer)
        view = api.content.get_view("podnety-settings-webform", manager, request)
        html = view()
        assert "Maximum number of attachments" in html
        assert "Anti-spam question" in html

    def test_defaults_in_registry(self, portal):
        prefix = "urad.podnety.webform"
        assert api.portal.get_registry_record(f"{prefix}.max_files") == 5
        assert api.portal.get_registry_record(f"{prefix}.answers") == ["7", "sedm"]
        assert "application/pdf" in api.portal.get_registry_record(
            f"{prefix}.allowed_types"
        )
