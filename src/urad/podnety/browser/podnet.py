"""The podnět page: its data, files, history and the clerk's decisions."""

from plone import api
from plone.memoize.view import memoize
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView
from urad.podnety import PACKAGE_NAME as DOMAIN
from urad.podnety import _
from urad.podnety.browser.history_details import TRANSITION_EVENTS
from urad.podnety.browser.history_details import history_rows
from urad.podnety.browser.intake_details import intake_rows
from urad.podnety.browser.register_query import PRAGUE
from urad.podnety.content.history import full_history
from urad.podnety.content.history import record
from urad.podnety.content.indexers import phase_deadline
from urad.podnety.content.podnet import IPodnet
from urad.podnety.content.vocabularies import CHANNELS
from urad.podnety.content.vocabularies import KINDS
from urad.podnety.intake.attachments import get_text
from urad.podnety.intake.attachments import is_original
from urad.podnety.workflow import config
from urad.podnety.workflow.roles import sync_local_roles
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.lifecycleevent import modified
from zope.schema import ValidationError

import logging
import transaction


logger = logging.getLogger(__name__)

# Characters of each file's text shown on the podnět page.
FILE_TEXT_PREVIEW = 3000

# Fields a clerk may fill in on the podnět page while deciding.
QUICK_FIELDS = (
    "title",
    "citizen_name",
    "citizen_email",
    "citizen_phone",
    "citizen_address",
    "kind",
    "category",
)


class PodnetView(BrowserView):
    """Everything about one podnět on one screen."""

    def translate(self, message):
        return translate(message, context=self.request)

    def channel_title(self):
        return self.translate(CHANNELS.get(self.context.channel, self.context.channel))

    def kind_title(self):
        return self.translate(KINDS.get(self.context.kind, self.context.kind))

    def kinds(self):
        return [(key, self.translate(title)) for key, title in KINDS.items()]

    def categories(self):
        from zope.component import getUtility
        from zope.schema.interfaces import IVocabularyFactory

        factory = getUtility(IVocabularyFactory, "urad.podnety.Categories")
        return [(term.value, term.title) for term in factory(self.context)]

    def officials(self):
        from zope.component import getUtility
        from zope.schema.interfaces import IVocabularyFactory

        factory = getUtility(IVocabularyFactory, "urad.podnety.Officials")
        return [(term.value, term.title) for term in factory(self.context)]

    def state_title(self):
        workflow = api.portal.get_tool("portal_workflow")
        return self.translate(
            Message(workflow.getTitleForStateOnType(self.state(), "Podnet"), DOMAIN)
        )

    @memoize
    def state(self):
        return api.content.get_state(self.context)

    def received(self):
        received = self.context.received
        return (
            received.astimezone(PRAGUE).strftime("%d.%m.%Y %H:%M") if received else ""
        )

    def deadlines(self):
        current = phase_deadline(self.context, self.state())
        today = _today()
        for field, label in (
            ("deadline_accept", _("Accept by")),
            ("deadline_resolve", _("Resolve by")),
            ("deadline_close", _("Close by")),
        ):
            value = getattr(self.context, field, None)
            yield {
                "label": self.translate(label),
                "value": value.strftime("%d.%m.%Y") if value else "",
                "overdue": bool(value and value == current and value < today),
            }

    def fullname(self, user_id):
        user = api.user.get(userid=user_id) if user_id else None
        if user is None:
            return user_id or ""
        return user.getProperty("fullname") or user_id

    def files(self):
        for item in self.context.objectValues():
            blob = getattr(item, "file", None)
            yield {
                "title": item.Title(),
                "url": item.absolute_url(),
                "download": f"{item.absolute_url()}/@@download/file",
                "size": blob.getSize() if blob is not None else 0,
                "original": is_original(item),
            }

    def file_texts(self):
        """Return the text read from each file (e-mail body, OCR), shortened."""
        for item in self.context.objectValues():
            text = get_text(item)
            if text.strip():
                shortened = text[:FILE_TEXT_PREVIEW]
                if len(text) > FILE_TEXT_PREVIEW:
                    shortened += " …"
                yield {"title": item.Title(), "text": shortened}

    def history(self):
        for entry in reversed(full_history(self.context)):
            when = entry["time"].astimezone(PRAGUE) if entry["time"] else None
            yield {
                "date": when.strftime("%d.%m.%Y") if when else "",
                "clock": when.strftime("%H:%M") if when else "",
                "action": self.action_title(entry["action"]),
                "actor": self.fullname(entry["actor"]),
                "comment": entry["comment"],
                "details": history_rows(
                    entry, self.translate, self.fullname, self._decimal_format()
                ),
            }

    def action_title(self, action):
        if action in TRANSITION_EVENTS:
            return self.translate(TRANSITION_EVENTS[action])
        workflow = api.portal.get_tool("portal_workflow")[config.WORKFLOW_ID]
        transition = workflow.transitions.get(action)
        if transition is not None:
            return self.translate(Message(transition.title, DOMAIN))
        titles = {
            "create": _("Filed"),
            "mail": _("E-mail sent"),
            "assignee": _("Responsible official set"),
            "details": _("Details changed"),
            "deadlines": _("Deadlines set"),
            "deadlines-recomputed": _("Deadlines recomputed"),
            "deadline-extended": _("Deadline extended"),
            "email-reply": _("Citizen's reply attached"),
            "pseudonymised": _("Personal data pseudonymised"),
            "exported": _("Exported for the records system"),
            "duplicate-scan": _("The same letter was scanned again"),
            "duplicate-email": _("The same e-mail was delivered again"),
        }
        return self.translate(titles.get(action, action))

    @memoize
    def transitions(self):
        workflow = api.portal.get_tool("portal_workflow")
        return [
            {"id": info["id"], "title": self.translate(Message(info["title"], DOMAIN))}
            for info in workflow.getTransitionsFor(self.context)
        ]

    def can_edit(self):
        return api.user.has_permission("Modify portal content", obj=self.context)

    def can_set_confidential(self):
        return api.user.has_permission(
            "urad.podnety: Triage podnety", obj=self.context
        ) or api.user.has_permission("urad.podnety: Supervise", obj=self.context)

    @memoize
    def intake_details(self):
        """Return the labelled intake rows, main and technical, for the page."""
        return intake_rows(
            self.context.intake_info, self.translate, self._decimal_format()
        )

    def _decimal_format(self):
        try:
            formatter = self.request.locale.numbers.getFormatter("decimal")
        except (AttributeError, KeyError):
            return None
        return lambda number: formatter.format(number, "0.0")


