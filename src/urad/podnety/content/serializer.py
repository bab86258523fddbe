"""The REST API representation of a podnět, listing the files inside it."""

from plone import api
from plone.indexer.interfaces import IIndexer
from plone.restapi.batching import HypermediaBatch
from plone.restapi.bbb import boolean_value
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from Products.CMFCore.permissions import View
from Products.CMFCore.utils import _checkPermission
from urad.podnety.content.podnet import IPodnet
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.component import queryMultiAdapter
from zope.interface import Interface
from zope.interface import implementer


@implementer(ISerializeToJson)
@adapter(IPodnet, Interface)
class SerializePodnetToJson(SerializeFolderToJson):
    """Serialize a podnět with `items` read from the folder, not the catalog.

    plone.restapi lists a folder's items with a catalog query, which would
    miss the files intake keeps out of the catalog. Items are listed in
    folder order and only those the current user may view, as the catalog
    query would. Summary values that a catalog brain would read from its
    metadata (``getObjSize``, ``mime_type``) are computed by the same
    indexers.
    """

    def __call__(self, version=None, include_items=True, include_expansion=True):
        result = SerializeToJson.__call__(
            self, version=version, include_expansion=include_expansion
        )
        result["is_folderish"] = True
        include_items = self.request.form.get("include_items", include_items)
        if not boolean_value(include_items):
            return result

        contents = [
            item for item in self.context.objectValues() if _checkPermission(View, item)
        ]
        batch = HypermediaBatch(self.request, contents)
        result["items_total"] = batch.items_total
        if batch.links:
            result["batching"] = batch.links
        if "fullobjects" in self.request.form:
            result["items"] = [
                getMultiAdapter((item, self.request), ISerializeToJson)(
                    include_items=False
                )
                for item in batch
            ]
        else:
            catalog = api.portal.get_tool("portal_catalog")
            result["items"] = [
                _fill_metadata(
                    item,
                    catalog,
                    getMultiAdapter((item, self.request), ISerializeToJsonSummary)(),
                )
                for item in batch
            ]
        return result


def _fill_metadata(item, catalog, summary):
    """Fill the summary's empty values from the catalog's indexer of that name."""
    for name, value in summary.items():
        if value is not None:
            continue
        indexer = queryMultiAdapter((item, catalog), IIndexer, name=name)
        if indexer is None:
            continue
        try:
            summary[name] = indexer()
        except AttributeError:
            # Indexers raise AttributeError for "no value", as the catalog expects.
            continue
    return summary
