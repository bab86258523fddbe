"""Tests for rendering and validating citizen e-mail templates."""

from urad.podnety.notifications.templates import TemplateError
from urad.podnety.notifications.templates import check_template
from urad.podnety.notifications.templates import render_mail

import pytest


VALUES = {
    "reference_number": "PDN-2026-00042",
    "subject": "Výtluk v ulici Křižíkova",
    "state": "V řešení",
    "date": "4. 12. 2026",
    "status_url": "http://localhost:8080/urad/stav-podnetu",
}


class TestCheckTemplate:
    @pytest.mark.parametrize(
        "text",
        ["", "   ", "Cena ${", "Cena $ 100", "Hello ${nonsense}", "${1abc}"],
    )
    def test_broken_templates(self, text):
        """Empty, malformed and unknown placeholders are rejected."""
        with pytest.raises(TemplateError):
            check_template(text)

    def test_unknown_placeholder_named(self):
        """The error names the unknown placeholder and the allowed ones."""
        with pytest.raises(TemplateError) as info:
            check_template("Číslo ${cislo}")
        mapping = info.value.args[0].mapping
        assert mapping["unknown"] == "${cislo}"
        assert "${reference_number}" in mapping["allowed"]

    def test_subject_single_line(self):
        """A subject template with a line break is rejected."""
        with pytest.raises(TemplateError):
            check_template("Podnět\n${reference_number}", single_line=True)

    def test_valid(self):
        """A template with known placeholders and $$ passes."""
        check_template("Podnět ${reference_number} za $$5: ${status_url}")


class TestRenderMail:
    def test_placeholders_filled(self):
        """Every placeholder is replaced by its value."""
        mail = render_mail(
            "Podnět ${reference_number}", "Stav: ${state}\n${resolution}", VALUES
        )
        assert mail.subject == "Podnět PDN-2026-00042"
        assert mail.text == "Stav: V řešení\n"

    def test_subject_line_breaks_removed(self):
        """A citizen's multi-line subject cannot break the header."""
        values = dict(VALUES, subject="Ahoj\r\nBcc: victim@example.org")
        mail = render_mail("Re: ${subject}", "x", values)
        assert mail.subject == "Re: Ahoj Bcc: victim@example.org"
        assert "\n" not in mail.subject

    def test_html_escapes_citizen_text(self):
        """Markup in the citizen's subject is escaped in the HTML part."""
        values = dict(VALUES, subject='<script>alert("x")</script>')
        mail = render_mail("${reference_number}", "Věc: ${subject}", values)
        assert "<script>" not in mail.html
        assert "&lt;script&gt;" in mail.html

    def test_html_links_only_status_page(self):
        """The status link is clickable and a citizen's URL is not."""
        values = dict(VALUES, subject="http://evil.example/login")
        mail = render_mail("x", "${subject}\n\n${status_url}", values)
        assert '<a href="http://localhost:8080/urad/stav-podnetu">' in mail.html
        assert 'href="http://evil.example' not in mail.html
        assert mail.html.count("<p>") == 2
