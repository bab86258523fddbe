"""Files filed inside a podnět, kept out of the portal catalog.

Intake stores each podnět's original message, scan or recording and every
attachment as a ``File`` item inside the podnět. The files are not searched
for on their own, because the podnět's SearchableText includes their
extracted text. The podnět page lists them with ``objectValues``, and the
REST API serializer of the podnět lists them the same way. Cataloguing each
one cost more than cataloguing the podnět itself, and ran ``pdftotext`` a
second time for text that intake had already extracted.
"""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from OFS.event import ObjectWillBeAddedEvent
from plone.app.contenttypes.content import File
from plone.namedfile.file import NamedBlobFile
from Products.CMFCore.permissions import ModifyPortalContent
from zope.event import notify
from zope.lifecycleevent import ObjectAddedEvent
from zope.lifecycleevent import ObjectCreatedEvent


class PodnetFile(File):
    """A ``File`` item inside a podnět that the portal catalog does not list.

    The portal type stays ``File``, so views, downloads, the REST API and
    the privacy export treat it like any other file. An entry left over
    from a full catalog rebuild is still removed when the file is deleted
    or moved.
    """

    security = ClassSecurityInfo()

    @security.protected(ModifyPortalContent)
    def indexObject(self):
        """Leave the file out of the portal catalog."""

    @security.protected(ModifyPortalContent)
    def unindexObject(self):
        """Remove the file's catalog entry if it has one.

        ZCatalog logs an error for each path it is asked to remove but does
        not contain, so the lookup comes first.
        """
        catalog = self._getCatalogTool()
        if catalog is None:
            return
        if catalog.getrid("/".join(self.getPhysicalPath())) is not None:
            catalog.unindexObject(self)

    # NOTE: "Clear and rebuild" in portal_catalog calls the catalog's own
    # reindexObject for every object it finds, so it adds these files back
    # until each is deleted or the 1002 upgrade step runs again.
    @security.protected(ModifyPortalContent)
    def reindexObject(self, idxs=(), update_metadata=1, uid=None):
        """Update the modification date as Plone does, without cataloguing."""
        if not idxs:
            self.notifyModified()


InitializeClass(PodnetFile)


def create_podnet_file(
    podnet,
    file_id: str,
    title: str,
    blob: NamedBlobFile,
    container_modified: bool = True,
):
    """Add a `PodnetFile` with `blob` to `podnet` as `file_id` and return it.

    This does what ``plone.api.content.create`` does for a ``File`` (created
    and added events, workflow, owner) but builds the item from `PodnetFile`,
    because the File type's factory would build a plain File. The caller has
    checked the id and the permission to add files.

    With `container_modified` false the podnět gets no ContainerModifiedEvent,
    so a caller that adds several files sends one itself after the last.
    """
    item = PodnetFile(id=file_id)
    item.portal_type = "File"
    item.title = title
    item.file = blob
    notify(ObjectCreatedEvent(item))
    if container_modified:
        podnet._setObject(file_id, item)
        return podnet._getOb(file_id)
    notify(ObjectWillBeAddedEvent(item, podnet, file_id))
    podnet._setObject(file_id, item, suppress_events=True)
    item = podnet._getOb(file_id)
    notify(ObjectAddedEvent(item, podnet, file_id))
    return item
