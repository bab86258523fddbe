"""The add and edit form of a report definition."""

from plone.autoform.form import AutoExtensibleForm
from plone.base import PloneMessageFactory as _plone
from plone.z3cform.layout import FormWrapper
from Products.statusmessages.interfaces import IStatusMessage
from urad.podnety import _
from urad.podnety.reports import definitions
from urad.podnety.reports.interfaces import IReportDefinition
from urllib.parse import urlencode
from z3c.form import button
from z3c.form import form
from zope.schema import getFieldsInOrder

import logging


logger = logging.getLogger(__name__)


class ReportDefinitionForm(AutoExtensibleForm, form.Form):
    schema = IReportDefinition
    ignoreContext = False

    @property
    def definition_id(self):
        return self.request.form.get("id") or None

    @property
    def label(self):
        if self.definition_id:
            return _("Edit report")
        return _("Add report")

    def getContent(self):
        values = {name: field.default for name, field in getFieldsInOrder(self.schema)}
        if self.definition_id in definitions.definition_ids():
            proxy = definitions.get(self.definition_id)
            values = {name: getattr(proxy, name) for name in values}
        return values

    @property
    def action(self):
        # Keep the id across the POST of an edit.
        url = self.request.getURL()
        if self.definition_id:
            return f"{url}?{urlencode({'id': self.definition_id})}"
        return url

    def controlpanel_url(self):
        return f"{self.context.absolute_url()}/@@podnety-settings-reports"

    @button.buttonAndHandler(_plone("Save"), name="save")
    def handleSave(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        collection = definitions.collection()
        definition_id = self.definition_id
        if definition_id not in definitions.definition_ids():
            definition_id = definitions.new_id(data["title"])
            collection.add(definition_id)
        proxy = definitions.get(definition_id)
        for name, value in data.items():
            setattr(proxy, name, value)
        logger.info("Report definition %s saved", definition_id)
        IStatusMessage(self.request).addStatusMessage(
            _("The report was saved."), "info"
        )
        self.request.response.redirect(self.controlpanel_url())

    @button.buttonAndHandler(_plone("Cancel"), name="cancel")
    def handleCancel(self, action):
        self.request.response.redirect(self.controlpanel_url())


class ReportDefinitionFormView(FormWrapper):
    form = ReportDefinitionForm
