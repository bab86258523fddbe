"""E-mail templates the content-rule action can send, with their texts."""

from urad.podnety import _
from urad.podnety.deadlines.mailing import translator
from urad.podnety.notifications.defaults import EVENT_TITLES
from urad.podnety.notifications.settings import effective_template
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


# Templates for staff; ${date} is the deadline.
STAFF_TEMPLATES = {
    "deadline-due": (
        _("Deadline coming up"),
        _("Podnět ${reference_number}: deadline on ${date}"),
        _(
            'The deadline of podnět ${reference_number} "${subject}" ends on '
            "${date}. Current state: ${state}. Responsible official: ${handler}."
        ),
    ),
    "deadline-passed": (
        _("Deadline passed"),
        _("Podnět ${reference_number}: deadline passed on ${date}"),
        _(
            'The deadline of podnět ${reference_number} "${subject}" passed on '
            "${date}. Current state: ${state}. Responsible official: ${handler}."
        ),
    ),
}


def template_texts(name):
    """Return (subject, body) of a staff template or of a citizen template."""
    if name in STAFF_TEMPLATES:
        translate = translator()
        _title, subject, body = STAFF_TEMPLATES[name]
        return translate(subject), translate(body)
    return effective_template(name)


@provider(IVocabularyFactory)
def mail_templates(context):
    """Return the staff templates and the citizen e-mail templates."""
    terms = [
        SimpleTerm(name, name, title)
        for name, (title, _s, _b) in STAFF_TEMPLATES.items()
    ]
    terms += [
        SimpleTerm(event, f"citizen-{event}", title)
        for event, title in EVENT_TITLES.items()
    ]
    return SimpleVocabulary(terms)
