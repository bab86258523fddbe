"""The demo set-up that `make start` runs, and installing/uninstalling."""

from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from urad.podnety.demo import setup_demo


class TestDemo:
    def test_demo_is_repeatable(self, portal, tmp_path):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        first = setup_demo(portal, tmp_path)
        second = setup_demo(portal, tmp_path)
        assert len(first) == 4
        assert second == []
        assert len(portal["podnety"].objectIds()) == 4

    def test_demo_users_in_groups(self, portal, tmp_path):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        setup_demo(portal, tmp_path)
        clerks = api.user.get_users(groupname="podnety-clerks")
        assert [user.getId() for user in clerks] == ["referentka"]

    def test_demo_has_triaged_podnet(self, portal, tmp_path):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        created = setup_demo(portal, tmp_path)
        assert api.content.get_state(created[0]) == "assigned"
        assert created[0].assignee == "resitel"

    def test_demo_mail_goes_to_sink(self, portal, tmp_path):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        setup_demo(portal, tmp_path)
        mailhost = api.portal.get_tool("MailHost")
        assert (mailhost.smtp_host, mailhost.smtp_port) == ("127.0.0.1", 8025)
        assert mailhost.smtp_queue is True


class TestInstall:
    def test_uninstall_keeps_register(self, portal, installer):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        installer.uninstall_product("urad.podnety")
        assert not installer.is_product_installed("urad.podnety")
        assert "podnety" in portal.objectIds()

    def test_browser_layer_registered(self, browser_layers):
        from urad.podnety.interfaces import IUradPodnetyLayer

        assert IUradPodnetyLayer in browser_layers
