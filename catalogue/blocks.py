"""StreamField blocks for the structured parts of a procedure.

Channels, fees, dossier components, legal basis and results are structured so
that the API can serve them as data and editors edit them field by field; the
importer fills them from the national portal's flattened tables.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from .facts import TIME_UNITS, UNIT_BASES

CHANNEL_KINDS = [
    ("direct", "Trực tiếp"),
    ("postal", "Dịch vụ bưu chính"),
    ("online", "Trực tuyến"),
]


class FeeBlock(blocks.StructBlock):
    amount = blocks.DecimalBlock(required=False, min_value=0, decimal_places=2)
    currency = blocks.CharBlock(default="VND", max_length=8)
    label = blocks.CharBlock(
        required=False, max_length=200, label="Tên khoản thu", help_text="Lệ phí, Phí …"
    )
    description = blocks.TextBlock(required=False, label="Ghi chú")
    is_free = blocks.BooleanBlock(required=False, label="Miễn phí")
    exemptions = blocks.TextBlock(required=False, label="Đối tượng miễn, giảm")

    class Meta:
        icon = "tag"
        label = "Phí, lệ phí"


class ChannelBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=CHANNEL_KINDS, label="Hình thức nộp")
    processing_time = blocks.DecimalBlock(
        required=False, min_value=0, decimal_places=2, label="Thời hạn giải quyết"
    )
    time_unit = blocks.ChoiceBlock(
        choices=TIME_UNITS,
        required=False,
        label="Đơn vị",
        help_text="Để trống khi nguồn không ghi: trang ghi “Không ghi rõ đơn vị”.",
    )
    time_unit_basis = blocks.ChoiceBlock(
        choices=UNIT_BASES,
        required=False,
        label="Đơn vị lấy từ",
        help_text="Đơn vị ghi trong bảng, hay suy ra từ hồ sơ thủ tục khi nhập.",
    )
    time_text = blocks.TextBlock(required=False, label="Thời hạn (nguyên văn)")
    fees = blocks.ListBlock(FeeBlock(), default=[], label="Phí, lệ phí")
    description = blocks.TextBlock(required=False, label="Mô tả")

    class Meta:
        icon = "site"
        label = "Cách thức thực hiện"


class DossierComponentBlock(blocks.StructBlock):
    name = blocks.TextBlock(label="Tên giấy tờ")
    originals = blocks.IntegerBlock(required=False, min_value=0, label="Bản chính")
    copies = blocks.IntegerBlock(required=False, min_value=0, label="Bản sao")
    form_name = blocks.CharBlock(
        required=False, max_length=500, label="Mẫu đơn, tờ khai"
    )
    form_document = DocumentChooserBlock(required=False, label="Tệp mẫu đơn")
    notes = blocks.TextBlock(required=False, label="Ghi chú")

    class Meta:
        icon = "doc-full"
        label = "Giấy tờ"


class DossierCaseBlock(blocks.StructBlock):
    """One case of a procedure ("Trường hợp ...") and the documents it needs."""

    case = blocks.CharBlock(required=False, max_length=1000, label="Trường hợp")
    components = blocks.ListBlock(DossierComponentBlock(), label="Giấy tờ")

    class Meta:
        icon = "folder-open-inverse"
        label = "Thành phần hồ sơ"


class LegalBasisBlock(blocks.StructBlock):
    title = blocks.TextBlock(label="Tên văn bản")
    number = blocks.CharBlock(required=False, max_length=120, label="Số hiệu")
    issued = blocks.CharBlock(required=False, max_length=40, label="Ngày ban hành")
    url = blocks.URLBlock(required=False, label="Liên kết")

    class Meta:
        icon = "doc-full-inverse"
        label = "Căn cứ pháp lý"


class ResultBlock(blocks.StructBlock):
    name = blocks.TextBlock(label="Tên kết quả")
    code = blocks.CharBlock(required=False, max_length=60, label="Mã kết quả")

    class Meta:
        icon = "success"
        label = "Kết quả"


class StepBlock(blocks.RichTextBlock):
    class Meta:
        icon = "list-ol"
        label = "Bước"
