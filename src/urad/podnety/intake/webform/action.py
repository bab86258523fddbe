"""The EasyForm action "Create podnět" and its import/export handler.

EasyForm finds actions as named utilities: an IActionFactory that builds the
action and a supermodel field handler that reads and writes it in the form's
actions model. Both are registered under the same name in configure.zcml.
"""

from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_context
from plone.supermodel.exportimport import BaseHandler
from urad.podnety import _
from urad.podnety.intake.webform.filing import handle_post
from urad.podnety.intake.webform.interfaces import ICreatePodnet
from zope.interface import implementer


# Supermodel finds the handler by the dotted name of the action class, so the
# utilities and the actions model use exactly that name.
ACTION_TYPE = "urad.podnety.intake.webform.action.CreatePodnet"


@implementer(ICreatePodnet)
class CreatePodnet(Action):
    """File each valid post of the form as a podnět (channel web)."""

    def __init__(self, **kw):
        for name, field in ICreatePodnet.namesAndDescriptions():
            setattr(self, name, kw.pop(name, field.default))
        super().__init__(**kw)

    def onSuccess(self, fields, request):
        return handle_post(get_context(self), self, fields, request)


CreatePodnetAction = ActionFactory(
    CreatePodnet,
    _("Create podnět"),
    "cmf.ModifyPortalContent",
)
CreatePodnetHandler = BaseHandler(CreatePodnet)
