"""Test layers: Plone with urad.podnety installed."""

from plone import api
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGI_SERVER_FIXTURE
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


FIXTURE = UradPodnetyLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,), name="UradPodnetyLayer:IntegrationTesting"
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="UradPodnetyLayer:FunctionalTesting",
)
