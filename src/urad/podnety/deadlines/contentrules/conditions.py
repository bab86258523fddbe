"""Content-rule conditions on podnět deadlines and on kind, channel and category."""

from OFS.SimpleItem import SimpleItem
from plone.app.contentrules.browser.formhelper import AddForm
from plone.app.contentrules.browser.formhelper import ContentRuleFormWrapper
from plone.app.contentrules.browser.formhelper import EditForm
from plone.contentrules.rule.interfaces import IExecutable
from plone.contentrules.rule.interfaces import IRuleElementData
from urad.podnety import _
from urad.podnety.content.podnet import IPodnet
from urad.podnety.content.vocabularies import CHANNELS
from urad.podnety.content.vocabularies import KINDS
from urad.podnety.deadlines import storage
from urad.podnety.deadlines.contentrules.events import IPodnetDeadlineCheck
from z3c.form import form
from zope import schema
from zope.component import adapter
from zope.interface import Interface
from zope.interface import implementer

import uuid


PHASES = {"accept": _("Accept"), "resolve": _("Resolve"), "close": _("Close")}


class IDeadlineCondition(Interface):
    """A phase deadline has passed, or ends within a number of days."""

    phases = schema.Set(
        title=_("Phases"),
        description=_("Leave empty for any phase."),
        value_type=schema.Choice(values=list(PHASES)),
        required=False,
    )
    relation = schema.Choice(
        title=_("When"),
        description=_(
            "passed: the deadline passed at least the given number of days ago "
            "(1 is the day after it); due: it ends within the given number of days."
        ),
        values=["passed", "due"],
        default="passed",
        required=True,
    )
    days = schema.Int(title=_("Days"), default=1, min=0, max=365, required=True)


@implementer(IDeadlineCondition, IRuleElementData)
class DeadlineCondition(SimpleItem):
    phases = frozenset()
    relation = "passed"
    days = 1
    element = "urad.podnety.conditions.Deadline"

    def __init__(self):
        super().__init__()
        # Marks on each podnět use this key, so each rule fires once per deadline.
        self.key = uuid.uuid4().hex

    @property
    def summary(self):
        return _(
            "Deadline ${relation} ${days} days (${phases})",
            mapping={
                "relation": self.relation,
                "days": self.days,
                "phases": ", ".join(sorted(self.phases or ())) or "*",
            },
        )


def deadline_matches(element, event):
    """Tell whether the check event meets the condition's phase and days."""
    if element.phases and event.phase not in element.phases:
        return False
    if element.relation == "passed":
        return -event.days_left >= element.days
    return 0 <= event.days_left <= element.days


@implementer(IExecutable)
@adapter(Interface, IDeadlineCondition, IPodnetDeadlineCheck)
class DeadlineConditionExecutor:
    """Match once per rule, phase and deadline, so a rule does not repeat daily."""

    def __init__(self, context, element, event):
        self.context = context
        self.element = element
        self.event = event

    def __call__(self):
        if not deadline_matches(self.element, self.event):
            return False
        marks = storage.state(self.event.object)["alerts"]
        key = f"rule:{self.element.key}:{self.event.phase}:{self.event.deadline}"
        if key in marks:
            return False
        marks[key] = self.event.day.isoformat()
        return True


class IPodnetFieldsCondition(Interface):
    """The podnět has one of the chosen kinds, channels and categories."""

    kinds = schema.Set(
        title=_("Kinds"),
        description=_("Leave empty for any kind."),
        value_type=schema.Choice(values=list(KINDS)),
        required=False,
    )
    channels = schema.Set(
        title=_("Channels"),
        description=_("Leave empty for any channel."),
        value_type=schema.Choice(values=list(CHANNELS)),
        required=False,
    )
    categories = schema.Set(
        title=_("Categories"),
        description=_("Leave empty for any category."),
        value_type=schema.Choice(vocabulary="urad.podnety.Categories"),
        required=False,
    )


@implementer(IPodnetFieldsCondition, IRuleElementData)
class PodnetFieldsCondition(SimpleItem):
    kinds = frozenset()
    channels = frozenset()
    categories = frozenset()
    element = "urad.podnety.conditions.PodnetFields"

    @property
    def summary(self):
        parts = [
            ", ".join(sorted(values))
            for values in (self.kinds, self.channels, self.categories)
            if values
        ]
        return _("Podnět is ${values}", mapping={"values": "; ".join(parts) or "*"})


@implementer(IExecutable)
@adapter(Interface, IPodnetFieldsCondition, Interface)
class PodnetFieldsConditionExecutor:
    def __init__(self, context, element, event):
        self.context = context
        self.element = element
        self.event = event

    def __call__(self):
        podnet = getattr(self.event, "object", None)
        if not IPodnet.providedBy(podnet):
            return False
        for chosen, value in (
            (self.element.kinds, podnet.kind),
            (self.element.channels, podnet.channel),
            (self.element.categories, podnet.category),
        ):
            if chosen and value not in chosen:
                return False
        return True


class DeadlineAddForm(AddForm):
    schema = IDeadlineCondition
    label = _("Add podnět deadline condition")
    form_name = _("Configure element")

    def create(self, data):
        condition = DeadlineCondition()
        form.applyChanges(self, condition, data)
        return condition


class DeadlineAddFormView(ContentRuleFormWrapper):
    form = DeadlineAddForm


class DeadlineEditForm(EditForm):
    schema = IDeadlineCondition
    label = _("Edit podnět deadline condition")
    form_name = _("Configure element")


class DeadlineEditFormView(ContentRuleFormWrapper):
    form = DeadlineEditForm


class FieldsAddForm(AddForm):
    schema = IPodnetFieldsCondition
    label = _("Add podnět kind, channel and category condition")
    form_name = _("Configure element")

    def create(self, data):
        condition = PodnetFieldsCondition()
        form.applyChanges(self, condition, data)
        return condition


class FieldsAddFormView(ContentRuleFormWrapper):
    form = FieldsAddForm


class FieldsEditForm(EditForm):
    schema = IPodnetFieldsCondition
    label = _("Edit podnět kind, channel and category condition")
    form_name = _("Configure element")


class FieldsEditFormView(ContentRuleFormWrapper):
    form = FieldsEditForm
