"""A local Maildir: files in new/ become podněty and move to cur/."""

from plone import api
from urad.podnety.content.history import recorded
from urad.podnety.intake.email import state
from urad.podnety.intake.email.identity import source_key
from urad.podnety.intake.email.job import poll_sources
from urad.podnety.jobs.runner import run_due_jobs

import os
import pytest
import transaction


@pytest.fixture
def maildir(functional, tmp_path, smtp_sink):
    """The functional site reading a Maildir in a temporary folder."""
    path = tmp_path / "mail"
    for name in ("new", "cur", "tmp"):
        (path / name).mkdir(parents=True)
    api.portal.set_registry_record("urad.podnety.email.imap_enabled", False)
    api.portal.set_registry_record("urad.podnety.email.maildir_path", str(path))
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        yield path


def podnety():
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Podnet", sort_on="created")
    return [brain._unrestrictedGetObject() for brain in brains]


def drop(maildir, name, raw, mtime=1742367731):
    path = maildir / "new" / name
    path.write_bytes(raw)
    os.utime(path, (mtime, mtime))
    return path


class TestMaildir:
    def test_new_message_filed_and_moved(self, functional, maildir, eml):
        drop(maildir, "1742367731.M1P1.demo", eml("B01.eml"))
        result = poll_sources(functional["portal"])
        assert result[f"maildir:{maildir}"]["filed"] == 1
        [podnet] = podnety()
        assert podnet.title == "Žádost o dotaci na opravu fasády"
        assert podnet.received.timestamp() == 1742367731
        assert os.listdir(maildir / "new") == []
        assert os.listdir(maildir / "cur") == ["1742367731.M1P1.demo:2,S"]
        [original] = [
            i for i in podnet.objectValues() if i.file.filename == "zprava.eml"
        ]
        assert original.file.data == eml("B01.eml")

    def test_job_reads_maildir(self, functional, maildir, eml):
        drop(maildir, "2.M2P2.demo", eml("B08.eml"))
        results = run_due_jobs(functional["portal"], force=True)
        assert results["email-intake"][f"maildir:{maildir}"]["filed"] == 1
        assert len(podnety()) == 1

    def test_same_message_twice(self, functional, maildir, eml):
        drop(maildir, "3.M3P3.demo", eml("B09.eml"))
        drop(maildir, "4.M4P4.demo", eml("B09.eml"))
        summary = poll_sources(functional["portal"])[f"maildir:{maildir}"]
        assert summary["filed"] == 1
        assert summary["duplicate"] == 1
        assert len(podnety()) == 1
        assert len(os.listdir(maildir / "cur")) == 2

    def test_same_message_noted_once(self, functional, maildir, eml):
        drop(maildir, "3.M3P3.demo", eml("B09.eml"))
        drop(maildir, "4.M4P4.demo", eml("B09.eml"))
        poll_sources(functional["portal"])
        # An administrator puts the copy back into new/, as when re-queueing.
        os.rename(maildir / "cur" / "4.M4P4.demo:2,S", maildir / "new" / "4.M4P4.demo")
        summary = poll_sources(functional["portal"])[f"maildir:{maildir}"]
        assert summary["duplicate"] == 1
        [podnet] = podnety()
        notes = [e for e in recorded(podnet) if e["action"] == "duplicate-email"]
        assert len(notes) == 1
        assert notes[0]["details"]["delivery"].endswith("/4.M4P4.demo")

    def test_oversized_file_stays_in_cur(self, functional, maildir, eml):
        api.portal.set_registry_record("urad.podnety.email.max_message_mb", 1)
        big = eml("B08.eml") + b"x" * 1_200_000
        drop(maildir, "5.M5P5.demo", big)
        poll_sources(functional["portal"])
        poll_sources(functional["portal"])
        [podnet] = podnety()
        assert podnet.title == "Oznámení o změně trvalého pobytu"
        assert "oversized" in podnet.intake_info["flags"]
        assert list(podnet.objectValues()) == []
        assert (maildir / "cur" / "5.M5P5.demo:2,S").read_bytes() == big
        assert str(maildir / "cur" / "5.M5P5.demo:2,S") in podnet.attention

    def test_empty_file_moves_to_failed(self, functional, maildir):
        drop(maildir, "7.M7P7.demo", b"")
        summary = poll_sources(functional["portal"])[f"maildir:{maildir}"]
        assert summary["failed"] == 1
        assert podnety() == []
        assert os.listdir(maildir / "new") == []
        assert os.listdir(maildir / "failed") == ["7.M7P7.demo"]
        [failure] = state.status(functional["portal"])["failures"]
        assert "7.M7P7.demo" in failure["reason"]

    def test_failed_file_moves_to_failed(self, functional, maildir, eml, monkeypatch):
        from urad.podnety.intake.email import sources

        def broken(*args):
            raise RuntimeError("storage refused the message")

        monkeypatch.setattr(sources, "file_parsed", broken)
        api.portal.set_registry_record("urad.podnety.email.max_attempts", 1)
        drop(maildir, "6.M6P6.demo", eml("B01.eml"))
        summary = poll_sources(functional["portal"])[f"maildir:{maildir}"]
        assert summary["failed"] == 1
        assert os.listdir(maildir / "new") == []
        assert os.listdir(maildir / "failed") == ["6.M6P6.demo"]
        assert podnety() == []


