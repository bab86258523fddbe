"""Vocabularies of the podnět's choice fields."""

from plone import api
from urad.podnety import _
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


CHANNELS = {
    "web": _("Web form"),
    "email": _("E-mail"),
    "post": _("Letter"),
    "phone": _("Phone"),
}

KINDS = {
    "podnet": _("Suggestion (§ 42 Administrative Procedure Code)"),
    "stiznost": _("Complaint (§ 175 Administrative Procedure Code)"),
    "informace": _("Information request (Act 106/1999)"),
    "petice": _("Petition"),
    "jine": _("Other"),
}


def _simple(items):
    return SimpleVocabulary(
        [SimpleTerm(value, value, title) for value, title in items.items()]
    )


@provider(IVocabularyFactory)
def channels(context):
    """Return the intake channels."""
    return _simple(CHANNELS)


@provider(IVocabularyFactory)
def kinds(context):
    """Return the legal kinds of a podnět."""
    return _simple(KINDS)


@provider(IVocabularyFactory)
def categories(context):
    """Return the categories webmasters keep in the register settings."""
    values = api.portal.get_registry_record(
        "urad.podnety.register.categories", default=[]
    ) or []
    terms = []
    for line in values:
        value, _sep, title = line.partition("|")
        value = value.strip()
        if value:
            terms.append(SimpleTerm(value, value, (title or value).strip()))
    return SimpleVocabulary(terms)


def staff_names():
    """Return {user id: full name} of everyone in the register's groups.

    For trusted code such as reports; the `officials` vocabulary adds the
    permission check that web clients need.
    """
    from urad.podnety.workflow.config import CLERKS_GROUP
    from urad.podnety.workflow.config import OFFICIALS_GROUP
    from urad.podnety.workflow.config import SUPERVISORS_GROUP

    names = {}
    for group_id in (OFFICIALS_GROUP, CLERKS_GROUP, SUPERVISORS_GROUP):
        group = api.group.get(groupname=group_id)
        if group is None:
            continue
        for user in api.user.get_users(group=group):
            user_id = user.getId()
            names[user_id] = user.getProperty("fullname") or user_id
    return names


@provider(IVocabularyFactory)
def officials(context):
    """Return the users who can be made responsible for a podnět.

    Only people who can open the register get the list, so that anonymous
    visitors cannot read staff logins through ``@vocabularies``.
    """
    from urad.podnety.setuphandlers import get_register

    if not api.user.has_permission("View", obj=get_register()):
        return SimpleVocabulary([])
    terms = [
        SimpleTerm(user_id, user_id, title)
        for user_id, title in sorted(
            staff_names().items(), key=lambda item: item[1].lower()
        )
    ]
    return SimpleVocabulary(terms)
