"""Deadlines per kind, phase and override; extensions the law allows."""

from datetime import date
from datetime import datetime
from urad.podnety.deadlines.calendar import PRAGUE
from urad.podnety.deadlines.extension import ExtensionNotAllowed
from urad.podnety.deadlines.extension import check_extension
from urad.podnety.deadlines.rules import DeadlineRules
from urad.podnety.deadlines.rules import PhaseRule
from urad.podnety.deadlines.rules import PodnetFacts
from urad.podnety.deadlines.rules import deadlines_for_phase
from urad.podnety.deadlines.rules import parse_override

import pytest


# Thursday 19 March 2026, 10:00 in Prague
RECEIVED = datetime(2026, 3, 19, 10, 0, tzinfo=PRAGUE)


def facts(**changes):
    values = {"received": RECEIVED, "kind": "stiznost", "channel": "web"}
    values.update(changes)
    return PodnetFacts(**values)


class TestFiling:
    def test_complaint(self):
        result = deadlines_for_phase(DeadlineRules(), "accept", RECEIVED, facts())
        # 2 working days after Thursday; 60 days after 19 March is 18 May
        assert result == {
            "deadline_accept": date(2026, 3, 23),
            "deadline_resolve": date(2026, 5, 18),
        }

    def test_suggestion_without_updates_has_no_legal_deadline(self):
        result = deadlines_for_phase(
            DeadlineRules(), "accept", RECEIVED, facts(kind="podnet")
        )
        assert result["deadline_resolve"] is None

    def test_suggestion_with_updates(self):
        result = deadlines_for_phase(
            DeadlineRules(),
            "accept",
            RECEIVED,
            facts(kind="podnet", wants_updates=True),
        )
        # day 30 is Saturday 18 April
        assert result["deadline_resolve"] == date(2026, 4, 20)

    def test_information_request_on_good_friday(self):
        result = deadlines_for_phase(
            DeadlineRules(), "accept", RECEIVED, facts(kind="informace")
        )
        assert result["deadline_resolve"] == date(2026, 4, 7)


class TestPhases:
    def test_office_rule_only_brings_legal_deadline_forward(self):
        rules = DeadlineRules(phases={"resolve": PhaseRule(60, "working")})
        accepted = date(2026, 3, 20)
        result = deadlines_for_phase(rules, "resolve", accepted, facts())
        assert result == {"deadline_resolve": date(2026, 5, 18)}

    def test_office_rule_earlier_than_legal(self):
        accepted = date(2026, 3, 20)
        result = deadlines_for_phase(DeadlineRules(), "resolve", accepted, facts())
        # 20 working days after Friday 20 March skip Good Friday and Easter Monday
        assert result == {"deadline_resolve": date(2026, 4, 21)}

    def test_close_in_calendar_days(self):
        rules = DeadlineRules(phases={"close": PhaseRule(5, "calendar")})
        result = deadlines_for_phase(rules, "close", date(2026, 12, 19), facts())
        assert result == {"deadline_close": date(2026, 12, 28)}

    def test_category_beats_channel(self):
        rules = DeadlineRules(
            overrides=(
                parse_override("channel:phone accept 1"),
                parse_override("category:odpady accept 5 calendar"),
            )
        )
        both = facts(channel="phone", category="odpady")
        phone = facts(channel="phone", category="doprava")
        assert rules.phase_rule("accept", "odpady", "phone") == PhaseRule(5, "calendar")
        assert deadlines_for_phase(rules, "accept", RECEIVED, both)[
            "deadline_accept"
        ] == date(2026, 3, 24)
        assert deadlines_for_phase(rules, "accept", RECEIVED, phone)[
            "deadline_accept"
        ] == date(2026, 3, 20)

    @pytest.mark.parametrize(
        "line",
        [
            "odpady accept 5",
            "category: accept 5",
            "category:odpady reply 5",
            "category:odpady accept five",
            "category:odpady accept 5 hours",
            "category:odpady accept -5",
            "",
        ],
    )
    def test_invalid_override(self, line):
        with pytest.raises(ValueError):
            parse_override(line)


class TestExtension:
    def test_information_request_extended(self):
        rules = DeadlineRules()
        info = facts(kind="informace")
        days = check_extension(
            rules,
            info,
            "resolve",
            date(2026, 4, 7),
            date(2026, 4, 13),
            today=date(2026, 4, 2),
        )
        # 15 + 8 days ends on Saturday 11 April, which rolls to Monday 13 April
        assert days == 8

    def test_information_request_limit(self):
        info = facts(kind="informace")
        with pytest.raises(ExtensionNotAllowed, match="at most 10"):
            check_extension(
                DeadlineRules(),
                info,
                "resolve",
                date(2026, 4, 7),
                date(2026, 4, 20),
                today=date(2026, 4, 2),
            )

    def test_announced_too_late(self):
        info = facts(kind="informace")
        with pytest.raises(
            ExtensionNotAllowed, match="before the deadline ends on 2026-04-07"
        ):
            check_extension(
                DeadlineRules(),
                info,
                "resolve",
                date(2026, 4, 7),
                date(2026, 4, 10),
                today=date(2026, 4, 8),
            )

    def test_only_once(self):
        info = facts(kind="informace")
        with pytest.raises(ExtensionNotAllowed, match="already been extended"):
            check_extension(
                DeadlineRules(),
                info,
                "resolve",
                date(2026, 4, 13),
                date(2026, 4, 15),
                today=date(2026, 4, 2),
                extended_before=6,
            )

    def test_complaint_fixed(self):
        with pytest.raises(ExtensionNotAllowed, match="fixed deadline of 60"):
            check_extension(
                DeadlineRules(),
                facts(),
                "resolve",
                date(2026, 5, 18),
                date(2026, 5, 25),
                today=date(2026, 5, 1),
            )

    def test_office_milestone_within_law(self):
        days = check_extension(
            DeadlineRules(),
            facts(),
            "resolve",
            date(2026, 4, 21),
            date(2026, 5, 18),
            today=date(2026, 4, 22),
        )
        assert days == 0

    def test_must_be_later(self):
        with pytest.raises(ExtensionNotAllowed, match="not later"):
            check_extension(
                DeadlineRules(),
                facts(),
                "accept",
                date(2026, 3, 23),
                date(2026, 3, 23),
                today=date(2026, 3, 20),
            )
