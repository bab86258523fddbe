"""Garbage collector setting for a serving Zope process.

A Plone process keeps many long-lived objects from its start-up: modules,
component registrations, page templates, translation catalogs. Each full
collection of Python's cyclic garbage collector walks all
of them. In the benchmark instance such a collection took 200–600 ms
(Python 3.11, Plone 6.2), and every request served at that moment waited for
it. ``gc.freeze()`` right after start-up moves these objects into a permanent
generation that collections skip. They live as long as the process anyway.
The cost is that one of them which later becomes cyclic garbage is not freed.

Turned on in ``zope.conf``::

    <product-config urad.podnety>
        gc-freeze on
    </product-config>
"""

from App.config import getConfiguration

import gc
import logging


logger = logging.getLogger(__name__)


def freeze_enabled():
    product_config = getattr(getConfiguration(), "product_config", None) or {}
    settings = product_config.get("urad.podnety", {}) or {}
    return str(settings.get("gc-freeze", "off")).strip().lower() in ("on", "true", "1")


def freeze_startup_objects(event):
    """Exclude the objects created during start-up from garbage collection."""
    if not freeze_enabled():
        return
    gc.collect()
    gc.freeze()
    logger.info(
        "Excluded %d start-up objects from garbage collection (gc-freeze on)",
        gc.get_freeze_count(),
    )
