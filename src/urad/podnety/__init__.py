"""Contact-centre register of citizens' podněty for Plone."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "urad.podnety"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)
