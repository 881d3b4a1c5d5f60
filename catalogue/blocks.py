"""StreamField blocks for the structured parts of a procedure.

Channels, fees, dossier components, legal basis and results are structured so
that the API can serve them as data and editors edit them field by field; the
importer fills them from the national portal's flattened tables.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from .facts import TIME_UNITS, UNIT_BASES

CHANNEL_KINDS = [
    ("direct", _("In person")),
    ("postal", _("Postal service")),
    ("online", _("Online")),
]


class FeeBlock(blocks.StructBlock):
    amount = blocks.DecimalBlock(
        required=False, min_value=0, decimal_places=2, label=_("Amount")
    )
    currency = blocks.CharBlock(default="VND", max_length=8, label=_("Currency"))
    label = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Name of the charge"),
        help_text=_("Charge, fee …"),
    )
    description = blocks.TextBlock(required=False, label=_("Notes"))
    is_free = blocks.BooleanBlock(required=False, label=_("Free of charge"))
    exemptions = blocks.TextBlock(required=False, label=_("Who is exempt or pays less"))

    class Meta:
        icon = "tag"
        label = _("Fees and charges")


class ChannelBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=CHANNEL_KINDS, label=_("Channel"))
    processing_time = blocks.DecimalBlock(
        required=False, min_value=0, decimal_places=2, label=_("Processing time")
    )
    time_unit = blocks.ChoiceBlock(
        choices=TIME_UNITS,
        required=False,
        label=_("Unit"),
        help_text=_(
            "Leave empty when the source does not say: the page reads"
            " “unit not stated”."
        ),
    )
    time_unit_basis = blocks.ChoiceBlock(
        choices=UNIT_BASES,
        required=False,
        label=_("Unit taken from"),
        help_text=_(
            "The unit written in the table, or inferred from the procedure"
            " record at import."
        ),
    )
    time_text = blocks.TextBlock(
        required=False, label=_("Processing time (as written)")
    )
    fees = blocks.ListBlock(FeeBlock(), default=[], label=_("Fees and charges"))
    description = blocks.TextBlock(required=False, label=_("Description"))

    class Meta:
        icon = "site"
        label = _("Channel of filing")


class DossierComponentBlock(blocks.StructBlock):
    name = blocks.TextBlock(label=_("Document name"))
    originals = blocks.IntegerBlock(required=False, min_value=0, label=_("Originals"))
    copies = blocks.IntegerBlock(required=False, min_value=0, label=_("Copies"))
    form_name = blocks.CharBlock(
        required=False, max_length=500, label=_("Form template")
    )
    form_document = DocumentChooserBlock(required=False, label=_("Form file"))
    notes = blocks.TextBlock(required=False, label=_("Notes"))

    class Meta:
        icon = "doc-full"
        label = _("Documents to bring")


class DossierCaseBlock(blocks.StructBlock):
    """One case of a procedure ("Trường hợp ...") and the documents it needs."""

    case = blocks.CharBlock(required=False, max_length=1000, label=_("Case"))
    components = blocks.ListBlock(
        DossierComponentBlock(), label=_("Documents to bring")
    )

    class Meta:
        icon = "folder-open-inverse"
        label = _("Required documents")


class LegalBasisBlock(blocks.StructBlock):
    title = blocks.TextBlock(label=_("Title of the instrument"))
    number = blocks.CharBlock(
        required=False, max_length=120, label=_("Instrument number")
    )
    issued = blocks.CharBlock(required=False, max_length=40, label=_("Date issued"))
    url = blocks.URLBlock(required=False, label=_("Link to the instrument"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Legal basis")


class ResultBlock(blocks.StructBlock):
    name = blocks.TextBlock(label=_("Name of the result"))
    code = blocks.CharBlock(required=False, max_length=60, label=_("Result code"))

    class Meta:
        icon = "success"
        label = _("Result")


class StepBlock(blocks.RichTextBlock):
    class Meta:
        icon = "list-ol"
        label = _("Step")
