"""Starter query rules: intent words, filler words, more everyday names.

General vocabulary of citizens' Vietnamese (and English) about procedures,
not answers to particular queries; editors change them in the admin
(Tìm kiếm → Từ đồng nghĩa). The filler words were a constant in
``search.queries`` before; the intent rules of 0002 move to their own kind.
"""

from django.db import migrations

INTENT = [
    "làm => cấp, đăng ký",
    "xin => cấp",
    "làm lại, làm mới => cấp lại",
    "đổi => cấp đổi",
    "báo mất, khai báo mất => trình báo mất",
    "mất, bị mất, làm mất, đánh mất => cấp lại, trình báo mất",
    "sao y, sao y bản chính, photo công chứng => chứng thực bản sao",
    "công chứng => chứng thực",
    "rút, lãnh, lĩnh, nhận tiền => hưởng",
    "mở, lập => thành lập, đăng ký thành lập",
    "đóng cửa, giải thể, thôi kinh doanh => chấm dứt hoạt động",
    "tạm nghỉ, tạm dừng => tạm ngừng",
    "thi, học => cấp",
    "register, registering => registration",
    "renew => renewal",
    "extend => extension",
    "deregister => deregistration",
]
# Moved from EVERYDAY in 0002 to INTENT above, or replaced below.
MOVED = [
    "giấy độc thân, xác nhận độc thân => xác nhận tình trạng hôn nhân",
    "làm => cấp, đăng ký",
    "xin => cấp",
    "làm lại, làm mới => cấp lại",
    "đổi => cấp đổi",
    "báo mất => trình báo mất",
]
FILLER = [
    "như thế nào, làm thế nào, thế nào, làm sao, phải làm sao, phải làm gì",
    "ở đâu, tại đâu, chỗ nào",
    "cần những gì, cần gì, cần giấy tờ gì, cần những giấy tờ gì, cần mang gì",
    "bao nhiêu tiền, hết bao nhiêu tiền, bao nhiêu, mất bao lâu, bao lâu",
    "cho con, cho bé, cho cháu, cho tôi, của tôi, tôi, muốn, có cần không",
    "làm thủ tục",
    "hết hạn, bị hỏng, bị rách",
    "how to, how do i, how can i, where to, where can i, i want to, my",
    "apply for, application for, application, get, obtain, i need, need",
]
EVERYDAY = [
    "giấy độc thân, xác nhận độc thân, chứng nhận độc thân "
    "=> xác nhận tình trạng hôn nhân",
    "đổi tên, đổi họ, sửa tên, sửa họ, sửa ngày sinh "
    "=> thay đổi cải chính thông tin hộ tịch",
    "mới mua, xe mới => lần đầu",
    "luật sư miễn phí, tư vấn luật miễn phí => trợ giúp pháp lý",
    "gia hạn visa => gia hạn tạm trú",
    "birth certificate => birth registration",
    "marriage certificate => marriage registration",
    "cà vẹt, cavet, giấy đăng ký xe => chứng nhận đăng ký xe",
    "biển số => biển số xe",
    "lên thổ cư => chuyển mục đích sử dụng đất",
    "tách sổ, tách sổ đỏ => tách thửa",
    "gộp sổ, gộp sổ đỏ => hợp thửa",
    "sang tên sổ đỏ => đăng ký biến động quyền sử dụng đất",
    "xóa thế chấp, giải chấp => xóa đăng ký biện pháp bảo đảm",
    "thế chấp => đăng ký biện pháp bảo đảm",
    "cắt khẩu, cắt hộ khẩu, xóa hộ khẩu => xóa đăng ký thường trú",
    "tách khẩu, tách hộ khẩu => tách hộ",
    "kt3, sổ tạm trú => tạm trú",
    "báo tử => khai tử",
    "hôn thú, giấy hôn thú => đăng ký kết hôn",
    "vneid, định danh điện tử => tài khoản định danh điện tử",
    "không tiền án tiền sự => lý lịch tư pháp",
    "e-visa, evisa, visa điện tử => thị thực điện tử",
    "hộ cá thể, kinh doanh cá thể => hộ kinh doanh",
    "tiền tuất => chế độ tử tuất",
    "license, driver's license, driver license, driving license => driving licence",
    "id card => identity card",
]
SPELLING = [
    "kí => ký",
    "1 lần => một lần",
    "mức 2 => mức độ 02",
]
ABBREVIATIONS = [
    "htx, hợp tác xã",
    "noxh, nhà ở xã hội",
    "atvstp, attp, an toàn thực phẩm",
    "ct07 => xác nhận thông tin về cư trú",
]


def load(apps, schema_editor):
    Synonym = apps.get_model("portal_search", "Synonym")
    Synonym.objects.filter(rule__in=MOVED).delete()
    for kind, rules in (
        ("intent", INTENT),
        ("filler", FILLER),
        ("everyday", EVERYDAY),
        ("spelling", SPELLING),
        ("abbreviation", ABBREVIATIONS),
    ):
        for rule in rules:
            Synonym.objects.get_or_create(rule=rule, defaults={"kind": kind})


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_rule_kinds")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
