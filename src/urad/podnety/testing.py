"""Test layers: Plone with urad.podnety installed."""

from plone import api
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import applyProfile
from plone.testing.zope import WSGIServer
from urad.podnety.scripts.smtp_sink import SmtpSink

import plone.restapi


class UradPodnetyLayer(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import collective.easyform
        import urad.podnety

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=collective.easyform)
        self.loadZCML(package=urad.podnety)

    def setUp(self):
        # Mail goes out when a test commits; a sink on a free port keeps
        # every layer's MailHost away from a real SMTP server.
        self.sink = SmtpSink().start()
        super().setUp()

    def tearDown(self):
        super().tearDown()
        self.sink.stop()

    def setUpPloneSite(self, portal):
        applyProfile(portal, "urad.podnety:default")
        mailhost = portal.MailHost
        # Tests read mail right after the commit, so they deliver directly.
        mailhost.smtp_queue = False
        mailhost.smtp_host = self.sink.host
        mailhost.smtp_port = self.sink.port
        api.portal.set_registry_record("plone.smtp_host", self.sink.host)
        api.portal.set_registry_record("plone.smtp_port", self.sink.port)
        api.portal.set_registry_record(
            "plone.email_from_address", "podnety@urad.example"
        )


class WSGIServerWithoutClock(WSGIServer):
    """plone.testing's WSGI server with the background jobs clock turned off.

    Starting the server notifies ``IProcessStarting``, which starts the jobs
    clock in the test process. Its tick would run the due jobs every minute
    in whichever test's database is current, take job leases and file mail,
    so tests see jobs they did not start.
    """

    def _get_zope_conf(self, dir):
        path = super()._get_zope_conf(dir)
        with open(path, "a") as zope_conf:
            zope_conf.write(
                "<product-config urad.podnety>\n"
                "    clock-interval 0\n"
                "</product-config>\n"
            )
        return path


FIXTURE = UradPodnetyLayer()

WSGI_SERVER_FIXTURE = WSGIServerWithoutClock(name="UradPodnetyWSGIServer")

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,), name="UradPodnetyLayer:IntegrationTesting"
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="UradPodnetyLayer:FunctionalTesting",
)
