"""Workflow ids the add-on reacts to, kept in one place.

Webmasters may retitle states, change guards or add states through the web;
the code only relies on the ids below.
"""

WORKFLOW_ID = "podnet_workflow"

STATE_NEW = "new"
STATE_ASSIGNED = "assigned"
STATE_RESOLVED = "resolved"
STATE_CLOSED = "closed"
STATE_REJECTED = "rejected"

ACCEPT = "accept"
REJECT = "reject"
FORWARD = "forward"
RESOLVE = "resolve"
CLOSE = "close"
REOPEN = "reopen"

# Transitions that hand the podnět to the official named in `assignee`.
ASSIGNING_TRANSITIONS = frozenset({ACCEPT, FORWARD})
# Transitions a clerk cannot perform without a comment stating the reason.
COMMENT_REQUIRED = frozenset({REJECT, FORWARD})
# States in which the podnět is still being handled.
OPEN_STATES = frozenset({STATE_NEW, STATE_ASSIGNED})
FINISHED_STATES = frozenset({STATE_RESOLVED, STATE_CLOSED, STATE_REJECTED})

# Roles and the groups that carry them on the register folder.
CLERK_ROLE = "PodnetyClerk"
OFFICIAL_ROLE = "PodnetyOfficial"
ASSIGNEE_ROLE = "PodnetyAssignee"
SUPERVISOR_ROLE = "PodnetySupervisor"
RULES_EDITOR_ROLE = "PodnetyRulesEditor"
CLERKS_GROUP = "podnety-clerks"
OFFICIALS_GROUP = "podnety-officials"
SUPERVISORS_GROUP = "podnety-supervisors"
