"""The register folder that contains every podnět."""

from plone.dexterity.content import Container
from urad.podnety.interfaces import IPodnetRegister
from zope.interface import implementer

import contextlib


@implementer(IPodnetRegister)
class PodnetRegister(Container):
    """Folder of podněty; its default view is the register table."""

    # An ordered folder keeps one list of all ids that every new podnět
    # rewrites: with tens of thousands of podněty that list is large, and
    # two channels filing at once conflict on it. The register is always
    # shown sorted by the catalog, so it keeps no order of its own.
    _ordering = "unordered"

    # Depth of `_setObject` and `_delObject` calls running on this object in
    # this thread. A volatile attribute, so setting it writes nothing, and it
    # starts again from 0 if the register is ghosted.
    _v_changing_items = 0

    @contextlib.contextmanager
    def _changing_items(self):
        self._v_changing_items += 1
        try:
            yield
        finally:
            self._v_changing_items = max(0, self._v_changing_items - 1)

    def _setObject(self, id, object, *args, **kwargs):
        """Add `object` without reindexing the register for it."""
        with self._changing_items():
            return super()._setObject(id, object, *args, **kwargs)

    def _delObject(self, id, *args, **kwargs):
        """Remove item `id` without reindexing the register for it."""
        with self._changing_items():
            return super()._delObject(id, *args, **kwargs)

    def reindexObject(self, idxs=[]):  # noqa: B006 (the signature of CMFCore's)
        """Reindex the register, except for an item added or removed.

        Adding or removing an item notifies a ContainerModifiedEvent, and
        plone.dexterity's subscriber then reindexes every index of the
        register and sets its modification date. Nothing in the register's
        catalog entry depends on its items, so that work is skipped. The
        rewritten modification date would also make any two podněty filed
        at the same time conflict on the register object.
        """
        if not idxs and self._v_changing_items:
            return
        super().reindexObject(idxs=idxs)
