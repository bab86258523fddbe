"""Decide who the citizen of a message is: sender, Reply-To or a forwarded original."""

from urad.podnety.intake.email.forwarding import find_inline_forward
from urad.podnety.intake.email.headers import addresses
from urad.podnety.intake.email.headers import first_address
from urad.podnety.intake.email.headers import has_forward_prefix
from urad.podnety.intake.email.headers import header_text
from urad.podnety.intake.email.headers import is_no_reply
from urad.podnety.intake.email.headers import strip_reply_prefixes


# Free mail services common in Czechia, whose users are citizens, not officials.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "seznam.cz",
        "email.cz",
        "post.cz",
        "spoluzaci.cz",
        "centrum.cz",
        "atlas.cz",
        "volny.cz",
        "tiscali.cz",
        "quick.cz",
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "outlook.cz",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "proton.me",
        "protonmail.com",
    }
)


def domain_of(address: str) -> str:
    """Return the lower-case domain of an e-mail address."""
    return address.rpartition("@")[2].lower()


def office_domains(message, internal_domains: tuple) -> set[str]:
    """Return the configured office domains, or the recipients' domains.

    Public mail services never count as office domains by default: a small
    municipality's mailbox on seznam.cz shares its domain with its citizens.
    """
    if internal_domains:
        return {domain.lower().lstrip("@") for domain in internal_domains}
    recipients = []
    for name in ("To", "Delivered-To", "X-Original-To"):
        recipients.extend(address for _, address in addresses(message, name))
    return {domain_of(address) for address in recipients} - PUBLIC_MAIL_DOMAINS


def choose_citizen(
    message, sender_email: str, internal_domains: tuple
) -> tuple[str, str]:
    """Choose From, or Reply-To when From is a robot or the office's own form."""
    sender = first_address(message, "From")
    reply = first_address(message, "Reply-To")
    if not reply[1] or reply[1] == sender_email:
        return sender
    office = domain_of(sender_email) in office_domains(message, internal_domains)
    if not sender_email or is_no_reply(sender_email) or office:
        return reply
    return sender


def find_forward(message, content, text, sender_email, internal_domains) -> dict | None:
    """Return the original of a message an official forwarded, or None."""
    if not sender_email:
        return None
    if domain_of(sender_email) not in office_domains(message, internal_domains):
        return None
    subject = header_text(message, "Subject")
    if content.messages and (has_forward_prefix(subject) or len(text) < 2000):
        inner = content.messages[0]
        name, email = choose_citizen(
            inner.message, first_address(inner.message, "From")[1], internal_domains
        )
        if email:
            return {
                "name": name,
                "email": email,
                "subject": header_text(inner.message, "Subject"),
                "date_header": header_text(inner.message, "Date"),
                "text": inner.content.body_text(),
                "note": text,
            }
    inline = find_inline_forward(text)
    if inline is None or domain_of(inline.email) in office_domains(
        message, internal_domains
    ):
        return None
    return {
        "name": inline.name,
        "email": inline.email,
        "subject": strip_reply_prefixes(inline.subject)
        or strip_reply_prefixes(subject),
        "date_header": inline.date_header,
        "text": inline.text,
        "note": inline.note,
    }
