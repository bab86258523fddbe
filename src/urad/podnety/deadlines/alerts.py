"""Daily deadline reminders to assignees and an overdue digest to supervisors."""

from datetime import timedelta
from plone import api
from plone.contentrules.engine.interfaces import IRuleStorage
from urad.podnety import _
from urad.podnety.deadlines import settings
from urad.podnety.deadlines import storage
from urad.podnety.deadlines.contentrules.events import LOOKAHEAD_DAYS
from urad.podnety.deadlines.contentrules.events import IPodnetDeadlineCheck
from urad.podnety.deadlines.contentrules.events import fire_checks
from urad.podnety.deadlines.mailing import group_emails
from urad.podnety.deadlines.mailing import link_of
from urad.podnety.deadlines.mailing import translator
from urad.podnety.deadlines.mailing import user_email
from urad.podnety.deadlines.phases import phase_deadlines
from urad.podnety.deadlines.phases import value
from urad.podnety.notifications.mailer import send_mail
from urad.podnety.workflow import config
from zope.component import queryUtility

import logging


logger = logging.getLogger(__name__)

CONFIDENTIAL = _("(confidential)")
PHASE_LABELS = {
    "accept": _("accept by"),
    "resolve": _("resolve by"),
    "close": _("close by"),
}
STATES = sorted(config.OPEN_STATES | {config.STATE_RESOLVED})


def rules_listen():
    """Tell whether an active content rule triggers on the deadline check."""
    storage = queryUtility(IRuleStorage)
    if storage is None or not storage.active:
        return False
    return any(
        rule.enabled and rule.event == IPodnetDeadlineCheck for rule in storage.values()
    )


def _candidates(catalog, upper):
    """Return brains with any phase deadline up to `upper`, each once."""
    seen = {}
    for index in ("deadline_accept", "deadline_resolve", "deadline_close"):
        for brain in catalog.unrestrictedSearchResults(
            portal_type="Podnet",
            review_state=STATES,
            **{index: {"query": upper, "range": "max"}},
        ):
            seen.setdefault(brain.getRID(), brain)
    return list(seen.values())


def collect(today, reminder_days, rules):
    """Return (reminders, overdue) items not alerted yet, and mark them alerted.

    An item is (brain, phase, deadline). A reminder is due from `reminder_days`
    working days before the deadline up to the deadline; an overdue notice
    from the day after it. After downtime, missed alerts are sent once.
    """
    catalog = api.portal.get_tool("portal_catalog")
    calendar = rules.calendar
    upper = calendar.add_working_days(today, reminder_days)
    reminders, overdue = [], []
    for brain in _candidates(catalog, upper):
        for phase, deadline in phase_deadlines(brain):
            if deadline < today:
                kind, target = "overdue", overdue
            elif calendar.add_working_days(deadline, -reminder_days) <= today:
                kind, target = "reminder", reminders
            else:
                continue
            podnet = brain._unrestrictedGetObject()
            alerts = storage.state(podnet)["alerts"]
            key = f"{kind}:{phase}:{deadline.isoformat()}"
            if key in alerts:
                continue
            alerts[key] = today.isoformat()
            target.append((brain, phase, deadline))
    return reminders, overdue


def _line(brain, phase, deadline, translate):
    return "{ref} – {title}\n  {label} {day:%d. %m. %Y}\n  {url}".format(
        ref=value(brain, "reference_number") or "",
        title=(
            translate(CONFIDENTIAL)
            if value(brain, "confidential")
            else value(brain, "Title") or ""
        ),
        label=translate(PHASE_LABELS[phase]),
        day=deadline,
        url=link_of(brain),
    )


def _assignee_emails(brain):
    email = user_email(value(brain, "assignee"))
    if email:
        return [email]
    # Without an assignee the clerks, who triage new podněty, get the alert.
    return group_emails(config.CLERKS_GROUP)


def send_to_assignees(reminders, overdue, translate):
    """Send each assignee one mail with their reminders and overdue notices."""
    mails = {}
    for items, heading in (
        (reminders, _("Deadlines coming up:")),
        (overdue, _("Deadlines passed:")),
    ):
        for brain, phase, deadline in items:
            for email in _assignee_emails(brain):
                sections = mails.setdefault(email, {})
                sections.setdefault(heading, []).append(
                    _line(brain, phase, deadline, translate)
                )
    for email, sections in mails.items():
        text = "\n\n".join(
            translate(heading) + "\n\n" + "\n\n".join(lines)
            for heading, lines in sections.items()
        )
        count = sum(len(lines) for lines in sections.values())
        subject = translate(
            _(
                "Podněty: ${count} deadlines need your attention",
                mapping={"count": count},
            )
        )
        send_mail(email, subject, text)
    return len(mails)


def send_digest(group_id, today, overdue_today, translate):
    """Send the supervisors one digest of everything overdue, if anything is."""
    catalog = api.portal.get_tool("portal_catalog")
    all_overdue = []
    for brain in _candidates(catalog, today):
        for phase, deadline in phase_deadlines(brain):
            if deadline < today:
                all_overdue.append((brain, phase, deadline))
    recipients = group_emails(group_id)
    if not all_overdue or not recipients:
        return 0

    all_overdue.sort(key=lambda item: (item[2], value(item[0], "reference_number")))
    new_keys = {(brain.getRID(), phase) for brain, phase, _day in overdue_today}
    lines = [
        ("* " if (brain.getRID(), phase) in new_keys else "  ")
        + _line(brain, phase, deadline, translate)
        for brain, phase, deadline in all_overdue
    ]

    text = (
        translate(
            _(
                "Overdue deadlines on ${today}: ${count}, of which ${new} are new "
                "(marked *).",
                mapping={
                    "today": f"{today:%d. %m. %Y}",
                    "count": len(all_overdue),
                    "new": len(new_keys),
                },
            )
        )
        + "\n\n"
        + "\n\n".join(lines)
    )
    subject = translate(
        _("Podněty: ${count} overdue deadlines", mapping={"count": len(all_overdue)})
    )
    send_mail(recipients, subject, text)
    return len(recipients)


def fire_rule_checks(today):
    """Let content rules see podněty with a deadline near or past; return how many."""
    if not rules_listen():
        return 0
    catalog = api.portal.get_tool("portal_catalog")
    upper = today + timedelta(days=LOOKAHEAD_DAYS)
    items = []
    for brain in _candidates(catalog, upper):
        for phase, deadline in phase_deadlines(brain):
            items.append((brain._unrestrictedGetObject(), phase, deadline))
    return fire_checks(items, today)


def send_alerts(today, reminder_days, group_id):
    """Send the alerts of `today` and return a summary."""
    translate = translator()
    rules = settings.load_rules()
    reminders, overdue = collect(today, reminder_days, rules)
    checks = fire_rule_checks(today)
    assignees = send_to_assignees(reminders, overdue, translate)
    supervisors = send_digest(group_id, today, overdue, translate)
    logger.info(
        "Deadline alerts for %s: %s reminders, %s overdue, %s mails to assignees",
        today,
        len(reminders),
        len(overdue),
        assignees,
    )
    return {
        "day": today.isoformat(),
        "reminders": len(reminders),
        "overdue": len(overdue),
        "assignee_mails": assignees,
        "digest_recipients": supervisors,
        "rule_checks": checks,
    }
