"""Local roles that follow the podnět's assignee and confidentiality."""

from urad.podnety.workflow.config import ASSIGNEE_ROLE
from urad.podnety.workflow.config import CLERK_ROLE


def _principals_with(podnet, role):
    return [principal for principal, roles in podnet.get_local_roles() if role in roles]


def _remove_role(podnet, principal, role):
    roles = [r for r in podnet.get_local_roles_for_userid(principal) if r != role]
    podnet.manage_delLocalRoles([principal])
    if roles:
        podnet.manage_setLocalRoles(principal, roles)


def _security_state(podnet):
    roles = sorted(
        (principal, tuple(sorted(roles)))
        for principal, roles in podnet.get_local_roles()
    )
    return roles, bool(getattr(podnet, "__ac_local_roles_block__", False))


def sync_local_roles(podnet):
    """Give the assignee and confidential readers their roles, remove stale ones.

    A confidential podnět stops inheriting the register's group roles, so only
    the named readers, the assignee and managers can see it. The catalog's
    security entries are updated only when the roles or the block changed,
    because every modification of a podnět calls this.
    """
    before = _security_state(podnet)
    assignee_id = podnet.assignee or None
    for principal in _principals_with(podnet, ASSIGNEE_ROLE):
        if principal != assignee_id:
            _remove_role(podnet, principal, ASSIGNEE_ROLE)
    if assignee_id:
        roles = set(podnet.get_local_roles_for_userid(assignee_id))
        podnet.manage_setLocalRoles(assignee_id, sorted(roles | {ASSIGNEE_ROLE}))

    readers = set(podnet.confidential_readers or ()) if podnet.confidential else set()
    for principal in _principals_with(podnet, CLERK_ROLE):
        if principal not in readers:
            _remove_role(podnet, principal, CLERK_ROLE)
    for principal in readers:
        roles = set(podnet.get_local_roles_for_userid(principal))
        podnet.manage_setLocalRoles(principal, sorted(roles | {CLERK_ROLE}))
    podnet.__ac_local_roles_block__ = bool(podnet.confidential)
    if _security_state(podnet) != before:
        podnet.reindexObjectSecurity()
