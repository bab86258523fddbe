"""Built-in texts of the citizen e-mails and the citizen names of states.

Each text is an i18n message whose Czech translation is the office's
default. The control panel stores an edited copy in the registry, and an
empty record means "use the built-in text in the site language".
"""

from urad.podnety import _


# Events that send a citizen e-mail: "filed" is the acknowledgement, the
# rest are the workflow transitions of the same id.
EVENTS = ("filed", "accept", "forward", "resolve", "close", "reject", "reopen")

EVENT_TITLES = {
    "filed": _("Acknowledgement of receipt"),
    "accept": _("Accepted for handling"),
    "forward": _("Passed on to another official"),
    "resolve": _("Resolved"),
    "close": _("Closed"),
    "reject": _("Cannot be handled by the office"),
    "reopen": _("Reopened"),
}

FOOTER = _(
    "You can follow your submission at any time on our status page: "
    "${status_url}\n"
    "Enter the reference number and this e-mail address there and we will "
    "send you a password.\n"
    "\n"
    "This message was sent automatically. If you reply to it, your reply "
    "will be added to your submission ${reference_number}.\n"
    "\n"
    "${office}"
)

SUBJECTS = {
    "filed": _("We received your submission ${reference_number}"),
    "accept": _("Your submission ${reference_number} is being handled"),
    "forward": _("Your submission ${reference_number} was passed on"),
    "resolve": _("Your submission ${reference_number} has been answered"),
    "close": _("Your submission ${reference_number} is closed"),
    "reject": _("Your submission ${reference_number}: why we cannot take it further"),
    "reopen": _("Your submission ${reference_number} is being handled again"),
}

BODIES = {
    "filed": _(
        "Dear Sir or Madam,\n"
        "\n"
        'on ${received} we received your submission "${subject}" and '
        "registered it under the reference number ${reference_number}. "
        "Please quote this number whenever you contact us about it.\n"
        "\n"
        "What happens next: a clerk will read your submission and pass it "
        "to the official responsible for the matter. We will let you know "
        "by e-mail when that happens."
    ),
    "accept": _(
        "Dear Sir or Madam,\n"
        "\n"
        'on ${date} your submission "${subject}" (${reference_number}) was '
        "given to the official who will deal with it.\n"
        "\n"
        "What happens next: the official will look into the matter and "
        "contact you if they need more information. We will write to you "
        "again as soon as there is an answer."
    ),
    "forward": _(
        "Dear Sir or Madam,\n"
        "\n"
        'on ${date} your submission "${subject}" (${reference_number}) was '
        "passed on to ${handler}, who is better placed to deal with it.\n"
        "\n"
        "What happens next: nothing changes for you. The reference number "
        "stays the same and we will write to you again as soon as there is "
        "an answer."
    ),
    "resolve": _(
        "Dear Sir or Madam,\n"
        "\n"
        'on ${date} we finished dealing with your submission "${subject}" '
        "(${reference_number}). Our answer:\n"
        "\n"
        "${resolution}\n"
        "\n"
        "If anything in the answer is unclear or you think something was "
        "missed, reply to this e-mail and we will get back to you."
    ),
    "close": _(
        "Dear Sir or Madam,\n"
        "\n"
        'on ${date} we closed your submission "${subject}" '
        "(${reference_number}). Thank you for letting us know.\n"
        "\n"
        "If the problem returns, reply to this e-mail or send us a new "
        "submission."
    ),
    "reject": _(
        "Dear Sir or Madam,\n"
        "\n"
        'we read your submission "${subject}" (${reference_number}) '
        "carefully. Our office cannot take it further, for this reason:\n"
        "\n"
        "${reason}\n"
        "\n"
        "If the reason names another authority, please turn to it directly. "
        "If you think we misunderstood your submission, reply to this e-mail "
        "and we will look at it again."
    ),
    "reopen": _(
        "Dear Sir or Madam,\n"
        "\n"
        'on ${date} we reopened your submission "${subject}" '
        "(${reference_number}) and are working on it again.\n"
        "\n"
        "What happens next: we will write to you as soon as there is a new "
        "answer."
    ),
}

# Names of the workflow states as citizens read them on the status page and
# in the ${state} placeholder. They describe what happens next, not the
# office's internal step.
STATE_TITLES = {
    "new": _("Received, waiting to be passed to an official"),
    "assigned": _("Being handled by the responsible official"),
    "resolved": _("Answered, see our reply"),
    "closed": _("Closed"),
    "rejected": _("Not taken further, see the reason and where to turn"),
}

CHANNEL_TITLES = {
    "web": _("Web form"),
    "email": _("E-mail"),
    "post": _("Letter"),
    "phone": _("Telephone"),
}

GENERIC_HANDLER = _("the responsible official")
