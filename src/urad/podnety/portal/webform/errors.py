"""Tie each field error of an EasyForm to its input for assistive technology.

WCAG 2.1 success criteria 1.3.1 and 3.3.1 require that a screen reader user
who reaches the input hears that it is invalid and why. The error text gets
the id ``<widget id>-error`` on every z3c.form form of the site, and on
EasyForms the input gets ``aria-invalid`` and ``aria-describedby`` pointing
to it.
"""

from z3c.form.error import ErrorViewTemplateFactory

import os


ErrorTemplate = ErrorViewTemplateFactory(
    os.path.join(os.path.dirname(__file__), "error.pt"), "text/html"
)


def associate_error(error, request, widget, field, form, content):
    """Mark the widget's input as invalid and described by its error text.

    z3c.form looks up an IValue named "message" whenever it attaches an
    error to a widget, which is the one moment the error is known before the
    input is rendered. Returning None keeps z3c.form's own message.
    """
    attributes = getattr(widget, "attributes", None)
    if widget is not None and isinstance(attributes, dict):
        attributes["aria-invalid"] = "true"
        attributes["aria-describedby"] = f"{widget.id}-error"
    return None
