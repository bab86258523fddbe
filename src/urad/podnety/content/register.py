"""The register folder that contains every podnět."""

from plone.dexterity.content import Container
from urad.podnety.interfaces import IPodnetRegister
from zope.interface import implementer


@implementer(IPodnetRegister)
class PodnetRegister(Container):
    """Folder of podněty; its default view is the register table."""

    # An ordered folder keeps one list of all ids that every new podnět
    # rewrites: with tens of thousands of podněty that list is large, and
    # two channels filing at once conflict on it. The register is always
    # shown sorted by the catalog, so it keeps no order of its own.
    _ordering = "unordered"
