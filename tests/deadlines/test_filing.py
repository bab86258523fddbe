"""Deadlines computed when a podnět is filed: one history entry, fresh settings."""

from datetime import date
from plone import api
from urad.podnety.content.history import recorded
from urad.podnety.intake import Attachment
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


PREFIX = "urad.podnety.deadlines"
DEADLINE_ACTIONS = {"deadlines", "deadlines-recomputed"}


def deadline_entries(podnet):
    return [entry for entry in recorded(podnet) if entry["action"] in DEADLINE_ACTIONS]


class TestFilingHistory:
    def test_one_entry_without_files(self, file_podnet):
        podnet = file_podnet(kind="stiznost")
        entries = deadline_entries(podnet)
        assert [entry["action"] for entry in entries] == ["deadlines"]
        assert entries[0]["details"]["deadline_accept"] == "2026-03-23"
        assert entries[0]["details"]["deadline_resolve"] == "2026-05-18"

    def test_one_entry_with_files(self, file_podnet):
        podnet = file_podnet(
            kind="stiznost",
            channel="email",
            attachments=[
                Attachment("zprava.eml", b"Subject: x\n\ntext", "message/rfc822", True)
            ],
        )
        entries = deadline_entries(podnet)
        assert [entry["action"] for entry in entries] == ["deadlines"]
        assert entries[0]["comment"] == ""
        assert podnet.deadline_resolve == date(2026, 5, 18)

    def test_entry_for_kind_without_legal_deadline(self, file_podnet):
        podnet = file_podnet(kind="jine")
        entries = deadline_entries(podnet)
        assert [entry["action"] for entry in entries] == ["deadlines"]
        assert entries[0]["details"]["deadline_accept"] == "2026-03-23"
        assert entries[0]["details"]["deadline_resolve"] is None

    def test_unchanged_fields_record_nothing(self, file_podnet):
        podnet = file_podnet(kind="stiznost")
        notify(ObjectModifiedEvent(podnet))
        assert len(deadline_entries(podnet)) == 1


class TestClosureDays:
    def test_new_closure_day_honoured(self, file_podnet):
        # Filed on Thursday 19 March 2026: two working days end on Monday 23.
        assert file_podnet(kind="stiznost").deadline_accept == date(2026, 3, 23)
        api.portal.set_registry_record(f"{PREFIX}.closure_days", ["2026-03-20"])
        assert file_podnet(kind="stiznost").deadline_accept == date(2026, 3, 24)

    def test_removed_closure_day_honoured(self, file_podnet):
        api.portal.set_registry_record(f"{PREFIX}.closure_days", ["2026-03-20"])
        assert file_podnet(kind="stiznost").deadline_accept == date(2026, 3, 24)
        api.portal.set_registry_record(f"{PREFIX}.closure_days", [])
        assert file_podnet(kind="stiznost").deadline_accept == date(2026, 3, 23)

    def test_changed_override_honoured(self, file_podnet):
        api.portal.set_registry_record(
            f"{PREFIX}.overrides", ["category:odpady accept 5 working"]
        )
        assert file_podnet(category="odpady").deadline_accept == date(2026, 3, 26)
        api.portal.set_registry_record(
            f"{PREFIX}.overrides", ["category:odpady accept 1 working"]
        )
        assert file_podnet(category="odpady").deadline_accept == date(2026, 3, 20)


class TestKindChangeComment:
    def test_czech_kind_titles(self, file_podnet):
        api.portal.set_registry_record("plone.default_language", "cs")
        podnet = file_podnet(kind="podnet")
        podnet.kind = "informace"
        notify(ObjectModifiedEvent(podnet))
        entry = recorded(podnet)[-1]
        assert entry["action"] == "deadlines-recomputed"
        assert entry["comment"] == (
            "Druh změněn z „Podnět (§ 42 správního řádu)“ "
            "na „Žádost o informace (zákon č. 106/1999 Sb.)“."
        )
