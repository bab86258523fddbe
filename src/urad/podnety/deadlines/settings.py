"""Deadline rules and alert settings read from the registry."""

from datetime import UTC
from datetime import date
from datetime import datetime
from functools import lru_cache
from plone.registry.interfaces import IRegistry
from urad.podnety.deadlines.calendar import local_date
from urad.podnety.deadlines.interfaces import IDeadlineSettings
from urad.podnety.deadlines.rules import KINDS
from urad.podnety.deadlines.rules import PHASES
from urad.podnety.deadlines.rules import DeadlineRules
from urad.podnety.deadlines.rules import PhaseRule
from urad.podnety.deadlines.rules import StatutoryRule
from urad.podnety.deadlines.rules import parse_override
from zope.component import getUtility

import logging


logger = logging.getLogger(__name__)
PREFIX = "urad.podnety.deadlines"


def get_settings():
    """Return the settings proxy, or None before the records are installed."""
    registry = getUtility(IRegistry)
    try:
        return registry.forInterface(IDeadlineSettings, prefix=PREFIX)
    except KeyError:
        return None


def _setting(settings, name):
    if settings is None:
        return IDeadlineSettings[name].default
    return getattr(settings, name)


# The registry records the deadline rules are built from.
LIST_FIELDS = ("overrides", "closure_days")
RULE_FIELDS = (
    *(f"days_{kind}" for kind in KINDS),
    "podnet_only_if_updates",
    "informace_extension_days",
    *(f"{phase}_{part}" for phase in PHASES for part in ("days", "unit")),
    *LIST_FIELDS,
)


def _rule_values():
    """Return the registry values of RULE_FIELDS as a hashable tuple.

    A record that is not installed yet counts with its schema default.
    """
    registry = getUtility(IRegistry)
    values = []
    for name in RULE_FIELDS:
        value = registry.get(f"{PREFIX}.{name}", IDeadlineSettings[name].default)
        values.append(tuple(value or ()) if name in LIST_FIELDS else value)
    return tuple(values)


def load_rules():
    """Return the DeadlineRules of the site.

    The rules, with their working-day calendar, are cached per process keyed
    on the registry values, so a change made through the web applies to the
    next computation. Callers must not modify the returned rules.
    """
    return _rules_from(_rule_values())


@lru_cache(maxsize=16)
def _rules_from(values):
    """Build DeadlineRules from the values of RULE_FIELDS.

    An invalid override or closure day (possible only by editing the registry
    directly) is skipped with a warning so that filing never fails on it.
    """
    setting = dict(zip(RULE_FIELDS, values, strict=True)).get
    statutory = {}
    for kind in KINDS:
        statutory[kind] = StatutoryRule(
            days=setting(f"days_{kind}") or 0,
            only_if_updates=kind == "podnet"
            and bool(setting("podnet_only_if_updates")),
            extension_days=(
                setting("informace_extension_days") or 0 if kind == "informace" else 0
            ),
        )
    phases = {
        phase: PhaseRule(
            setting(f"{phase}_days") or 0, setting(f"{phase}_unit") or "working"
        )
        for phase in PHASES
    }
    overrides = []
    for line in setting("overrides") or ():
        try:
            overrides.append(parse_override(line))
        except ValueError as error:
            logger.warning("Skipping deadline override %r: %s", line, error)
    closures = set()
    for line in setting("closure_days") or ():
        try:
            closures.add(date.fromisoformat(line.strip()))
        except ValueError:
            logger.warning("Skipping invalid closure day %r", line)
    return DeadlineRules(statutory, phases, tuple(overrides), frozenset(closures))


def alert_settings():
    """Return (enabled, reminder working days, hour, supervisors group)."""
    settings = get_settings()
    return (
        bool(_setting(settings, "alerts_enabled")),
        _setting(settings, "reminder_days") or 0,
        _setting(settings, "alert_hour") or 0,
        _setting(settings, "supervisors_group") or "",
    )


def now():
    """Return the current time; tests replace it to simulate other days."""
    return datetime.now(UTC)


def today():
    """Return today's date in Europe/Prague."""
    return local_date(now())
