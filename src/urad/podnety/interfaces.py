"""Marker interfaces and events of urad.podnety."""

from plone.supermodel import model
from zope.interface import Attribute
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IUradPodnetyLayer(IDefaultBrowserLayer):
    """Browser layer active while the add-on is installed."""


class IPodnetFiled(IObjectEvent):
    """A channel's submission was filed into the register."""

    submission = Attribute("The Submission the podnět was filed from")
    created = Attribute("False when the submission was a duplicate")


@implementer(IPodnetFiled)
class PodnetFiled(ObjectEvent):
    def __init__(self, podnet, submission, created=True):
        super().__init__(podnet)
        self.submission = submission
        self.created = created


class IPodnetRegister(model.Schema):
    """Marker and (empty) schema of the folder that holds the podněty."""
