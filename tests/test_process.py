"""The gc-freeze setting of a serving process."""

from App.config import getConfiguration
from pathlib import Path
from urad.podnety.process import freeze_startup_objects
from zope.processlifetime import ProcessStarting

import gc
import pytest


@pytest.fixture
def product_config():
    """Set urad.podnety's product-config for one test and restore it after."""
    configuration = getConfiguration()
    saved = getattr(configuration, "product_config", None)
    settings = {}
    configuration.product_config = {**(saved or {}), "urad.podnety": settings}
    yield settings
    configuration.product_config = saved
    gc.unfreeze()


def test_freeze_on_excludes_startup_objects(product_config):
    product_config["gc-freeze"] = "on"
    gc.unfreeze()
    freeze_startup_objects(ProcessStarting())
    assert gc.get_freeze_count() > 0


def test_freeze_off_by_default(product_config):
    gc.unfreeze()
    freeze_startup_objects(ProcessStarting())
    assert gc.get_freeze_count() == 0


def test_freeze_off_when_configured_off(product_config):
    product_config["gc-freeze"] = "off"
    gc.unfreeze()
    freeze_startup_objects(ProcessStarting())
    assert gc.get_freeze_count() == 0


def test_instance_templates_turn_freeze_on():
    scripts = Path(__file__).resolve().parents[1] / "scripts"
    assert "gc-freeze on" in (scripts / "instance" / "zope.conf.in").read_text()
    assert "gc-freeze {gc_freeze}" in (scripts / "cluster" / "zope.conf.in").read_text()
