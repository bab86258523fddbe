"""The Czech texts of citizen e-mails keep every placeholder of the original."""

from pathlib import Path
from urad.podnety.notifications import defaults
from urad.podnety.notifications.templates import check_template

import re


FRAGMENT = (
    Path(__file__).parents[2]
    / "src"
    / "urad"
    / "podnety"
    / "locales"
    / "fragments"
    / "citizens.po"
)
ENTRY = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', re.M)
PLACEHOLDER = re.compile(r"\$\{(\w+)\}")


def _unquote(block):
    parts = re.findall(r'"(.*)"', block)
    return "".join(parts).replace('\\"', '"').replace("\\n", "\n")


def _catalog():
    text = FRAGMENT.read_text(encoding="utf-8")
    return {_unquote(m.group(1)): _unquote(m.group(2)) for m in ENTRY.finditer(text)}


class TestCzechTexts:
    def test_every_template_translated(self):
        """Each built-in subject and body has a Czech translation."""
        catalog = _catalog()
        messages = list(defaults.SUBJECTS.values()) + list(defaults.BODIES.values())
        for message in messages + [defaults.FOOTER]:
            assert catalog.get(str(message)), str(message)[:60]

    def test_placeholders_kept(self):
        """A translation uses exactly the placeholders of its English text."""
        for msgid, msgstr in _catalog().items():
            expected = set(PLACEHOLDER.findall(msgid))
            assert set(PLACEHOLDER.findall(msgstr)) == expected, msgid[:60]

    def test_czech_templates_valid(self):
        """The Czech e-mail templates pass the control panel's validation."""
        catalog = _catalog()
        for event in defaults.EVENTS:
            check_template(catalog[str(defaults.SUBJECTS[event])], single_line=True)
            body = catalog[str(defaults.BODIES[event])]
            check_template(f"{body}\n\n{catalog[str(defaults.FOOTER)]}")
