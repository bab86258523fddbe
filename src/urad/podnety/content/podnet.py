"""The podnět: one citizen's submission and everything filed with it."""

from plone.autoform import directives
from plone.dexterity.content import Container
from plone.schema.email import Email
from plone.supermodel import model
from urad.podnety import _
from urad.podnety.content.datetimes import PragueDatetime
from z3c.form.interfaces import IEditForm
from zope import schema
from zope.interface import implementer


class IPodnet(model.Schema):
    """Schema of a podnět; the field names are the public REST contract."""

    model.fieldset(
        "citizen",
        label=_("Citizen"),
        fields=[
            "citizen_name",
            "citizen_email",
            "citizen_phone",
            "citizen_address",
            "wants_updates",
        ],
    )
    model.fieldset(
        "handling",
        label=_("Handling"),
        fields=[
            "assignee",
            "resolution",
            "deadline_accept",
            "deadline_resolve",
            "deadline_close",
            "confidential",
            "confidential_readers",
        ],
    )

    # The register draws the number when it files the podnět (see
    # content/naming.py), and the citizen's status page trusts it, so neither
    # forms nor REST clients may write it.
    directives.mode(reference_number="display")
    reference_number = schema.TextLine(
        title=_("Reference number"),
        description=_("Assigned by the register when the podnět is filed."),
        required=False,
        readonly=True,
    )

    # After filing, the channel is a fact of the intake and the deadlines
    # change only through their rules and the extension form.
    directives.mode(
        IEditForm,
        channel="display",
        deadline_accept="display",
        deadline_resolve="display",
        deadline_close="display",
    )

    channel = schema.Choice(
        title=_("Channel"),
        vocabulary="urad.podnety.Channels",
        default="post",
        required=True,
    )

    received = PragueDatetime(
        title=_("Received"),
        description=_("When the office received the podnět through its channel."),
        required=True,
    )

    kind = schema.Choice(
        title=_("Kind"),
        description=_(
            "The content, not the label, decides the kind; deadlines follow it."
        ),
        vocabulary="urad.podnety.Kinds",
        default="podnet",
        required=True,
    )

    title = schema.TextLine(title=_("Subject"), required=True)

    text = schema.Text(title=_("Text"), required=False)

    citizen_name = schema.TextLine(title=_("Name"), required=False)

    citizen_email = Email(title=_("E-mail"), required=False)

    citizen_phone = schema.TextLine(
        title=_("Phone"),
        description=_("International format, for example +420 601 234 567."),
        required=False,
    )

    citizen_address = schema.Text(title=_("Postal address"), required=False)

    wants_updates = schema.Bool(
        title=_("Send status updates to the citizen"),
        default=False,
        required=False,
    )

    category = schema.Choice(
        title=_("Category"),
        vocabulary="urad.podnety.Categories",
        required=False,
    )

    assignee = schema.Choice(
        title=_("Responsible official"),
        vocabulary="urad.podnety.Officials",
        required=False,
    )

    resolution = schema.Text(title=_("Resolution"), required=False)

    deadline_accept = schema.Date(title=_("Accept by"), required=False)
    deadline_resolve = schema.Date(title=_("Resolve by"), required=False)
    deadline_close = schema.Date(title=_("Close by"), required=False)

    # Confidentiality hides the podnět from everyone not listed. So only
    # clerks, who may set it on the podnět page, may change it through the
    # edit form or REST. Supervisors set it on the page and have no edit form.
    directives.write_permission(
        confidential="urad.podnety.Triage",
        confidential_readers="urad.podnety.Triage",
    )
    confidential = schema.Bool(
        title=_("Confidential"),
        description=_(
            "Only the users and groups listed below, the responsible official "
            "and managers can see a confidential podnět."
        ),
        default=False,
        required=False,
    )

    confidential_readers = schema.List(
        title=_("Who may see a confidential podnět"),
        description=_("User or group ids, one per line."),
        value_type=schema.TextLine(),
        default=[],
        # An empty form widget then reads back as the stored default, so an
        # unchanged edit form does not report this field as changed.
        missing_value=[],
        required=False,
    )

    directives.omitted("intake_info", "attention")
    intake_info = schema.Dict(
        title=_("Intake details"),
        key_type=schema.TextLine(),
        value_type=schema.Field(),
        required=False,
    )

    attention = schema.Text(
        title=_("Needs a clerk's attention"),
        required=False,
    )


@implementer(IPodnet)
class Podnet(Container):
    """A citizen's podnět with its originals stored inside."""

    def Title(self):
        return self.title or ""

    @property
    def attention_flag(self):
        """True while a clerk must look at an intake problem."""
        return bool(getattr(self, "attention", None))
