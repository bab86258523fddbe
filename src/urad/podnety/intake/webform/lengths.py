"""Maximum lengths of the web form's text fields: checks, messages, maxlength.

The limits come from the form's "Create podnět" action, so they apply to
forms created before the limits existed without changing their models.
"""

from collective.easyform.api import get_actions
from collective.easyform.api import get_schema
from collective.easyform.interfaces import IEasyForm
from urad.podnety import _
from urad.podnety.intake.limits import MAX_LENGTHS
from urad.podnety.intake.limits import MAX_LINE_LENGTH
from urad.podnety.intake.limits import MAX_TEXT_LENGTH
from urad.podnety.intake.webform.interfaces import ICreatePodnet
from urad.podnety.intake.webform.mapping import MAPPED_FIELDS
from z3c.form.interfaces import IAfterWidgetUpdateEvent
from z3c.form.interfaces import ITextAreaWidget
from z3c.form.interfaces import ITextWidget
from z3c.form.interfaces import IValue
from zope.component import adapter
from zope.interface import implementer
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine


def too_long_message(limit, length):
    """Return the message for a value of `length` characters over `limit`."""
    return _(
        "Enter at most ${max} characters. The value has ${length}.",
        mapping={"max": limit, "length": length},
    )


def field_limits(form, action):
    """Return {field id: maximum length} for the text fields of `form`."""
    mapped = {}
    for podnet_field, attribute in MAPPED_FIELDS:
        form_field = getattr(action, attribute, None)
        if form_field and podnet_field in MAX_LENGTHS:
            mapped[form_field] = MAX_LENGTHS[podnet_field]
    limits = {}
    for name, field in getFieldsInOrder(get_schema(form)):
        if ITextLine.providedBy(field):
            limit = mapped.get(name, MAX_LINE_LENGTH)
        elif IText.providedBy(field):
            limit = mapped.get(name, MAX_TEXT_LENGTH)
        else:
            continue
        if field.max_length:
            limit = min(limit, field.max_length)
        limits[name] = limit
    return limits


def check_lengths(form, action, data):
    """Return {field id: message} for the values of `data` over their limit."""
    errors = {}
    for name, limit in field_limits(form, action).items():
        value = data.get(name)
        if isinstance(value, str) and len(value) > limit:
            errors[name] = too_long_message(limit, len(value))
    return errors


def _podnet_action(form):
    for _name, action in getFieldsInOrder(get_actions(form)):
        if ICreatePodnet.providedBy(action):
            return action
    return None


def _form_limits(form):
    """Return the field limits of the EasyForm behind `form`, once per request."""
    limits = getattr(form, "_podnety_field_limits", None)
    if limits is None:
        action = _podnet_action(form.context)
        limits = field_limits(form.context, action) if action is not None else {}
        form._podnety_field_limits = limits
    return limits


@adapter(IAfterWidgetUpdateEvent)
def set_maxlength(event):
    """Render the maxlength attribute on the text fields of a podnět form.

    The browser then stops typing at the limit, and the server check in
    `check_lengths` still rejects longer values sent by other clients.
    """
    widget = event.widget
    form = getattr(widget, "form", None)
    context = getattr(form, "context", None)
    if not IEasyForm.providedBy(context) or widget.mode != "input":
        return
    if not (ITextWidget.providedBy(widget) or ITextAreaWidget.providedBy(widget)):
        return
    limit = _form_limits(form).get(widget.field.__name__)
    if limit is None:
        return
    if ITextWidget.providedBy(widget):
        widget.maxlength = limit
    else:
        # The textarea widget has no maxlength property. Its `attributes`
        # dict is built once, on first read, from the updated widget and
        # then reused when it renders, so the attribute is added to it here.
        widget.attributes["maxlength"] = limit


@implementer(IValue)
class TooLongMessage:
    """The TooLong error of a form field, stating the limit and the length."""

    def __init__(self, error, request, widget, field, form, content):
        self.error = error
        self.field = field

    def get(self):
        limit = getattr(self.error, "bound", None) or self.field.max_length
        value = getattr(self.error, "value", None) or ""
        return too_long_message(limit, len(value))
