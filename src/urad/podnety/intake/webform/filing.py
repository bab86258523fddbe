"""Check one web form post and file it as a podnět through the intake pipeline."""

from collective.easyform.api import get_schema
from collective.easyform.config import FORM_ERROR_MARKER
from datetime import datetime
from plone import api
from plone.namedfile.interfaces import INamed
from urad.podnety import _
from urad.podnety.intake import file_submission
from urad.podnety.intake.webform import settings
from urad.podnety.intake.webform.lengths import check_lengths
from urad.podnety.intake.webform.mapping import MAPPED_FIELDS
from urad.podnety.intake.webform.mapping import build_submission
from urad.podnety.intake.webform.throttle import client_key
from urad.podnety.intake.webform.throttle import throttle
from urad.podnety.intake.webform.uploads import MEGABYTE
from urad.podnety.intake.webform.uploads import Upload
from urad.podnety.intake.webform.uploads import check_uploads
from urad.podnety.phone.numbers import normalize_number
from urad.podnety.portal.webform.thanks import thanks_url
from zoneinfo import ZoneInfo
from zope.i18n import translate
from zope.schema import getFieldsInOrder

import logging


logger = logging.getLogger(__name__)

PRAGUE = ZoneInfo("Europe/Prague")
# EasyForm skips the form's later actions (a mailer, for example) when an
# action returns errors, so a spam post returns this key, which no widget has.
SPAM_MARKER = "urad.podnety.spam"
# Room for the text fields and the multipart framing above the file limit.
REQUEST_OVERHEAD = 2 * MEGABYTE


def _form_path(form):
    return "/".join(form.getPhysicalPath())


def _throttled(form, request):
    key = client_key(request.getClientAddr())
    limit = settings.read("throttle_count")
    window = settings.read("throttle_minutes") * 60
    wait = throttle.retry_after(key, limit, window)
    if not wait:
        throttle.record(key)
        return None
    logger.warning("Throttled a post to %s, retry in %s s", _form_path(form), wait)
    request.response.setStatus(429)
    request.response.setHeader("Retry-After", str(wait))
    return _(
        "Too many submissions were sent from your network in a short time. "
        "Please try again in ${minutes} minutes. What you wrote is kept below.",
        mapping={"minutes": max(1, round(wait / 60))},
    )


def _too_large(request):
    length = request.get_header("Content-Length") or "0"
    limit = settings.read("max_total_size") * MEGABYTE + REQUEST_OVERHEAD
    if not length.isdigit() or int(length) <= limit:
        return None
    request.response.setStatus(413)
    return _(
        "The form with its attachments is larger than ${size} MB. Attach "
        "smaller files and choose them again.",
        mapping={"size": settings.read("max_total_size")},
    )


def _uploads(form, data):
    uploads = []
    for name, _field in getFieldsInOrder(get_schema(form)):
        value = data.get(name)
        if INamed.providedBy(value):
            uploads.append(Upload(name, value.filename or "", bytes(value.data)))
    return uploads


def _forget_rejected_files(request, field_names):
    """Drop rejected files from the re-rendered form.

    The file widget would otherwise keep them in the site's temporary upload
    storage so the citizen need not choose them again, which is right for
    valid files but stores an oversized or forbidden file.
    """
    form = getattr(request.get("PUBLISHED"), "form_instance", None)
    widgets = getattr(form, "widgets", None) or {}
    for name in field_names:
        if name in widgets:
            widgets[name].value = None


def _check(form, action, data, request):
    errors = {}
    if action.question_field and not settings.is_correct_answer(
        data.get(action.question_field)
    ):
        errors[action.question_field] = _(
            "The answer to the question is not correct. Please answer it "
            "again. The answer tells us that a person is sending the form."
        )
    phone_field = getattr(action, "phone_field", None)
    phone = data.get(phone_field) if phone_field else None
    # A citizen types a number to be called back on, never a PBX line prefix.
    if phone and not normalize_number(phone, outside_prefix="").e164:
        errors[phone_field] = _(
            "The phone number is not valid. Enter a Czech number of nine "
            "digits or an international number starting with +, for example "
            "+420 601 123 456."
        )
    for name, message in check_lengths(form, action, data).items():
        errors.setdefault(name, message)
    attachments, upload_errors = check_uploads(
        _uploads(form, data), settings.upload_limits()
    )
    if upload_errors:
        _forget_rejected_files(request, upload_errors)
    errors.update(upload_errors)
    return attachments, errors


def _translated(message, request):
    return translate(message, context=request)


def _submission(form, action, data, attachments, request):
    fields = getFieldsInOrder(get_schema(form))
    labels = {name: str(field.title) for name, field in fields}
    files = {name for name, field in fields if INamed.providedBy(data.get(name))}
    mapping = {name: getattr(action, attr, None) for name, attr in MAPPED_FIELDS}
    submission = build_submission(
        data,
        {name: field for name, field in mapping.items() if field},
        labels,
        attachments,
        datetime.now(PRAGUE),
        form.UID(),
        skip={action.honeypot_field, action.question_field, *files},
        fallback_title=_translated(_("Podnět from the web form"), request),
        yes=_translated(_("yes"), request),
        no=_translated(_("no"), request),
    )
    submission.intake_info["form_path"] = _form_path(form)
    return submission


def handle_post(form, action, data, request):
    """Check a post and file it. Return EasyForm errors, or None on success.

    Errors are a dict of field id to message, with FORM_ERROR_MARKER for the
    whole form. EasyForm renders the form again with them and with the values
    the citizen typed.
    """
    message = _throttled(form, request) or _too_large(request)
    if message:
        return {FORM_ERROR_MARKER: message}
    if action.honeypot_field and data.get(action.honeypot_field):
        logger.info("Spam post to %s: honeypot filled", _form_path(form))
        request.response.redirect(thanks_url(form))
        return {SPAM_MARKER: "spam"}
    attachments, errors = _check(form, action, data, request)
    if errors:
        return errors

    submission = _submission(form, action, data, attachments, request)
    podnet, created = file_submission(api.portal.get(), submission)
    if podnet is None:
        # A clerk deleted the podnět this exact content was filed as today.
        logger.warning("Post to %s repeats a deleted podnět", _form_path(form))
        reference = ""
    else:
        reference = podnet.reference_number
        logger.info(
            "%s %s from %s with %d files",
            reference,
            "filed" if created else "re-sent",
            _form_path(form),
            len(attachments),
        )
    if action.show_reference_page:
        mailed = bool(submission.citizen_email)
        request.response.redirect(thanks_url(form, reference, mailed))
    return None
