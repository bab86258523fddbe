"""Test layers: Plone with urad.podnety installed."""

from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGI_SERVER_FIXTURE

import plone.restapi


class UradPodnetyLayer(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import collective.easyform
        import urad.podnety

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=collective.easyform)
        self.loadZCML(package=urad.podnety)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "urad.podnety:default")


FIXTURE = UradPodnetyLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,), name="UradPodnetyLayer:IntegrationTesting"
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="UradPodnetyLayer:FunctionalTesting",
)
