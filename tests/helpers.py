"""Helpers shared by the tests: users of each role and podněty to work on."""

from datetime import datetime
from plone import api
from urad.podnety.intake import Submission
from urad.podnety.intake import file_submission
from urad.podnety.workflow import config
from zoneinfo import ZoneInfo


PRAGUE = ZoneInfo("Europe/Prague")
PASSWORD = "secret-Password-1"

USERS = {
    "clerk": config.CLERKS_GROUP,
    "official": config.OFFICIALS_GROUP,
    "official2": config.OFFICIALS_GROUP,
    "supervisor": config.SUPERVISORS_GROUP,
    "member": None,
}


def use_czech():
    """Make Czech the site's only language, as on an office's site."""
    api.portal.set_registry_record("plone.default_language", "cs")
    api.portal.set_registry_record("plone.available_languages", ["cs"])


def prepare_czech_office(portal):
    """Make the test user a Manager, add the staff accounts and use Czech."""
    from plone.app.testing import TEST_USER_ID
    from plone.app.testing import setRoles

    setRoles(portal, TEST_USER_ID, ["Manager"])
    create_users()
    use_czech()


def create_users():
    for user_id, group in USERS.items():
        if api.user.get(username=user_id) is None:
            api.user.create(
                username=user_id,
                password=PASSWORD,
                email=f"{user_id}@urad.example",
                properties={"fullname": f"Test {user_id.title()}"},
            )
        if group:
            api.group.add_user(groupname=group, username=user_id)


def file_podnet(portal, key="test:1", **fields):
    values = {
        "channel": "web",
        "title": "Rozbitá lavička v parku",
        "text": "Lavička u rybníka má ulomené opěradlo.",
        "citizen_name": "Jana Nováková",
        "citizen_email": "jana.novakova@example.cz",
        "received": datetime(2026, 3, 2, 9, 30, tzinfo=PRAGUE),
    }
    values.update(fields)
    podnet, _created = file_submission(portal, Submission(source_key=key, **values))
    return podnet
