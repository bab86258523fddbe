"""Control panel ``podnety-settings-scans`` with the list of rejected files."""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urad.podnety import _
from urad.podnety.intake.scans.failedview import list_failed
from urad.podnety.intake.scans.ocr import missing_tools
from urad.podnety.intake.scans.settings import PREFIX
from urad.podnety.intake.scans.settings import IScanSettings
from urad.podnety.intake.scans.settings import get_settings

import subprocess


class ScanSettingsForm(RegistryEditForm):
    schema = IScanSettings
    schema_prefix = PREFIX
    label = _("Podněty: scanned letters")
    description = _(
        "Every PDF, TIFF, JPEG or PNG file saved into the scan folder becomes a "
        "podnět with the scan attached. Filed scans move to the subfolder "
        "processed/YEAR/MONTH. Files that cannot be filed move to the subfolder "
        "failed, with the reason in a text file beside them."
    )


class ScanSettingsView(ControlPanelFormWrapper):
    form = ScanSettingsForm
    index = ViewPageTemplateFile("templates/controlpanel.pt")

    def failed(self) -> list[dict]:
        folder = get_settings().folder
        return list_failed(folder) if folder else []

    def ocr_problems(self) -> list[str]:
        try:
            return missing_tools(get_settings().ocr_language)
        except (OSError, subprocess.SubprocessError) as error:
            return [str(error)]
