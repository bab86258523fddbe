"""Pseudonymising podněty after closing, by the background job."""

from DateTime import DateTime
from datetime import timedelta
from plone import api
from tests.helpers import create_users
from tests.helpers import file_podnet
from urad.podnety.content.history import recorded
from urad.podnety.content.privacy.job import PseudonymiseJob
from urad.podnety.content.privacy.pseudonymise import REDACTED
from urad.podnety.intake import Attachment
from urad.podnety.jobs.interfaces import IJob
from urad.podnety.notifications.citizen_mail import send_citizen_mail
from urad.podnety.portal.status.access import CREDENTIALS_KEY
from urad.podnety.portal.status.access import issue_password
from urad.podnety.workflow import config
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility

import pytest


EMAIL = "jana.novakova@example.cz"


def _close(podnet, days_ago):
    with api.env.adopt_roles(["Manager"]):
        podnet.assignee = "official"
        api.content.transition(obj=podnet, transition=config.ACCEPT)
        podnet.resolution = "Opraveno."
        api.content.transition(obj=podnet, transition=config.RESOLVE)
        api.content.transition(obj=podnet, transition=config.CLOSE)
    entries = podnet.workflow_history[config.WORKFLOW_ID]
    last = dict(entries[-1])
    last["time"] = DateTime(last["time"].asdatetime() - timedelta(days=days_ago))
    podnet.workflow_history[config.WORKFLOW_ID] = entries[:-1] + (last,)


def _file(portal, key, **fields):
    values = {
        "citizen_phone": "+420601555010",
        "citizen_address": "Křižíkova 12, Praha 8",
        "channel": "email",
        "wants_updates": True,
        "intake_info": {
            "from": f"Jana Nováková <{EMAIL}>",
            "message_id": "<abc@mail.example.cz>",
            "charset_guess": "utf-8",
        },
        "attachments": [
            Attachment(
                filename="zprava.eml",
                data=b"From: jana\r\n\r\nhi",
                content_type="message/rfc822",
                original=True,
            )
        ],
    }
    values.update(fields)
    return file_podnet(portal, key=key, **values)


@pytest.fixture
def closed_long_ago(manager):
    create_users()
    podnet = _file(manager, "test:old")
    send_citizen_mail(podnet, "accept", "accept@test")
    issue_password(podnet)
    _close(podnet, days_ago=400)
    return podnet


class TestPseudonymiseJob:
    def test_registered_for_runner(self, manager):
        """The job is a named IJob utility that runs daily."""
        job = getUtility(IJob, name="urad.podnety.pseudonymise")
        assert job.interval == 24 * 60 * 60

    def test_replaces_personal_data(self, manager, closed_long_ago):
        """Name, e-mail, phone and address are gone; the number stays."""
        summary = PseudonymiseJob().run(manager)
        podnet = closed_long_ago
        assert summary["reference_numbers"] == [podnet.reference_number]
        assert podnet.reference_number.startswith("PDN-")
        assert podnet.citizen_name.startswith("pseudonym-")
        assert podnet.citizen_email is None
        assert podnet.citizen_phone is None
        assert podnet.citizen_address is None
        assert podnet.wants_updates is False
        assert podnet.channel == "email"
        assert api.content.get_state(podnet) == config.STATE_CLOSED

    def test_scrubs_intake_and_history(self, manager, closed_long_ago):
        """Sender headers and mail recipients are redacted; other data stay."""
        PseudonymiseJob().run(manager)
        podnet = closed_long_ago
        assert podnet.intake_info["from"] == REDACTED
        assert podnet.intake_info["charset_guess"] == "utf-8"
        mails = [e for e in recorded(podnet) if e["action"] == "mail"]
        assert mails
        assert all(e["details"]["to"] == REDACTED for e in mails)
        assert EMAIL not in repr(recorded(podnet))
        assert CREDENTIALS_KEY not in IAnnotations(podnet)

    def test_history_records_reason(self, manager, closed_long_ago):
        """The history names the job, the reason and what was replaced."""
        PseudonymiseJob().run(manager)
        entry = [e for e in recorded(closed_long_ago) if e["action"] == "pseudonymised"]
        assert len(entry) == 1
        assert entry[0]["actor"] == "pseudonymisation-job"
        assert "365" in entry[0]["comment"]
        assert entry[0]["details"]["files_removed"] == 1
        assert "citizen_email" in entry[0]["details"]["fields"]

    def test_files_removed_by_default(self, manager, closed_long_ago):
        """Without the keep setting the stored files are removed."""
        PseudonymiseJob().run(manager)
        assert closed_long_ago.objectIds() == []

    def test_files_kept_when_configured(self, manager, closed_long_ago):
        """With the keep setting the originals stay."""
        api.portal.set_registry_record(
            "urad.podnety.citizens.pseudonymise_keeps_files", True
        )
        PseudonymiseJob().run(manager)
        assert len(closed_long_ago.objectIds()) == 1

    def test_not_found_by_address(self, manager, closed_long_ago):
        """Catalog searches for the old address no longer find the podnět."""
        PseudonymiseJob().run(manager)
        catalog = api.portal.get_tool("portal_catalog")
        assert len(catalog.unrestrictedSearchResults(citizen_email=EMAIL)) == 0
        assert len(catalog.unrestrictedSearchResults(SearchableText="Nováková")) == 0

    def test_skips_open_and_recent(self, manager, closed_long_ago):
        """Open and recently closed podněty keep their data; reruns do nothing."""
        open_podnet = _file(manager, "test:open")
        recent = _file(manager, "test:recent")
        _close(recent, days_ago=30)
        assert PseudonymiseJob().run(manager)["pseudonymised"] == 1
        assert open_podnet.citizen_email == EMAIL
        assert recent.citizen_email == EMAIL
        assert PseudonymiseJob().run(manager)["pseudonymised"] == 0

    def test_pseudonym_stable_per_citizen(self, manager, closed_long_ago):
        """Two podněty of the same citizen get the same pseudonym."""
        second = _file(manager, "test:second")
        _close(second, days_ago=400)
        third = _file(manager, "test:third", citizen_email="petr@example.cz")
        _close(third, days_ago=400)
        PseudonymiseJob().run(manager)
        assert closed_long_ago.citizen_name == second.citizen_name
        assert third.citizen_name != second.citizen_name
