"""The register folder that holds every podnět."""

from plone.dexterity.content import Container
from urad.podnety.interfaces import IPodnetRegister
from zope.interface import implementer


@implementer(IPodnetRegister)
class PodnetRegister(Container):
    """Folder of podněty; its default view is the register table."""