class TestMaildirState:
    def _source_state(self, portal, maildir):
        return state.source_state(portal, f"maildir:{maildir}")

    def test_moved_messages_leave_no_state(self, functional, maildir, eml):
        drop(maildir, "8.M8P8.demo", eml("B01.eml"))
        drop(maildir, "9.M9P9.demo", eml("B08.eml"))
        poll_sources(functional["portal"])
        folder_state = self._source_state(functional["portal"], maildir)
        assert list(folder_state["filed"].keys()) == []
        assert list(folder_state["attempts"].keys()) == []

    def test_filed_but_unmoved_is_only_moved(self, functional, maildir, eml):
        portal = functional["portal"]
        drop(maildir, "10.M10P10.demo", eml("B01.eml"))
        poll_sources(portal)
        # The process stopped after the podnět's commit, before the move.
        os.rename(
            maildir / "cur" / "10.M10P10.demo:2,S", maildir / "new" / "10.M10P10.demo"
        )
        [podnet] = podnety()
        key = source_key(eml("B01.eml"))
        state.mark_filed(self._source_state(portal, maildir), "10.M10P10.demo", key)
        transaction.commit()
        summary = poll_sources(portal)[f"maildir:{maildir}"]
        assert summary == {"filed": 0, "reply": 0, "duplicate": 0, "failed": 0}
        assert os.listdir(maildir / "cur") == ["10.M10P10.demo:2,S"]
        assert list(self._source_state(portal, maildir)["filed"].keys()) == []
        assert [e["action"] for e in recorded(podnet)].count("duplicate-email") == 0

    def test_state_of_vanished_message_pruned(self, functional, maildir):
        portal = functional["portal"]
        state.mark_filed(self._source_state(portal, maildir), "11.gone", "email:x")
        transaction.commit()
        poll_sources(portal)
        assert list(self._source_state(portal, maildir)["filed"].keys()) == []

    def test_bad_message_in_batch_fails_alone(
        self, functional, maildir, eml, monkeypatch
    ):
        from urad.podnety.intake.email import sources

        real_file_parsed = sources.file_parsed

        def fail_one(portal, submission, language):
            outcome = real_file_parsed(portal, submission, language)
            if submission.title == "Žádost o informace":
                raise RuntimeError("storage refused the message")
            return outcome

        monkeypatch.setattr(sources, "file_parsed", fail_one)
        api.portal.set_registry_record("urad.podnety.email.max_attempts", 1)
        drop(maildir, "12.M12P12.demo", eml("B01.eml"))
        drop(maildir, "13.M13P13.demo", eml("B09.eml"))
        drop(maildir, "14.M14P14.demo", eml("B08.eml"))
        summary = poll_sources(functional["portal"])[f"maildir:{maildir}"]
        assert summary == {"filed": 2, "reply": 0, "duplicate": 0, "failed": 1}
        assert sorted(podnet.title for podnet in podnety()) == [
            "Oznámení o změně trvalého pobytu",
            "Žádost o dotaci na opravu fasády",
        ]
        assert os.listdir(maildir / "failed") == ["13.M13P13.demo"]
        assert sorted(os.listdir(maildir / "cur")) == [
            "12.M12P12.demo:2,S",
            "14.M14P14.demo:2,S",
        ]
