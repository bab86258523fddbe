"""Create the ready podnět form at ``/<site>/podat-podnet``."""

from plone import api
from urad.podnety import _
from urad.podnety.intake.limits import MAX_LENGTHS
from urad.podnety.intake.webform.action import ACTION_TYPE
from xml.sax.saxutils import escape
from zope.i18n import translate

import logging


logger = logging.getLogger(__name__)

FORM_ID = "podat-podnet"
HONEYPOT_FIELD = "web_address"
QUESTION_FIELD = "kontrolni_otazka"

# (id, supermodel type, label, help text, required, extra XML inside the field)
FIELDS = (
    (
        "jmeno",
        "zope.schema.TextLine",
        _("Name and surname"),
        None,
        False,
        f"<max_length>{MAX_LENGTHS['citizen_name']}</max_length>",
    ),
    (
        "email",
        "plone.schema.email.Email",
        _("E-mail"),
        _("We send the reference number and answers here."),
        False,
        f"<max_length>{MAX_LENGTHS['citizen_email']}</max_length>",
    ),
    (
        "telefon",
        "zope.schema.TextLine",
        _("Phone"),
        None,
        False,
        f"<max_length>{MAX_LENGTHS['citizen_phone']}</max_length>",
    ),
    (
        "adresa",
        "zope.schema.Text",
        _("Postal address"),
        _("Fill it in if you want an answer by post."),
        False,
        f"<max_length>{MAX_LENGTHS['citizen_address']}</max_length>",
    ),
    (
        "predmet",
        "zope.schema.TextLine",
        _("Subject"),
        None,
        True,
        f"<max_length>{MAX_LENGTHS['title']}</max_length>",
    ),
    (
        "text",
        "zope.schema.Text",
        _("Your podnět"),
        _("Describe what happened, where and when."),
        True,
        f"<max_length>{MAX_LENGTHS['text']}</max_length>",
    ),
    (
        "priloha_1",
        "plone.namedfile.field.NamedBlobFile",
        _("Attachment"),
        _("A photo, PDF or document, at most 10 MB each."),
        False,
        "",
    ),
    (
        "priloha_2",
        "plone.namedfile.field.NamedBlobFile",
        _("Another attachment"),
        None,
        False,
        "",
    ),
    (
        "priloha_3",
        "plone.namedfile.field.NamedBlobFile",
        _("Another attachment"),
        None,
        False,
        "",
    ),
    (
        "zasilat_stav",
        "zope.schema.Bool",
        _("Send me e-mails when the state of my podnět changes"),
        None,
        False,
        "",
    ),
    (
        "souhlas",
        "collective.easyform.fields.Label",
        _("Personal data"),
        _(
            "The office processes the personal data you give here only to "
            "handle your podnět, as the law requires of it, and keeps them for "
            "the period set by its filing rules. You may leave out your name "
            "and contacts, but then we cannot answer you."
        ),
        False,
        "",
    ),
    (
        HONEYPOT_FIELD,
        "zope.schema.TextLine",
        _("Leave this field empty"),
        None,
        False,
        "",
    ),
    (QUESTION_FIELD, "zope.schema.TextLine", _("Anti-spam question"), None, True, ""),
)

MAPPING = {
    "title_field": "predmet",
    "text_field": "text",
    "name_field": "jmeno",
    "email_field": "email",
    "phone_field": "telefon",
    "address_field": "adresa",
    "wants_updates_field": "zasilat_stav",
    "honeypot_field": HONEYPOT_FIELD,
    "question_field": QUESTION_FIELD,
}


def _text(message, language):
    return escape(translate(message, target_language=language))


def fields_model(language):
    """Return the form's fields model with labels in `language`."""
    parts = []
    for name, kind, title, description, required, extra in FIELDS:
        css = ' easyform:css_class="podnety-honeypot"' if name == HONEYPOT_FIELD else ""
        help_text = _text(description, language) if description else ""
        parts.append(
            f'<field name="{name}" type="{kind}"{css}>'
            f"<title>{_text(title, language)}</title>"
            f"<description>{help_text}</description>"
            f"<required>{required}</required>{extra}</field>"
        )
    return (
        '<model xmlns="http://namespaces.plone.org/supermodel/schema" '
        'xmlns:easyform="http://namespaces.plone.org/supermodel/easyform">'
        f"<schema>{''.join(parts)}</schema></model>"
    )


def actions_model(language):
    """Return the form's actions model: one Create podnět action."""
    mapping = "".join(f"<{key}>{value}</{key}>" for key, value in MAPPING.items())
    return (
        '<model xmlns="http://namespaces.plone.org/supermodel/schema">'
        f'<schema><field name="create_podnet" type="{ACTION_TYPE}">'
        f"<title>{_text(_('Create podnět'), language)}</title>"
        f"<required>True</required>{mapping}</field></schema></model>"
    )


def create_form(portal):
    """Create the public podnět form unless it exists, and return it.

    Running it again changes nothing, so webmasters' edits of the form stay.
    """
    form = portal.get(FORM_ID)
    if form is not None:
        return form
    language = api.portal.get_default_language() or "cs"
    with api.env.adopt_roles(["Manager"]):
        form = api.content.create(
            container=portal,
            type="EasyForm",
            id=FORM_ID,
            title=translate(_("Send a podnět"), target_language=language),
            description=translate(
                _(
                    "Tell the office about a problem, make a suggestion or a "
                    "complaint. Fields marked as required must be filled in."
                ),
                target_language=language,
            ),
        )
        form.fields_model = fields_model(language)
        form.actions_model = actions_model(language)
        form.submitLabel = translate(_("Send podnět"), target_language=language)
        form.useCancelButton = False
        form.form_tabbing = False
        form.autofocus = False
        form.showAll = False
        chain = api.portal.get_tool("portal_workflow").getChainFor(form)
        if chain and api.content.get_state(form) != "published":
            api.content.transition(form, to_state="published")
        form.reindexObject()
    logger.info("Created the web form %s", "/".join(form.getPhysicalPath()))
    return form
