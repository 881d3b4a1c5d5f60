"""A starter list of synonyms: common abbreviations and everyday names.

Vocabulary of Vietnamese administrative language that holds for any query;
editors extend it in the admin (Tìm kiếm → Từ đồng nghĩa).
"""

from django.db import migrations

ABBREVIATIONS = [
    "cccd, căn cước công dân, thẻ căn cước",
    "cmnd, chứng minh nhân dân",
    "gplx, giấy phép lái xe",
    "bhyt, bảo hiểm y tế",
    "bhxh, bảo hiểm xã hội",
    "bhtn, bảo hiểm thất nghiệp",
    "tncn, thu nhập cá nhân",
    "tndn, thu nhập doanh nghiệp",
    "gtgt, vat, giá trị gia tăng",
    "mst, mã số thuế",
    "pccc, phòng cháy chữa cháy",
    "gcn, giấy chứng nhận",
    "qsdđ, quyền sử dụng đất",
    "gpxd, giấy phép xây dựng",
    "đkkd, đăng ký kinh doanh",
    "hkd, hộ kinh doanh",
    "ubnd, ủy ban nhân dân",
    "lltp, lý lịch tư pháp",
    "xnc, xuất nhập cảnh",
    "tthc, thủ tục hành chính",
    "atgt, an toàn giao thông",
    "tnlđ, tai nạn lao động",
]

EVERYDAY = [
    "sổ đỏ => giấy chứng nhận quyền sử dụng đất",
    "sổ hồng => giấy chứng nhận quyền sử dụng đất quyền sở hữu nhà ở",
    "giấy độc thân, xác nhận độc thân => xác nhận tình trạng hôn nhân",
    "hộ khẩu => thường trú",
    "nhập hộ khẩu => đăng ký thường trú",
    "bằng lái xe, bằng lái => giấy phép lái xe",
    "giấy khai sinh => khai sinh",
    "trích lục khai sinh => trích lục hộ tịch giấy khai sinh",
    "giấy chứng tử => khai tử",
    "báo mất => trình báo mất",
    "làm lại, làm mới => cấp lại",
    "đổi => cấp đổi",
    "làm => cấp, đăng ký",
    "xin => cấp",
    "với người nước ngoài => có yếu tố nước ngoài",
    "xe máy => mô tô xe gắn máy",
    "sang tên xe => đăng ký sang tên xe",
    "sang tên => thay đổi chủ",
    "mở hộ kinh doanh, thành lập hộ kinh doanh => đăng ký thành lập hộ kinh doanh",
    "mã số thuế => đăng ký thuế",
    "đăng ký hộ kinh doanh => đăng ký thành lập hộ kinh doanh",
    "đăng ký doanh nghiệp => đăng ký thành lập doanh nghiệp",
    "thẻ bảo hiểm y tế, thẻ bhyt => thẻ bảo hiểm y tế",
    "visa => thị thực",
    "giấy phép xây nhà, xin phép xây nhà => giấy phép xây dựng nhà ở",
    "chứng minh thư => căn cước",
    "công chứng bản sao => chứng thực bản sao",
    "hộ chiếu, passport",
    "kết hôn, cưới => đăng ký kết hôn",
    "ly hôn, ly dị",
    "con nuôi => nuôi con nuôi",
]


def load(apps, schema_editor):
    Synonym = apps.get_model("portal_search", "Synonym")
    for kind, rules in (("abbreviation", ABBREVIATIONS), ("everyday", EVERYDAY)):
        for rule in rules:
            Synonym.objects.get_or_create(rule=rule, defaults={"kind": kind})


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_synonyms_and_zero_results")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
