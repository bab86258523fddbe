"""Content-rule action: send one of the add-on's e-mail templates."""

from OFS.SimpleItem import SimpleItem
from plone.app.contentrules.actions import ActionAddForm
from plone.app.contentrules.actions import ActionEditForm
from plone.app.contentrules.browser.formhelper import ContentRuleFormWrapper
from plone.contentrules.rule.interfaces import IExecutable
from plone.contentrules.rule.interfaces import IRuleElementData
from urad.podnety import _
from urad.podnety.content.podnet import IPodnet
from urad.podnety.deadlines.contentrules.templates import STAFF_TEMPLATES
from urad.podnety.deadlines.contentrules.templates import template_texts
from urad.podnety.deadlines.mailing import group_emails
from urad.podnety.deadlines.mailing import user_email
from urad.podnety.notifications.citizen_mail import citizen_address
from urad.podnety.notifications.citizen_mail import may_mail
from urad.podnety.notifications.mailer import send_mail
from urad.podnety.notifications.templates import TemplateError
from urad.podnety.notifications.templates import render_mail
from urad.podnety.notifications.values import mail_values
from zope import schema
from zope.component import adapter
from zope.interface import Interface
from zope.interface import implementer

import logging


logger = logging.getLogger(__name__)

RECIPIENTS = ["citizen", "assignee", "group"]


class ITemplateMailAction(Interface):
    """Send an e-mail template about the podnět."""

    template = schema.Choice(
        title=_("Template"),
        vocabulary="urad.podnety.MailTemplates",
        required=True,
    )
    recipient = schema.Choice(
        title=_("Recipient"),
        description=_(
            "citizen: only if the citizen asked for updates; assignee: the "
            "responsible official; group: every member of the group below."
        ),
        values=RECIPIENTS,
        default="assignee",
        required=True,
    )
    group = schema.TextLine(title=_("Group id"), required=False)


@implementer(ITemplateMailAction, IRuleElementData)
class TemplateMailAction(SimpleItem):
    template = "deadline-passed"
    recipient = "assignee"
    group = ""
    element = "urad.podnety.actions.TemplateMail"

    @property
    def summary(self):
        return _(
            "Send template ${template} to ${recipient}",
            mapping={"template": self.template, "recipient": self.recipient},
        )


def recipients_of(element, podnet, event_name):
    if element.recipient == "citizen":
        if not may_mail(podnet, event_name):
            return []
        return [citizen_address(podnet)]
    if element.recipient == "assignee":
        email = user_email(podnet.assignee)
        return [email] if email else []
    return group_emails(element.group)


@implementer(IExecutable)
@adapter(Interface, ITemplateMailAction, Interface)
class TemplateMailActionExecutor:
    def __init__(self, context, element, event):
        self.context = context
        self.element = element
        self.event = event

    def __call__(self):
        podnet = getattr(self.event, "object", None)
        if not IPodnet.providedBy(podnet):
            return False
        name = self.element.template
        event_name = "filed" if name in STAFF_TEMPLATES else name
        recipients = recipients_of(self.element, podnet, event_name)
        if not recipients:
            logger.info(
                "%s: rule mail %s has no recipient", podnet.reference_number, name
            )
            return True
        subject, body = template_texts(name)
        values = mail_values(podnet, date=getattr(self.event, "deadline", None))
        try:
            mail = render_mail(subject, body, values)
        except TemplateError:
            logger.exception(
                "%s: template %s is invalid", podnet.reference_number, name
            )
            return False
        send_mail(
            recipients,
            mail.subject,
            mail.text,
            html=mail.html,
            podnet=podnet,
            template=f"rule:{name}",
        )
        return True


class TemplateMailAddForm(ActionAddForm):
    schema = ITemplateMailAction
    label = _("Add podnět e-mail action")
    form_name = _("Configure element")
    Type = TemplateMailAction


class TemplateMailAddFormView(ContentRuleFormWrapper):
    form = TemplateMailAddForm


class TemplateMailEditForm(ActionEditForm):
    schema = ITemplateMailAction
    label = _("Edit podnět e-mail action")
    form_name = _("Configure element")


class TemplateMailEditFormView(ContentRuleFormWrapper):
    form = TemplateMailEditForm
