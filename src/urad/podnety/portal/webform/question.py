"""Show the anti-spam question from the settings as the question field's label."""

from collective.easyform.api import get_actions
from collective.easyform.interfaces import IEasyForm
from collective.easyform.interfaces import IEasyFormForm
from urad.podnety.intake.webform import settings
from urad.podnety.intake.webform.interfaces import ICreatePodnet
from urad.podnety.interfaces import IUradPodnetyLayer
from z3c.form.interfaces import IValue
from z3c.form.interfaces import IWidget
from z3c.form.value import StaticValue
from zope.component import adapter
from zope.interface import implementer
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import ITextLine


def question_fields(form):
    """Return the ids of the fields that Create podnět actions ask with."""
    return {
        action.question_field
        for _name, action in getFieldsInOrder(get_actions(form))
        if ICreatePodnet.providedBy(action) and action.question_field
    }


@adapter(IEasyForm, IUradPodnetyLayer, IEasyFormForm, ITextLine, IWidget)
@implementer(IValue)
def question_label(context, request, form, field, widget):
    """Return the configured question as the label, or None for other fields."""
    if field.__name__ not in question_fields(context):
        return None
    return StaticValue(settings.read("question"))
