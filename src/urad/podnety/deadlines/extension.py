"""Checks for extending a deadline, free of Plone."""

from urad.podnety import _
from urad.podnety.deadlines.rules import PHASES
from zope.i18n import interpolate


class ExtensionNotAllowed(ValueError):
    """An extension the law or the office rules do not allow.

    The first argument is an i18n message with its mapping.
    """

    def __str__(self):
        message = self.args[0]
        return interpolate(str(message), getattr(message, "mapping", None) or {})


def check_extension(rules, facts, phase, current, new, today, extended_before=0):
    """Validate moving a phase deadline from `current` to `new`.

    Office milestones may move freely. The resolve deadline may pass the
    legal deadline only where the law allows an extension (information
    requests under §14(7) of Act 106/1999 Coll.: at most the kind's
    `extension_days`, once, announced before the legal deadline ends).
    Return the number of days the legal deadline is extended by (0 if the new
    date stays within it). Raise ExtensionNotAllowed with the reason otherwise.
    """
    if phase not in PHASES:
        raise ExtensionNotAllowed(
            _("Invalid phase ${phase}.", mapping={"phase": phase})
        )
    if current is not None and new <= current:
        raise ExtensionNotAllowed(
            _(
                "The new deadline ${new} is not later than the current one ${current}.",
                mapping={"new": new.isoformat(), "current": current.isoformat()},
            )
        )
    if phase != "resolve":
        return 0
    rule = rules.statutory_rule(facts.kind, facts.wants_updates)
    if rule is None:
        return 0
    legal = rules.statutory_deadline(
        facts.kind, facts.received, facts.wants_updates, extended_before
    )
    if new <= legal:
        return 0
    if not rule.extension_days:
        raise ExtensionNotAllowed(
            _(
                "The law sets a fixed deadline of ${days} days for this kind, "
                "ending on ${legal}.",
                mapping={"days": rule.days, "legal": legal.isoformat()},
            )
        )
    if extended_before:
        raise ExtensionNotAllowed(_("The legal deadline has already been extended."))
    if today > legal:
        raise ExtensionNotAllowed(
            _(
                "An extension must be announced before the deadline ends on ${legal}.",
                mapping={"legal": legal.isoformat()},
            )
        )
    for extra in range(1, rule.extension_days + 1):
        if (
            rules.statutory_deadline(
                facts.kind, facts.received, facts.wants_updates, extra
            )
            >= new
        ):
            return extra
    longest = rules.statutory_deadline(
        facts.kind, facts.received, facts.wants_updates, rule.extension_days
    )
    raise ExtensionNotAllowed(
        _(
            "The law allows at most ${days} more days, until ${longest}.",
            mapping={"days": rule.extension_days, "longest": longest.isoformat()},
        )
    )
