"""Render and validate the citizen e-mail templates.

Templates use ``${name}`` placeholders (Python's ``string.Template``, the
same syntax Zope i18n uses), so ``$$`` writes a literal dollar sign.
"""

from dataclasses import dataclass
from string import Template
from urad.podnety import _

import html
import re


PLACEHOLDERS = (
    "reference_number",
    "subject",
    "state",
    "date",
    "received",
    "resolution",
    "reason",
    "handler",
    "status_url",
    "office",
)
SUBJECT_MAX_LENGTH = 200


class TemplateError(ValueError):
    """A template that cannot be rendered, with a message stating what to fix.

    The first argument is an i18n message with its mapping, for forms.
    """


@dataclass
class RenderedMail:
    """A citizen e-mail after the placeholders are filled in."""

    subject: str
    text: str
    html: str


def _placeholder_list(names) -> str:
    return ", ".join("${" + name + "}" for name in names)


def check_template(text: str, single_line: bool = False) -> None:
    """Raise TemplateError when the template cannot be rendered safely."""
    if not (text or "").strip():
        raise TemplateError(_("The template is empty."))
    template = Template(text)
    if not template.is_valid():
        raise TemplateError(
            _(
                "Invalid placeholder: write placeholders as ${name} "
                "and a dollar sign as $$."
            )
        )
    unknown = sorted(set(template.get_identifiers()) - set(PLACEHOLDERS))
    if unknown:
        raise TemplateError(
            _(
                "Unknown placeholder: ${unknown}. Allowed placeholders: ${allowed}.",
                mapping={
                    "unknown": _placeholder_list(unknown),
                    "allowed": _placeholder_list(PLACEHOLDERS),
                },
            )
        )
    if single_line:
        if "\n" in text or "\r" in text:
            raise TemplateError(_("The subject must be a single line."))
        if len(text) > SUBJECT_MAX_LENGTH:
            raise TemplateError(
                _(
                    "The subject is longer than ${max} characters.",
                    mapping={"max": SUBJECT_MAX_LENGTH},
                )
            )


def _one_line(value: str) -> str:
    # Citizens' subjects may contain line breaks; a header must not.
    return " ".join(str(value).split())


def render_text(text: str, values: dict, single_line: bool = False) -> str:
    """Fill the placeholders; missing values become empty strings."""
    full = {name: str(values.get(name) or "") for name in PLACEHOLDERS}
    if single_line:
        full = {name: _one_line(value) for name, value in full.items()}
        return _one_line(Template(text).substitute(full))
    return Template(text).substitute(full)


def text_to_html(text: str, link: str = "") -> str:
    """Return a simple HTML version of the plain text, escaped.

    Only the status-page link becomes clickable, so an address that a
    citizen typed into the subject cannot turn into a link in an official
    e-mail.
    """
    paragraphs = re.split(r"\n\s*\n", text.strip())
    parts = []
    for paragraph in paragraphs:
        body = html.escape(paragraph).replace("\n", "<br>\n")
        if link:
            escaped = html.escape(link)
            body = body.replace(escaped, f'<a href="{escaped}">{escaped}</a>')
        parts.append(f"<p>{body}</p>")
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n'
        '<body style="font-family: sans-serif; line-height: 1.5">\n'
        + "\n".join(parts)
        + "\n</body></html>\n"
    )


def render_mail(subject: str, body: str, values: dict) -> RenderedMail:
    """Render one citizen e-mail from its subject and body templates."""
    check_template(subject, single_line=True)
    check_template(body)
    text = render_text(body, values)
    return RenderedMail(
        subject=render_text(subject, values, single_line=True),
        text=text,
        html=text_to_html(text, link=str(values.get("status_url") or "")),
    )
