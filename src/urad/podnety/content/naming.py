"""Podněty in the register are named after their reference number."""

from plone.app.content.namechooser import NormalizingNameChooser
from urad.podnety.content.numbering import next_reference_number
from urad.podnety.content.podnet import IPodnet
from urad.podnety.interfaces import IPodnetRegister
from zope.component import adapter


NUMBERED_FLAG = "_v_podnety_numbered"


def ensure_reference_number(podnet, register):
    """Draw the register's next number unless the register drew one already.

    A number sent by a REST client or typed into a form is replaced, so two
    podněty can never share one.
    """
    if not getattr(podnet, NUMBERED_FLAG, False):
        podnet.reference_number = next_reference_number(register)
        setattr(podnet, NUMBERED_FLAG, True)
    return podnet.reference_number


@adapter(IPodnetRegister)
class RegisterNameChooser(NormalizingNameChooser):
    """Name a new podnět ``pdn-2026-00042`` after its reference number."""

    def chooseName(self, name, obj):
        if IPodnet.providedBy(obj):
            name = ensure_reference_number(obj, self.context).lower()
        return super().chooseName(name, obj)
