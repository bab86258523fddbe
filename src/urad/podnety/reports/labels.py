"""Titles of channels, categories, states and officials for report cells."""

from plone import api
from urad.podnety.content.vocabularies import CHANNELS
from urad.podnety.content.vocabularies import staff_names
from urad.podnety.deadlines.mailing import translator
from zope.component import getUtility
from zope.interface.interfaces import ComponentLookupError
from zope.schema.interfaces import IVocabularyFactory


def _vocabulary_titles(name, portal):
    try:
        vocabulary = getUtility(IVocabularyFactory, name=name)(portal)
    except ComponentLookupError:
        return {}
    return {term.value: term.title or term.value for term in vocabulary}


def labels(portal):
    """Return {vocabulary: {id: title}} translated into the site language."""
    translate = translator()
    workflow = api.portal.get_tool("portal_workflow").getWorkflowById("podnet_workflow")
    states = {}
    if workflow is not None:
        states = {
            state_id: translate(state.title or state_id)
            for state_id, state in workflow.states.objectItems()
        }
    return {
        "channel": {key: translate(title) for key, title in CHANNELS.items()},
        "category": _vocabulary_titles("urad.podnety.Categories", portal),
        "assignee": staff_names(),
        "review_state": states,
    }
