"""Vocabulary of the registered report kinds."""

from urad.podnety.reports.kinds.base import IReportKind
from zope.component import getUtilitiesFor
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


@provider(IVocabularyFactory)
def report_kinds(context):
    """Return the report kinds registered as IReportKind utilities."""
    return SimpleVocabulary(
        [
            SimpleTerm(name, name, kind.title)
            for name, kind in sorted(getUtilitiesFor(IReportKind))
        ]
    )
