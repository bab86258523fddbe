"""A datetime field that forms and REST clients read and write in Prague time.

plone.app.z3cform's converter fills the widget with the stored wall-clock
time whatever its zone, has minute precision, and reads the widget back as a
naive datetime unless the widget names a default zone. plone.restapi reads a
time without zone as UTC. With those defaults, saving an unchanged edit form
would replace 20:49:22+01:00 with a naive 20:49:00.
"""

from plone.app.z3cform.converters import DatetimeWidgetConverter
from plone.app.z3cform.interfaces import IDatetimeWidget
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from urad.podnety.dates import as_prague
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.schema.interfaces import IDatetime

import dateutil.parser


class IPragueDatetime(IDatetime):
    """A datetime field stored timezone-aware in Europe/Prague."""


@implementer(IPragueDatetime)
class PragueDatetime(schema.Datetime):
    """Field class of `IPragueDatetime`."""


@adapter(IPragueDatetime, IDatetimeWidget)
class PragueDatetimeConverter(DatetimeWidgetConverter):
    """Show and read the widget in Prague time and keep an unchanged value."""

    def toWidgetValue(self, value):
        if value is self.field.missing_value:
            return ""
        return super().toWidgetValue(as_prague(value))

    def toFieldValue(self, value):
        entered = super().toFieldValue(value)
        if entered is self.field.missing_value:
            return entered
        entered = as_prague(entered.replace(tzinfo=None))
        stored = self._stored_value()
        if stored is not None:
            stored_minute = as_prague(stored).replace(second=0, microsecond=0)
            if stored_minute == entered and stored.tzinfo is not None:
                # The widget has minute precision only, so the same minute
                # means the clerk left the value as it was.
                return stored
        return entered

    def _stored_value(self):
        if getattr(self.widget, "ignoreContext", True):
            return None
        context = getattr(self.widget, "context", None)
        return getattr(context, self.field.__name__, None)


@adapter(IPragueDatetime, IDexterityContent, IBrowserRequest)
class PragueDatetimeDeserializer(DefaultFieldDeserializer):
    """Read a JSON date and time, taking a time without zone as Prague time."""

    def __call__(self, value):
        if value is None:
            self.field.validate(value)
            return None
        try:
            parsed = dateutil.parser.parse(value)
        except (TypeError, ValueError, OverflowError) as error:
            raise ValueError(
                f"Invalid date and time {value!r}, expected ISO 8601 such as "
                "2026-03-02T09:30:00+01:00"
            ) from error
        parsed = as_prague(parsed)
        self.field.validate(parsed)
        return parsed