class DecideView(BrowserView):
    """Save the clerk's quick edits and run the chosen transition in one step."""

    def __call__(self):
        if self.request.method != "POST":
            return self.request.response.redirect(self.context.absolute_url())
        CheckAuthenticator(self.request)
        form = self.request.form
        messages = api.portal.show_message
        try:
            self._update_fields(form)
            transition = form.get("transition")
            if transition:
                # doActionFor keeps the reason a guard or check gives, which
                # api.content.transition would replace with a generic message.
                api.portal.get_tool("portal_workflow").doActionFor(
                    self.context,
                    transition,
                    comment=(form.get("comment") or "").strip(),
                )
        except (WorkflowException, api.exc.InvalidParameterError, ValueError) as error:
            transaction.doom()
            messages(str(error), request=self.request, type="error")
            return self.request.response.redirect(self.context.absolute_url())
        messages(_("Saved."), request=self.request, type="info")
        return self.request.response.redirect(self.context.absolute_url())

    def _update_fields(self, form):
        if not api.user.has_permission("Modify portal content", obj=self.context):
            return
        changed = []
        for name in QUICK_FIELDS + ("assignee", "resolution"):
            if name not in form:
                continue
            value = (form.get(name) or "").strip() or None
            _validate_field(name, value, self.context, self.request)
            if value != getattr(self.context, name, None):
                setattr(self.context, name, value)
                changed.append(name)
        if changed:
            record(self.context, "details", fields=", ".join(changed))
            modified(self.context)


class ConfidentialView(BrowserView):
    """Mark a podnět confidential and name who may still see it."""

    def __call__(self):
        if self.request.method != "POST":
            return self.request.response.redirect(self.context.absolute_url())
        CheckAuthenticator(self.request)
        allowed = api.user.has_permission(
            "urad.podnety: Triage podnety", obj=self.context
        ) or api.user.has_permission("urad.podnety: Supervise", obj=self.context)
        if not allowed:
            from zExceptions import Unauthorized

            raise Unauthorized("Only clerks and supervisors can change confidentiality")
        readers = [
            line.strip()
            for line in (
                self.request.form.get("confidential_readers") or ""
            ).splitlines()
            if line.strip()
        ]
        self.context.confidential = bool(self.request.form.get("confidential"))
        self.context.confidential_readers = readers
        record(
            self.context,
            "details",
            fields="confidential",
            confidential=str(self.context.confidential),
        )
        sync_local_roles(self.context)
        self.context.reindexObject()
        api.portal.show_message(_("Saved."), request=self.request)
        target = self.context
        if not api.user.has_permission("View", obj=self.context):
            target = self.context.__parent__
        return self.request.response.redirect(target.absolute_url())


def _validate_field(name, value, context, request):
    """Raise ValueError naming the field when `value` does not fit its schema."""
    field = IPodnet[name].bind(context)
    try:
        field.validate(value)
    except ValidationError as error:
        raise ValueError(
            translate(
                _(
                    "Invalid value of the field ${field}.",
                    mapping={"field": translate(field.title, context=request)},
                ),
                context=request,
            )
        ) from error


def _today():
    from datetime import datetime

    return datetime.now(PRAGUE).date()
