"""Show a form that files podněty again when its CSRF token no longer fits.

plone.protect binds the token in the form (``_authenticator``) to the user
who loaded the page and to the site's keyring. The token stops fitting when
the user changes before the post (the citizen logs in or out in another tab,
a clerk's session expires while typing) or when the keys were rotated since
the page was loaded. Plone then returns 403 and the citizen's text is lost.
On forms with the "Create podnět" action this button manager shows the form
again instead, with the typed values, a fresh token and a message. Nothing
is filed until a post carries a token that fits, so CSRF protection stays.
"""

from collective.easyform.api import get_actions
from collective.easyform.interfaces import IEasyFormForm
from plone.app.z3cform.csrf import AuthenticatedButtonActions
from plone.protect.authenticator import check
from urad.podnety import _
from urad.podnety.intake.webform.interfaces import ICreatePodnet
from urad.podnety.interfaces import IUradPodnetyLayer
from zExceptions import Forbidden
from zope.component import adapter
from zope.i18n import translate
from zope.interface import Interface
from zope.schema import getFieldsInOrder

import logging


logger = logging.getLogger(__name__)

STALE_FORM_MESSAGE = _(
    "The form could not be sent because it was opened before you logged in "
    "or out, or a long time ago. What you wrote is kept below. Please check "
    "it, choose any attachments again and send the form once more."
)


def files_podnety(form):
    """Return True when the EasyForm `form` has the "Create podnět" action."""
    return any(
        ICreatePodnet.providedBy(action)
        for _name, action in getFieldsInOrder(get_actions(form))
    )


@adapter(IEasyFormForm, IUradPodnetyLayer, Interface)
class PodnetFormButtonActions(AuthenticatedButtonActions):
    """Run the form's buttons only with a fitting token, else show it again."""

    def execute(self):
        if self.executedActions and files_podnety(self.form.context):
            try:
                check(self.request)
            except Forbidden:
                self._show_again()
                return
        super().execute()

    def _show_again(self):
        logger.warning(
            "Post to %s had an invalid CSRF token, form shown again",
            "/".join(self.form.context.getPhysicalPath()),
        )
        message = translate(STALE_FORM_MESSAGE, context=self.request)
        # EasyForm renders the form, not its thank-you page, while the
        # status equals formErrorsMessage.
        self.form.formErrorsMessage = message
        self.form.status = message
