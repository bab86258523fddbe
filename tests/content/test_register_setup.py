"""Installing the add-on creates the register, its type and its groups."""

from plone import api
from urad.podnety.workflow import config


class TestSetup:
    def test_register_folder_created(self, portal):
        assert portal["podnety"].portal_type == "PodnetRegister"

    def test_groups_created(self, portal):
        for group_id in (
            config.CLERKS_GROUP,
            config.OFFICIALS_GROUP,
            config.SUPERVISORS_GROUP,
        ):
            assert api.group.get(groupname=group_id) is not None

    def test_podnet_workflow_bound(self, portal):
        chain = api.portal.get_tool("portal_workflow").getChainForPortalType("Podnet")
        assert chain == ("podnet_workflow",)

    def test_profile_version(self, setup_tool):
        version = setup_tool.getLastVersionForProfile("urad.podnety:default")
        assert version == ("1003",)


class TestUpgrades:
    def test_upgrade_from_first_profile(self, portal, setup_tool):
        setup_tool.setLastVersionForProfile("urad.podnety:default", "1000")
        steps = setup_tool.listUpgrades("urad.podnety:default")
        assert [step["title"] for step in steps] == [
            "Add the channels' settings, indexes and control panels",
            "Keep the files inside podněty out of the catalog",
            "Read zone-less delivery times as Prague time",
        ]
        from plone.base.utils import get_installer

        get_installer(portal).upgrade_product("urad.podnety")
        assert setup_tool.getLastVersionForProfile("urad.podnety:default") == ("1003",)
        assert "current_deadline" in portal.portal_catalog.indexes()


class TestRegisterFolder:
    def test_register_keeps_no_order(self, portal):
        from plone.folder.unordered import UnorderedOrdering

        assert isinstance(portal["podnety"].getOrdering(), UnorderedOrdering)


class TestMailQueue:
    def test_install_queues_mail(self, portal, tmp_path, monkeypatch):
        from App.config import getConfiguration
        from urad.podnety.setuphandlers import enable_mail_queue

        monkeypatch.setattr(
            getConfiguration(), "clienthome", str(tmp_path), raising=False
        )
        portal.MailHost.smtp_queue = False
        enable_mail_queue(portal)
        assert portal.MailHost.smtp_queue is True
        assert portal.MailHost.smtp_queue_directory == str(tmp_path / "mailqueue")
        assert (tmp_path / "mailqueue").is_dir()

    def test_existing_queue_kept(self, portal, tmp_path):
        from urad.podnety.setuphandlers import enable_mail_queue

        portal.MailHost.smtp_queue = True
        portal.MailHost.smtp_queue_directory = "/srv/office-queue"
        enable_mail_queue(portal)
        assert portal.MailHost.smtp_queue_directory == "/srv/office-queue"


class TestReceivedZoneUpgrade:
    def test_naive_received_read_as_prague_time(self, manager, setup_tool):
        from datetime import datetime
        from plone.base.utils import get_installer
        from tests.helpers import file_podnet

        broken = file_podnet(manager, key="upgrade-1003:1")
        broken.received = datetime(2026, 12, 4, 20, 49)
        broken.reindexObject()
        intact = file_podnet(manager, key="upgrade-1003:2")
        intact_received = intact.received
        setup_tool.setLastVersionForProfile("urad.podnety:default", "1002")

        get_installer(manager).upgrade_product("urad.podnety")

        assert broken.received.isoformat() == "2026-12-04T20:49:00+01:00"
        assert intact.received == intact_received
        assert intact.received.tzinfo is not None
        brains = api.content.find(UID=broken.UID())
        assert brains[0].received == broken.received
