"""Labelled rows of the details of a podnět's history entries for clerks.

The keys are those that `urad.podnety.content.history.record` callers pass
(mailer, workflow subscribers, deadlines, privacy, intake duplicates and
replies) and the assignees of workflow steps.
"""

from urad.podnety import _
from urad.podnety.browser.detail_rows import DetailFormatter
from urad.podnety.browser.detail_rows import Field
from urad.podnety.content.podnet import IPodnet
from urad.podnety.deadlines.contentrules.templates import STAFF_TEMPLATES
from urad.podnety.notifications.defaults import EVENT_TITLES


PHASES = {
    "accept": _("acceptance"),
    "resolve": _("handling"),
    "close": _("closing"),
}
MAIL_TEMPLATES = {
    "assignee": _("Notice to the responsible official"),
    "status-password": _("Password for the status page"),
}
# Workflow transitions are titled as commands for the menu, so the history
# shows these past-tense event titles of the same transitions instead.
TRANSITION_EVENTS = {
    "accept": _("Accepted and assigned"),
    "reject": _("Closed as unjustified"),
    "forward": _("Handed on"),
    "resolve": _("Resolved"),
    "close": _("Closed"),
    "reopen": _("Reopened"),
}
# Content rules record their mail template as "rule:<template name>".
RULE_TEMPLATE_PREFIX = "rule:"

# A key written as "<action>.<key>" applies to that action only.
FIELDS = {
    # E-mail sent
    "to": Field(_("Recipient")),
    "subject": Field(_("Subject")),
    "template": Field(_("Mail template"), "template"),
    # Responsible official
    "assignee": Field(_("Responsible official"), "user"),
    "previous_assignee": Field(_("Previous responsible official"), "user"),
    # Details changed
    "fields": Field(_("Changed fields"), "fields"),
    "confidential": Field(_("Confidential"), "bool"),
    # Deadlines
    "phase": Field(_("Phase"), "choice", choices=PHASES),
    "deadline_accept": Field(_("Accept by"), "date"),
    "deadline_resolve": Field(_("Resolve by"), "date"),
    "deadline_close": Field(_("Close by"), "date"),
    "previous": Field(_("Previous deadline"), "date"),
    "deadline": Field(_("New deadline"), "date"),
    "legal_extension_days": Field(_("Days of legal extension"), "nonzero"),
    # Personal data pseudonymised
    "pseudonymised.fields": Field(_("Personal data replaced"), "fields"),
    "files_removed": Field(_("Files removed")),
    "reason": Field(_("Reason")),
    "time": Field(_("Pseudonymised at"), "time", technical=True),
    # Exported for the records system
    "size": Field(_("Size"), "size"),
    # Copies delivered again and citizens' replies
    "file_name": Field(_("Scanned file")),
    "delivery": Field(_("Delivered as"), technical=True),
    "message_id": Field(_("Message-ID"), technical=True),
    "source_key": Field(_("Delivery key"), technical=True),
}


def history_rows(entry, translate, fullname, decimal_format=None):
    """Build the rows of an entry's details as ``{"main": rows, "technical": rows}``.

    A row is a dict with ``label`` and ``value`` strings, in the order of
    `FIELDS`, with unknown keys last. A value equal to the entry's comment is
    left out because the history shows the comment beside it. `fullname`
    turns a user id into the user's full name.
    """
    formatter = HistoryFormatter(FIELDS, translate, decimal_format, fullname)
    action = entry.get("action") or ""
    comment = (entry.get("comment") or "").strip()
    found = []
    for key, value in (entry.get("details") or {}).items():
        if comment and isinstance(value, str) and value.strip() == comment:
            continue
        scoped = f"{action}.{key}"
        field_key = scoped if scoped in FIELDS else str(key)
        found.append(formatter.row(str(key), value, field_key))
    return formatter.split(found)


class HistoryFormatter(DetailFormatter):
    """Format history values: users by name, field names by their titles."""

    def __init__(self, fields, translate, decimal_format, fullname):
        super().__init__(fields, translate, decimal_format)
        self.fullname = fullname

    def format_user(self, user_id):
        return self.fullname(user_id) if isinstance(user_id, str) else None

    def format_nonzero(self, value):
        """Return nothing for 0, so a count of no days leaves out its row."""
        return "" if value == 0 else None

    def format_fields(self, value):
        """Return the titles of podnět fields given as a list or joined by commas."""
        names = value.split(",") if isinstance(value, str) else value
        if not isinstance(names, list | tuple):
            return None
        titles = [self._field_title(str(name).strip()) for name in names]
        return ", ".join(title for title in titles if title)

    def format_template(self, value):
        if not isinstance(value, str):
            return None
        if value.startswith(RULE_TEMPLATE_PREFIX):
            title = self._template_title(value.removeprefix(RULE_TEMPLATE_PREFIX))
            return self.translate(
                _("${template} (content rule)", mapping={"template": title})
            )
        return self._template_title(value)

    def _template_title(self, name):
        title = EVENT_TITLES.get(name) or MAIL_TEMPLATES.get(name)
        if title is None and name in STAFF_TEMPLATES:
            title = STAFF_TEMPLATES[name][0]
        return self.translate(title) if title is not None else name

    def _field_title(self, name):
        field = IPodnet.get(name)
        if field is None or not getattr(field, "title", None):
            return name
        return self.translate(field.title)
