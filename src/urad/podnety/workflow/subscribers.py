"""Checks and side effects of the podnět's workflow transitions."""

from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from urad.podnety import _
from urad.podnety.content.history import record
from urad.podnety.workflow import config
from urad.podnety.workflow.roles import sync_local_roles
from zope.i18n import translate

import logging


logger = logging.getLogger(__name__)

HANDED_TO_ATTRIBUTE = "podnety_handed_to"


def _transition_id(event):
    return event.transition.getId() if event.transition is not None else None


def _comment(event):
    return ((event.kwargs or {}).get("comment") or "").strip()


def _reject(podnet, message):
    text = translate(message, context=api.env.getRequest())
    raise WorkflowException(text)


def check_transition(podnet, event):
    """Reject a transition whose required data is missing."""
    transition = _transition_id(event)
    if transition in config.ASSIGNING_TRANSITIONS and not podnet.assignee:
        _reject(podnet, _("Choose the responsible official first."))
    if transition in config.COMMENT_REQUIRED and not _comment(event):
        _reject(podnet, _("Write the reason in the comment."))
    if transition == config.RESOLVE and not (podnet.resolution or "").strip():
        _reject(podnet, _("Write the resolution first."))
    if transition == config.FORWARD and podnet.assignee == handed_to(podnet):
        _reject(podnet, _("Choose a different official to hand the podnět on to."))


def handed_to(podnet):
    """Return the official the last accept or forward handed the podnět to."""
    return getattr(podnet, HANDED_TO_ATTRIBUTE, None)


def after_transition(podnet, event):
    """Move the assignee's local role and tell the new assignee."""
    transition = _transition_id(event)
    if transition is None:
        return
    sync_local_roles(podnet)
    podnet.reindexObject(idxs=["current_deadline"])
    if transition in config.ASSIGNING_TRANSITIONS:
        previous = handed_to(podnet)
        setattr(podnet, HANDED_TO_ATTRIBUTE, podnet.assignee)
        record(
            podnet,
            "assignee",
            comment=_comment(event),
            assignee=podnet.assignee,
            previous_assignee=previous or "",
        )
        notify_assignee(podnet)
    logger.info(
        "%s: %s by %s",
        podnet.reference_number,
        transition,
        api.user.get_current().getId(),
    )


def after_modified(podnet, event):
    sync_local_roles(podnet)


def _mail_language(request):
    """Return the language of a mail: the request's, else the site default.

    Plone sets LANGUAGE on a request it publishes. A background job's request
    has none, and translating with it would send the English msgids.
    """
    from urad.podnety.notifications.settings import site_language

    language = request.get("LANGUAGE") if request is not None else None
    return language or site_language()


def notify_assignee(podnet):
    from urad.podnety.notifications.mailer import send_mail
    from urad.podnety.notifications.values import public_link

    user = api.user.get(userid=podnet.assignee)
    address = user.getProperty("email") if user is not None else None
    if not address:
        logger.warning("%s: assignee has no e-mail address", podnet.reference_number)
        return
    language = _mail_language(api.env.getRequest())
    subject = translate(
        _(
            "Podnět ${reference} is assigned to you",
            mapping={"reference": podnet.reference_number},
        ),
        target_language=language,
    )
    text = translate(
        _(
            "You are responsible for podnět ${reference}: ${title}\n\nOpen it: ${url}",
            mapping={
                "reference": podnet.reference_number,
                "title": podnet.title,
                "url": public_link(podnet),
            },
        ),
        target_language=language,
    )
    send_mail(address, subject, text, podnet=podnet, template="assignee")
