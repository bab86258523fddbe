"""Demo configuration of the web form channel for ``make start``."""

from urad.podnety.intake.webform.form_setup import create_form


def setup_demo(portal, var_dir):
    """Create the public podnět form at ``/<site>/podat-podnet``."""
    create_form(portal)
