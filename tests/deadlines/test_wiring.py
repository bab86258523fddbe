"""Deadlines set on filing, on phase changes, on kind changes and by hand."""

from datetime import date
from datetime import datetime
from plone import api
from plone.protect.authenticator import createToken
from urad.podnety.content.history import recorded
from urad.podnety.deadlines import settings
from urad.podnety.deadlines.api import extend
from urad.podnety.deadlines.api import overdue_phases
from urad.podnety.deadlines.api import recompute_open
from urad.podnety.deadlines.calendar import PRAGUE
from urad.podnety.deadlines.extension import ExtensionNotAllowed
from urad.podnety.deadlines.extensions_log import recent_extensions
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


PREFIX = "urad.podnety.deadlines"


def freeze(monkeypatch, moment):
    monkeypatch.setattr(settings, "now", lambda: moment)


class TestFiling:
    def test_complaint_deadlines(self, file_podnet):
        podnet = file_podnet(kind="stiznost")
        assert podnet.deadline_accept == date(2026, 3, 23)
        assert podnet.deadline_resolve == date(2026, 5, 18)
        assert podnet.deadline_close is None

    def test_suggestion_needs_updates(self, file_podnet):
        assert file_podnet(kind="podnet").deadline_resolve is None
        assert file_podnet(kind="podnet", wants_updates=True).deadline_resolve == date(
            2026, 4, 20
        )

    def test_catalog_has_deadlines(self, file_podnet):
        podnet = file_podnet(kind="informace")
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(UID=podnet.UID())
        assert brains[0].deadline_resolve == date(2026, 4, 7)

    def test_rules_from_control_panel(self, file_podnet):
        api.portal.set_registry_record(f"{PREFIX}.days_stiznost", 30)
        api.portal.set_registry_record(
            f"{PREFIX}.overrides", ["channel:phone accept 5 calendar"]
        )
        podnet = file_podnet(kind="stiznost", channel="phone")
        # day 30 after 19 March is 18 April, a Saturday
        assert podnet.deadline_resolve == date(2026, 4, 20)
        assert podnet.deadline_accept == date(2026, 3, 24)


class TestPhases:
    def test_accept_sets_resolve(self, file_podnet, official, monkeypatch):
        podnet = file_podnet(kind="stiznost")
        podnet.assignee = official
        freeze(monkeypatch, datetime(2026, 3, 20, 9, 0, tzinfo=PRAGUE))
        api.content.transition(podnet, transition="accept")
        # 20 working days after 20 March, before the legal 18 May
        assert podnet.deadline_resolve == date(2026, 4, 21)

    def test_resolve_sets_close(self, file_podnet, official, monkeypatch):
        podnet = file_podnet(kind="stiznost")
        podnet.assignee = official
        api.content.transition(podnet, transition="accept")
        podnet.resolution = "Opraveno."
        freeze(monkeypatch, datetime(2026, 12, 18, 15, 0, tzinfo=PRAGUE))
        api.content.transition(podnet, transition="resolve")
        # 5 working days after Friday 18 December skip 24-28 December
        assert podnet.deadline_close == date(2026, 12, 29)
        assert overdue_phases(podnet, date(2026, 12, 30)) == ["close"]
        assert overdue_phases(podnet, date(2026, 12, 29)) == []


class TestKindChange:
    def test_recomputed_and_recorded(self, file_podnet):
        podnet = file_podnet(kind="podnet")
        podnet.kind = "informace"
        notify(ObjectModifiedEvent(podnet))
        assert podnet.deadline_resolve == date(2026, 4, 7)
        entry = recorded(podnet)[-1]
        assert entry["action"] == "deadlines-recomputed"
        assert entry["comment"] == (
            'Kind changed from "Suggestion (§ 42 Administrative Procedure Code)" '
            'to "Information request (Act 106/1999)".'
        )

    def test_rules_change_on_request(self, file_podnet):
        podnet = file_podnet(kind="stiznost")
        api.portal.set_registry_record(f"{PREFIX}.days_stiznost", 30)
        assert podnet.deadline_resolve == date(2026, 5, 18)
        assert recompute_open() == 1
        assert podnet.deadline_resolve == date(2026, 4, 20)


class TestExtension:
    def test_information_request(self, file_podnet):
        podnet = file_podnet(kind="informace")
        extend(
            podnet, "resolve", date(2026, 4, 13), "Rozsáhlé dokumenty", date(2026, 4, 1)
        )
        assert podnet.deadline_resolve == date(2026, 4, 13)
        entry = recorded(podnet)[-1]
        assert entry["action"] == "deadline-extended"
        assert entry["details"]["legal_extension_days"] == 8
        assert recent_extensions()[0]["reference_number"] == podnet.reference_number

    def test_complaint_refused(self, file_podnet):
        podnet = file_podnet(kind="stiznost")
        with pytest.raises(ExtensionNotAllowed):
            extend(podnet, "resolve", date(2026, 6, 1), "Nestíháme", date(2026, 4, 1))
        assert podnet.deadline_resolve == date(2026, 5, 18)

    def test_reason_required(self, file_podnet):
        podnet = file_podnet(kind="stiznost")
        with pytest.raises(ValueError):
            extend(podnet, "accept", date(2026, 3, 30), "  ", date(2026, 3, 20))


class TestControlPanel:
    def test_renders(self, manager):
        html = manager.restrictedTraverse("@@podnety-settings-deadlines")()
        assert "form.widgets.days_stiznost" in html
        assert "form.buttons.recompute" in html


class TestCreatedByHand:
    def test_deadlines_set(self, manager):
        podnet = api.content.create(
            container=manager["podnety"],
            type="Podnet",
            title="Zadáno ručně",
            kind="stiznost",
            channel="post",
            received=datetime(2026, 3, 19, 10, 0, tzinfo=PRAGUE),
        )
        assert podnet.deadline_accept == date(2026, 3, 23)
        assert podnet.deadline_resolve == date(2026, 5, 18)


class TestExtendView:
    def post(self, podnet, **form):
        request = podnet.REQUEST
        request.method = "POST"
        request.form.update(form, _authenticator=createToken())
        view = podnet.restrictedTraverse("@@extend-deadline")
        return view, view()

    def test_extends_with_reason(self, file_podnet):
        podnet = file_podnet(kind="stiznost")
        view, _html = self.post(
            podnet, phase="accept", deadline="2026-03-27", reason="Čekáme na podklady"
        )
        assert view.error is None
        assert podnet.deadline_accept == date(2026, 3, 27)
        assert recorded(podnet)[-1]["comment"] == "Čekáme na podklady"

    def test_shows_legal_limit(self, file_podnet):
        podnet = file_podnet(kind="stiznost")
        view, html = self.post(
            podnet, phase="resolve", deadline="2026-06-30", reason="Nestíháme"
        )
        assert "fixed deadline of 60 days" in html
        assert podnet.deadline_resolve == date(2026, 5, 18)

    def test_reason_required(self, file_podnet):
        podnet = file_podnet(kind="stiznost")
        view, _html = self.post(
            podnet, phase="accept", deadline="2026-03-27", reason=""
        )
        assert view.error is not None
        assert podnet.deadline_accept == date(2026, 3, 23)
