"""Report definitions in the registry and the day each last ran for."""

from persistent.mapping import PersistentMapping
from plone.registry.interfaces import IRegistry
from urad.podnety.deadlines.schedule import Schedule
from urad.podnety.reports.interfaces import COLLECTION_PREFIX
from urad.podnety.reports.interfaces import IReportDefinition
from urad.podnety.reports.kinds.base import Definition
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility

import re
import unicodedata


STATE_KEY = "urad.podnety.reports.last-run"


def collection():
    """Return the registry collection of definitions, keyed by definition id."""
    registry = getUtility(IRegistry)
    return registry.collectionOfInterface(
        IReportDefinition, prefix=COLLECTION_PREFIX, check=False
    )


def definition_ids():
    return sorted(collection().keys())


def get(definition_id):
    """Return the registry proxy of a definition; raise KeyError if missing."""
    definitions = collection()
    if definition_id not in definitions.keys():
        raise KeyError(definition_id)
    return definitions[definition_id]


def new_id(title):
    """Return a free definition id made from a title."""
    # Czech letters lose their accents ("Týdenní" becomes "tydenni").
    ascii_title = (
        unicodedata.normalize("NFKD", title or "report")
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    base = base[:40] or "report"
    existing = set(definition_ids())
    candidate, number = base, 2
    while candidate in existing:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def as_definition(proxy):
    """Copy a registry proxy into the plain Definition the report kinds use."""
    return Definition(
        title=proxy.title or "",
        kind=proxy.kind,
        recipients=tuple(proxy.recipients or ()),
        categories=tuple(proxy.categories or ()),
        channels=tuple(proxy.channels or ()),
        events=tuple(proxy.events or ()),
        min_age_days=proxy.min_age_days if proxy.min_age_days is not None else 30,
    )


def schedule_of(proxy):
    return Schedule(
        frequency=proxy.frequency or "monthly",
        hour=proxy.hour or 0,
        weekday=proxy.weekday or 0,
        day=proxy.day or 1,
    )


def run_state(portal):
    """Return {definition id: last day it ran for} stored on the site."""
    annotations = IAnnotations(portal)
    if STATE_KEY not in annotations:
        annotations[STATE_KEY] = PersistentMapping()
    return annotations[STATE_KEY]
