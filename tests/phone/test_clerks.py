"""The answering extension leads to the clerk who picked up."""

from plone import api
from urad.podnety.phone.clerks import user_for_extension


def test_control_panel_mapping_wins(portal):
    api.portal.set_registry_record("urad.podnety.phone.extensions", ["201|novakova"])
    assert user_for_extension("201") == "novakova"
    assert user_for_extension("SIP/201-0000a1f") == "novakova"


def test_user_property_maps_extension(portal):
    api.user.create(email="dvorak@urad.example", username="dvorak", password="x" * 12)
    api.user.get(username="dvorak").setMemberProperties({"pbx_extension": "214"})
    assert user_for_extension("214") == "dvorak"


def test_unknown_extension_maps_to_nobody(portal):
    assert user_for_extension("299") == ""
    assert user_for_extension("") == ""
