"""Triage and handling: required data, assignee roles, history, mail."""

from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import login
from plone.app.testing import setRoles
from Products.CMFCore.WorkflowCore import WorkflowException
from tests.helpers import create_users
from tests.helpers import file_podnet
from urad.podnety.content.history import full_history

import pytest


@pytest.fixture
def podnet(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    create_users()
    podnet = file_podnet(portal)
    login(portal, "clerk")
    return podnet


def _do(podnet, transition, comment=""):
    api.portal.get_tool("portal_workflow").doActionFor(
        podnet, transition, comment=comment
    )


def _bring_to(podnet, state):
    if state == "rejected":
        _do(podnet, "reject", "Spam")
    if state in ("assigned", "resolved", "closed"):
        podnet.assignee = "official"
        _do(podnet, "accept")
    if state in ("resolved", "closed"):
        podnet.resolution = "Hotovo"
        _do(podnet, "resolve")


def _roles_of(podnet, user_id):
    return set(podnet.get_local_roles_for_userid(user_id))


class TestTriage:
    def test_accept_requires_assignee(self, podnet):
        with pytest.raises(WorkflowException, match="responsible official"):
            _do(podnet, "accept")
        assert api.content.get_state(podnet) == "new"

    def test_accept_gives_assignee_access(self, podnet):
        podnet.assignee = "official"
        _do(podnet, "accept", "Odbor dopravy")
        assert api.content.get_state(podnet) == "assigned"
        assert "PodnetyAssignee" in _roles_of(podnet, "official")

    def test_reject_requires_reason(self, podnet):
        with pytest.raises(WorkflowException, match="reason"):
            _do(podnet, "reject")
        _do(podnet, "reject", "Nejde o podnět, ale o reklamu.")
        assert api.content.get_state(podnet) == "rejected"

    def test_rejected_stays_findable_by_date(self, podnet):
        _do(podnet, "reject", "Spam")
        found = api.content.find(
            portal_type="Podnet",
            review_state="rejected",
            received={"query": podnet.received, "range": "min"},
        )
        assert [brain.getObject() for brain in found] == [podnet]

    def test_forward_moves_role(self, podnet):
        podnet.assignee = "official"
        _do(podnet, "accept")
        login(api.portal.get(), "official")
        podnet.assignee = "official2"
        _do(podnet, "forward", "Patří odboru životního prostředí.")
        assert "PodnetyAssignee" in _roles_of(podnet, "official2")
        assert "PodnetyAssignee" not in _roles_of(podnet, "official")

    def test_forward_needs_other_official(self, podnet):
        podnet.assignee = "official"
        _do(podnet, "accept")
        with pytest.raises(WorkflowException, match="different official"):
            _do(podnet, "forward", "Znovu")

    def test_resolve_requires_resolution(self, podnet):
        podnet.assignee = "official"
        _do(podnet, "accept")
        with pytest.raises(WorkflowException, match="resolution"):
            _do(podnet, "resolve")
        podnet.resolution = "Lavička byla opravena."
        _do(podnet, "resolve")
        _do(podnet, "close")
        assert api.content.get_state(podnet) == "closed"

    def test_reopen_returns_to_triage(self, podnet):
        _do(podnet, "reject", "Omyl")
        _do(podnet, "reopen", "Omylem zamítnuto")
        assert api.content.get_state(podnet) == "new"

    def test_history_records_who_and_comment(self, podnet):
        podnet.assignee = "official"
        _do(podnet, "accept", "Odbor dopravy")
        steps = [entry for entry in full_history(podnet) if entry["action"] == "accept"]
        assert len(steps) == 1
        assert steps[0]["actor"] == "clerk"
        assert steps[0]["comment"] == "Odbor dopravy"


class TestTransitionsByRole:
    @pytest.mark.parametrize(
        "user_id,state,expected",
        [
            ("clerk", "new", {"accept", "reject"}),
            ("official", "new", set()),
            ("supervisor", "new", set()),
            ("clerk", "assigned", {"forward", "resolve"}),
            ("official", "assigned", {"forward", "resolve"}),
            ("official2", "assigned", set()),
            ("supervisor", "assigned", set()),
            ("clerk", "resolved", {"close", "reopen"}),
            ("official", "resolved", set()),
            ("clerk", "rejected", {"reopen"}),
        ],
    )
    def test_available_transitions(self, portal, podnet, user_id, state, expected):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        login(portal, TEST_USER_NAME)
        _bring_to(podnet, state)
        login(portal, user_id)
        workflow = api.portal.get_tool("portal_workflow")
        available = {info["id"] for info in workflow.getTransitionsFor(podnet)}
        assert available == expected


class TestEditingByRole:
    @pytest.mark.parametrize(
        "user_id,state,can_edit",
        [
            ("clerk", "new", True),
            ("supervisor", "new", False),
            ("official", "new", False),
            ("clerk", "assigned", True),
            ("official", "assigned", True),
            ("official2", "assigned", False),
            ("supervisor", "assigned", False),
            ("official", "resolved", False),
            ("clerk", "rejected", False),
            ("supervisor", "rejected", False),
        ],
    )
    def test_modify_permission(self, portal, podnet, user_id, state, can_edit):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        login(portal, TEST_USER_NAME)
        _bring_to(podnet, state)
        allowed = api.user.has_permission(
            "Modify portal content", username=user_id, obj=podnet
        )
        assert allowed is can_edit

    @pytest.mark.parametrize(
        "state", ["new", "assigned", "resolved", "closed", "rejected"]
    )
    def test_supervisor_reads_every_state(self, portal, podnet, state):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        login(portal, TEST_USER_NAME)
        _bring_to(podnet, state)
        if state == "closed":
            _do(podnet, "close")
        assert api.user.has_permission("View", username="supervisor", obj=podnet)
        assert not api.user.has_permission("View", username="member", obj=podnet)
