"""Add input-purpose attributes to the widgets of forms with Create podnět.

WCAG 2.1 success criterion 1.3.5 requires fields for personal data to name
their purpose with ``autocomplete``, so browsers and assistive tools can
fill them in. The action's mapping says which field is which.
"""

from collective.easyform.api import get_actions
from collective.easyform.interfaces import IEasyFormForm
from urad.podnety.intake.webform.interfaces import ICreatePodnet
from zope.schema import getFieldsInOrder


PURPOSES = {
    "name_field": "name",
    "email_field": "email",
    "phone_field": "tel",
    "address_field": "street-address",
}


def _purposes(form):
    purposes = {}
    for _name, action in getFieldsInOrder(get_actions(form)):
        if not ICreatePodnet.providedBy(action):
            continue
        for attribute, purpose in PURPOSES.items():
            field_id = getattr(action, attribute, None)
            if field_id:
                purposes[field_id] = purpose
        if action.honeypot_field:
            purposes[action.honeypot_field] = "off"
    return purposes


def mark_input_purpose(event):
    """Set ``autocomplete`` on a widget of a form that files podněty."""
    widget = event.widget
    form = getattr(widget, "form", None)
    if not IEasyFormForm.providedBy(form) or widget.field is None:
        return
    request = widget.request
    cache = request.other.setdefault("urad.podnety.input_purposes", {})
    key = id(form.context)
    if key not in cache:
        cache[key] = _purposes(form.context)
    purpose = cache[key].get(widget.field.__name__)
    attributes = getattr(widget, "attributes", None)
    if purpose is None or not isinstance(attributes, dict):
        return
    # z3c.form caches the dict it returns, and some widget classes have no
    # setter for it, so the cached dict is changed in place.
    attributes["autocomplete"] = purpose
    if purpose == "off":
        # The honeypot: out of the tab order for keyboard users.
        attributes["tabindex"] = "-1"
