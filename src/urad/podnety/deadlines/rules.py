"""Deadline rules per kind and phase and the deadlines they give, free of Plone."""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from urad.podnety.deadlines.calendar import WorkCalendar
from urad.podnety.deadlines.calendar import local_date


KINDS = ("podnet", "stiznost", "informace", "petice", "jine")
PHASES = ("accept", "resolve", "close")
PHASE_FIELDS = {
    "accept": "deadline_accept",
    "resolve": "deadline_resolve",
    "close": "deadline_close",
}
UNITS = ("working", "calendar")
SCOPES = ("category", "channel")


@dataclass(frozen=True)
class StatutoryRule:
    """A legal deadline in calendar days counted from delivery.

    `days` of 0 means the law sets no deadline. `extension_days` is the
    longest extension the law allows, announced before the deadline ends.
    """

    days: int = 0
    only_if_updates: bool = False
    extension_days: int = 0


@dataclass(frozen=True)
class PhaseRule:
    """An office milestone: `days` working or calendar days after a phase starts."""

    days: int
    unit: str = "working"


@dataclass(frozen=True)
class Override:
    """A phase rule that replaces the default for one category or channel."""

    scope: str
    value: str
    phase: str
    rule: PhaseRule


DEFAULT_STATUTORY = {
    "podnet": StatutoryRule(30, only_if_updates=True),
    "stiznost": StatutoryRule(60),
    "informace": StatutoryRule(15, extension_days=10),
    "petice": StatutoryRule(30),
    "jine": StatutoryRule(0),
}
DEFAULT_PHASES = {
    "accept": PhaseRule(2, "working"),
    "resolve": PhaseRule(20, "working"),
    "close": PhaseRule(5, "working"),
}


def parse_override(line):
    """Parse `category:odpady resolve 10 working` into an Override.

    Raise ValueError naming the part that is invalid.
    """
    parts = line.split()
    if len(parts) not in (3, 4):
        raise ValueError(
            f"expected 'scope:value phase days [working|calendar]', got {line!r}"
        )
    scope, _, value = parts[0].partition(":")
    if scope not in SCOPES or not value:
        raise ValueError(f"invalid scope {parts[0]!r}, use category:ID or channel:ID")
    if parts[1] not in PHASES:
        raise ValueError(f"invalid phase {parts[1]!r}, use one of {', '.join(PHASES)}")
    if not parts[2].isdigit():
        raise ValueError(f"invalid number of days {parts[2]!r}")
    unit = parts[3] if len(parts) == 4 else "working"
    if unit not in UNITS:
        raise ValueError(f"invalid unit {unit!r}, use working or calendar")
    return Override(scope, value, parts[1], PhaseRule(int(parts[2]), unit))


@dataclass
class DeadlineRules:
    """Everything needed to compute a podnět's deadlines."""

    statutory: dict = field(default_factory=lambda: dict(DEFAULT_STATUTORY))
    phases: dict = field(default_factory=lambda: dict(DEFAULT_PHASES))
    overrides: tuple = ()
    closure_days: frozenset = frozenset()

    def __post_init__(self):
        self.calendar = WorkCalendar(self.closure_days)

    def phase_rule(self, phase, category=None, channel=None):
        """Return the rule for a phase: category beats channel beats default."""
        for scope, value in (("category", category), ("channel", channel)):
            for override in self.overrides:
                if (override.scope, override.value, override.phase) == (
                    scope,
                    value,
                    phase,
                ):
                    return override.rule
        return self.phases.get(phase)

    def statutory_rule(self, kind, wants_updates=True):
        """Return the kind's legal rule, or None when no legal deadline applies."""
        rule = self.statutory.get(kind)
        if rule is None or rule.days <= 0:
            return None
        if rule.only_if_updates and not wants_updates:
            return None
        return rule

    def statutory_deadline(self, kind, received, wants_updates=True, extension=0):
        """Return the legal deadline for a kind, or None when there is none."""
        rule = self.statutory_rule(kind, wants_updates)
        if rule is None or received is None:
            return None
        return self.calendar.statutory_deadline(received, rule.days + extension)

    def office_deadline(self, phase, start, category=None, channel=None):
        """Return the office milestone of a phase that starts on `start`."""
        rule = self.phase_rule(phase, category, channel)
        if rule is None or rule.days <= 0 or start is None:
            return None
        if rule.unit == "calendar":
            return self.calendar.add_calendar_days(start, rule.days)
        return self.calendar.add_working_days(start, rule.days)


@dataclass(frozen=True)
class PodnetFacts:
    """What deadlines depend on: a plain copy of a podnět's fields."""

    received: object
    kind: str = "jine"
    category: str = None
    channel: str = None
    wants_updates: bool = False
    statutory_extension: int = 0


def _earliest(*days):
    known = [day for day in days if isinstance(day, date)]
    return min(known) if known else None


def deadlines_for_phase(rules, phase, entered, facts):
    """Return the deadline fields to set when a podnět enters `phase`.

    Entering "accept" (filing) sets the accept milestone and the legal
    deadline as the resolve deadline. Entering "resolve" sets the earlier of
    the office milestone and the legal deadline, so an office rule can only
    bring the legal deadline forward. Entering "close" sets the close milestone.
    """
    if phase not in PHASES:
        raise ValueError(f"invalid phase {phase!r}")
    entered = local_date(entered)
    statutory = rules.statutory_deadline(
        facts.kind, facts.received, facts.wants_updates, facts.statutory_extension
    )
    if phase == "accept":
        office = rules.office_deadline(
            "accept", facts.received, facts.category, facts.channel
        )
        return {"deadline_accept": office, "deadline_resolve": statutory}
    if phase == "resolve":
        office = rules.office_deadline(
            "resolve", entered, facts.category, facts.channel
        )
        return {"deadline_resolve": _earliest(office, statutory)}
    office = rules.office_deadline("close", entered, facts.category, facts.channel)
    return {"deadline_close": office}
