"""Schema of the EasyForm action that files a podnět."""

from collective.easyform.interfaces import IAction
from urad.podnety import _
from zope import schema


def _field_choice(title, description=None):
    return schema.Choice(
        title=title,
        description=description,
        vocabulary="easyform.Fields",
        required=False,
    )


class ICreatePodnet(IAction):
    """Settings of one "Create podnět" action: which form field fills what."""

    title_field = _field_choice(
        _("Subject field"),
        _("Becomes the podnět's title. Without it, the start of the text is used."),
    )
    text_field = _field_choice(_("Text field"))
    name_field = _field_choice(_("Name field"))
    email_field = _field_choice(
        _("E-mail field"),
        _("The confirmation with the reference number goes to this address."),
    )
    phone_field = _field_choice(_("Phone field"))
    address_field = _field_choice(_("Postal address field"))
    wants_updates_field = _field_choice(
        _("Status updates field"),
        _("A yes/no field: the citizen wants e-mails when the state changes."),
    )
    kind_field = _field_choice(
        _("Kind field"),
        _(
            "A choice field with the values podnet, stiznost, informace, "
            "petice or jine. Without it every podnět is of kind podnet."
        ),
    )
    category_field = _field_choice(_("Category field"))
    honeypot_field = _field_choice(
        _("Honeypot field"),
        _(
            "A field hidden from people. A post that fills it is treated as "
            "spam: it gets a thank-you page but files nothing."
        ),
    )
    question_field = _field_choice(
        _("Anti-spam question field"),
        _(
            "Its label shows the question from the web form settings and "
            "the answer must be one of the accepted answers there."
        ),
    )
    show_reference_page = schema.Bool(
        title=_("Show the reference number page"),
        description=_(
            "After a successful post, show the page with the reference number "
            "and what happens next instead of the form's own thank-you page."
        ),
        default=True,
        required=False,
    )
