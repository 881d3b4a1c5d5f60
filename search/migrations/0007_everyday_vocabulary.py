"""A broad starter vocabulary: what citizens type, in the catalogue's words.

Everyday names, abbreviations, intent words and question words of the
fields citizens come for (civil status, residence, identity cards,
passports, driving licences and vehicles, land, building, household
businesses, taxes, social and health insurance, certification, criminal
records, support), each target checked against the national export's
names (``search/eval/README.md``: "what citizens type → what the catalogue
says"). General vocabulary, like 0002, 0004 and 0006, not answers to
particular queries; editors change it in the admin (Tìm kiếm → Từ đồng
nghĩa). Rules match words as typed (``search.synonyms``): a source with
diacritics is met by the same word typed with them or without any.
"""

from django.db import migrations

RULES = [
    # --- abbreviations --------------------------------------------------
    ("abbreviation", "gcnqsdđ, gcn qsdđ => giấy chứng nhận quyền sử dụng đất"),
    ("abbreviation", "cmt => thẻ căn cước"),
    ("abbreviation", "bnn, bệnh nghề nghiệp"),
    ("abbreviation", "kcb, khám chữa bệnh"),
    (
        "abbreviation",
        "dưỡng sức, nghỉ dưỡng sức, dưỡng sức phục hồi sức khỏe => dsphsk",
    ),
    ("abbreviation", "tnhh, trách nhiệm hữu hạn"),
    ("abbreviation", "cty => công ty"),
    ("abbreviation", "dntn => doanh nghiệp tư nhân"),
    ("abbreviation", "gpkd => đăng ký thành lập hộ kinh doanh, đăng ký doanh nghiệp"),
    ("abbreviation", "ct01 => đăng ký thường trú, đăng ký tạm trú"),
    ("abbreviation", "nđd => người đại diện"),
    # --- civil status ---------------------------------------------------
    (
        "everyday",
        "nhận cha con, nhận mẹ con, nhận con ruột, công nhận cha con, "
        "nhận bố con => nhận cha mẹ con",
    ),
    ("everyday", "nhận con nuôi, xin con nuôi => nuôi con nuôi"),
    ("everyday", "qua đời, đã chết, chết, từ trần => khai tử"),
    # Not "bố mất": "bố mất căn cước" is a loss (0004's "mất").
    (
        "everyday",
        "lấy vợ, lấy chồng, cưới vợ, cưới chồng, đám cưới => đăng ký kết hôn",
    ),
    (
        "everyday",
        "lấy chồng nước ngoài, lấy vợ nước ngoài, lấy chồng ngoại, "
        "lấy vợ ngoại, lấy chồng tây => đăng ký kết hôn có yếu tố nước ngoài",
    ),
    (
        "everyday",
        "sửa giấy khai sinh, sửa khai sinh, sai giấy khai sinh, "
        "giấy khai sinh bị sai => thay đổi cải chính bổ sung thông tin hộ tịch",
    ),
    ("everyday", "ghi chú => ghi vào sổ hộ tịch"),
    ("everyday", "việt kiều => người việt nam định cư ở nước ngoài"),
    ("everyday", "bỏ quốc tịch => thôi quốc tịch"),
    ("everyday", "xin quốc tịch, vào quốc tịch => nhập quốc tịch"),
    # --- residence ------------------------------------------------------
    ("everyday", "chuyển hộ khẩu, chuyển khẩu => đăng ký thường trú"),
    ("everyday", "báo tạm vắng, trình báo tạm vắng => khai báo tạm vắng"),
    (
        "everyday",
        "đăng ký lưu trú, khai báo lưu trú, báo lưu trú, khai báo khách ở "
        "=> thông báo lưu trú",
    ),
    (
        "everyday",
        "xác nhận cư trú, giấy xác nhận cư trú, xác nhận nơi cư trú, "
        "xác nhận nơi ở => xác nhận thông tin về cư trú",
    ),
    ("intent", "hủy đăng ký, huỷ đăng ký => xóa đăng ký"),
    # --- identity cards, passports ----------------------------------------
    ("everyday", "chứng minh nhân dân => thẻ căn cước"),
    (
        "everyday",
        "căn cước gắn chip, cccd gắn chip, thẻ căn cước gắn chip => thẻ căn cước",
    ),
    ("everyday", "hộ chiếu gắn chip, hộ chiếu điện tử => hộ chiếu phổ thông"),
    (
        "everyday",
        "đi nước ngoài, ra nước ngoài, xuất ngoại => hộ chiếu, xuất cảnh",
    ),
    # --- driving licences, vehicles ----------------------------------------
    (
        "everyday",
        "thi bằng lái, học bằng lái, thi lái xe, học lái xe, thi gplx "
        "=> cấp giấy phép lái xe",
    ),
    (
        "everyday",
        "rút hồ sơ gốc xe, rút hồ sơ xe, rút hồ sơ gốc "
        "=> thu hồi chứng nhận đăng ký xe",
    ),
    (
        "everyday",
        "bấm biển số, bấm biển, lấy biển số, bốc biển số => cấp biển số xe",
    ),
    ("everyday", "giấy tờ xe => chứng nhận đăng ký xe"),
    # --- land -------------------------------------------------------------
    (
        "everyday",
        "sang tên sổ hồng, sang tên đất, sang tên nhà đất, sang tên nhà "
        "=> đăng ký biến động chuyển nhượng quyền sử dụng đất",
    ),
    (
        "everyday",
        "mua bán đất, chuyển nhượng đất, mua đất, bán đất, mua nhà đất, "
        "bán nhà đất => chuyển nhượng quyền sử dụng đất",
    ),
    (
        "everyday",
        "cho tặng đất, tặng cho đất, tặng đất, cho con đất "
        "=> tặng cho quyền sử dụng đất",
    ),
    (
        "everyday",
        "thừa kế đất, thừa kế nhà đất, hưởng thừa kế đất, đất thừa kế "
        "=> thừa kế quyền sử dụng đất",
    ),
    (
        "everyday",
        "làm sổ đỏ lần đầu, cấp sổ đỏ lần đầu, làm sổ đỏ mới "
        "=> đăng ký đất đai cấp giấy chứng nhận quyền sử dụng đất lần đầu",
    ),
    ("everyday", "thổ cư, đất thổ cư => đất ở"),
    (
        "everyday",
        "chuyển đất nông nghiệp, chuyển đổi mục đích sử dụng đất, "
        "chuyển mục đích đất => chuyển mục đích sử dụng đất",
    ),
    (
        "everyday",
        "sửa sổ đỏ, sổ đỏ bị sai, sửa sai sổ đỏ, sai sót sổ đỏ, sổ đỏ sai "
        "=> đính chính giấy chứng nhận",
    ),
    (
        "everyday",
        "cập nhật sổ đỏ, đổi thông tin sổ đỏ, cập nhật thông tin sổ đỏ "
        "=> đăng ký biến động thay đổi thông tin về người sử dụng đất",
    ),
    (
        "everyday",
        "tranh chấp đất, lấn đất, lấn chiếm đất, tranh chấp ranh giới "
        "=> hòa giải tranh chấp đất đai, giải quyết tranh chấp đất đai",
    ),
    (
        "everyday",
        "cầm sổ đỏ, thế chấp sổ đỏ, thế chấp nhà đất, vay thế chấp "
        "=> đăng ký biện pháp bảo đảm bằng quyền sử dụng đất",
    ),
    (
        "everyday",
        "đóng trước bạ, nộp trước bạ, thuế trước bạ, phí trước bạ "
        "=> khai lệ phí trước bạ",
    ),
    (
        "everyday",
        "thuế đất, thuế nhà đất, thuế đất ở => thuế sử dụng đất phi nông nghiệp",
    ),
    # --- building -----------------------------------------------------------
    (
        "everyday",
        "giấy phép xây nhà, xin phép xây nhà, xây nhà, xây nhà mới, "
        "làm nhà mới => cấp giấy phép xây dựng mới, giấy phép xây dựng",
    ),
    (
        "everyday",
        "sửa nhà, sửa chữa nhà, cải tạo nhà, nâng tầng "
        "=> giấy phép xây dựng sửa chữa cải tạo",
    ),
    # --- household businesses, enterprises, taxes -------------------------------
    (
        "everyday",
        "giấy phép kinh doanh, giấy đăng ký kinh doanh, đăng ký kinh doanh "
        "=> giấy chứng nhận đăng ký hộ kinh doanh, đăng ký thành lập hộ kinh doanh, "
        "đăng ký thành lập doanh nghiệp",
    ),
    (
        "everyday",
        "mở quán, mở cửa hàng, mở tiệm, mở shop, mở quán ăn, mở quán cà phê, "
        "mở tạp hóa, mở sạp, buôn bán nhỏ => đăng ký thành lập hộ kinh doanh",
    ),
    (
        "everyday",
        "kinh doanh hộ gia đình, hộ gia đình kinh doanh, kinh doanh tại nhà "
        "=> hộ kinh doanh",
    ),
    (
        "everyday",
        "trả giấy phép kinh doanh, nộp lại giấy phép kinh doanh, "
        "dẹp tiệm, nghỉ bán => chấm dứt hoạt động hộ kinh doanh",
    ),
    (
        "intent",
        "đổi địa chỉ, chuyển địa điểm, chuyển địa chỉ, đổi ngành nghề, "
        "thêm ngành nghề, đổi chủ hộ => thay đổi nội dung đăng ký",
    ),
    (
        "everyday",
        "mở công ty, thành lập công ty, lập công ty => đăng ký thành lập công ty, "
        "đăng ký thành lập doanh nghiệp",
    ),
    ("everyday", "khắc dấu, làm con dấu, làm dấu => đăng ký mẫu con dấu"),
    (
        "everyday",
        "đăng ký người phụ thuộc, giảm trừ gia cảnh "
        "=> đăng ký thuế người phụ thuộc",
    ),
    ("intent", "đóng thuế => nộp thuế, khai thuế"),
    # --- social and health insurance -------------------------------------------
    (
        "everyday",
        "rút bảo hiểm, rút sổ bảo hiểm, rút bhxh một lần, lãnh bhxh một lần, "
        "nhận bhxh một lần => hưởng bảo hiểm xã hội một lần",
    ),
    ("everyday", "sổ bảo hiểm => sổ bhxh"),
    (
        "everyday",
        "tiền thai sản, nghỉ sinh, nghỉ đẻ, chế độ sinh con, nghỉ thai sản "
        "=> hưởng chế độ thai sản",
    ),
    ("everyday", "nghỉ ốm, tiền ốm, ốm đau bhxh => hưởng chế độ ốm đau"),
    ("everyday", "về hưu, nghỉ hưu => hưởng lương hưu"),
    ("everyday", "tiền mai táng, trợ cấp mai táng, mai táng phí => chế độ tử tuất"),
    (
        "everyday",
        "gia hạn bảo hiểm y tế, gia hạn thẻ bảo hiểm y tế, gia hạn bhyt "
        "=> đăng ký đóng cấp thẻ bhyt",
    ),
    (
        "everyday",
        "đổi nơi khám bệnh, đổi nơi khám chữa bệnh ban đầu, đổi bệnh viện "
        "=> cấp đổi thẻ bảo hiểm y tế",
    ),
    (
        "everyday",
        "hoàn tiền khám bệnh, đòi lại tiền khám, thanh toán tiền khám, "
        "hoàn tiền bhyt => thanh toán trực tiếp chi phí khám chữa bệnh bhyt",
    ),
    (
        "everyday",
        "gộp sổ bảo hiểm, gộp sổ bhxh, sai thông tin sổ bảo hiểm "
        "=> điều chỉnh thông tin trên sổ bhxh",
    ),
    # --- certification, justice ---------------------------------------------------
    ("everyday", "công chứng giấy tờ, công chứng bản photo => chứng thực bản sao"),
    (
        "everyday",
        "viết di chúc, làm di chúc, lập di chúc => chứng thực di chúc",
    ),
    (
        "everyday",
        "dịch thuật công chứng, dịch công chứng, công chứng bản dịch "
        "=> chứng thực chữ ký người dịch",
    ),
    (
        "everyday",
        "từ chối thừa kế, từ chối nhận thừa kế, không nhận thừa kế "
        "=> từ chối nhận di sản",
    ),
    (
        "everyday",
        "chia thừa kế, chia di sản, phân chia thừa kế => phân chia di sản",
    ),
    (
        "everyday",
        "giấy không tiền án, xác nhận không tiền án, tiền án tiền sự, án tích "
        "=> phiếu lý lịch tư pháp",
    ),
    ("intent", "khiếu kiện => khiếu nại"),
    # --- support ---------------------------------------------------------------------
    ("spelling", "liệt sĩ => liệt sỹ"),
    (
        "everyday",
        "xin hộ nghèo, làm hộ nghèo, xét hộ nghèo, đăng ký hộ nghèo, "
        "sổ hộ nghèo => công nhận hộ nghèo",
    ),
    (
        "everyday",
        "xin hộ cận nghèo, làm hộ cận nghèo, xét hộ cận nghèo, "
        "đăng ký hộ cận nghèo => công nhận hộ cận nghèo",
    ),
    (
        "everyday",
        "xác nhận thu nhập thấp, giấy thu nhập thấp "
        "=> công nhận người lao động có thu nhập thấp",
    ),
    # --- intent words -------------------------------------------------------------
    (
        "intent",
        "sửa thông tin, đổi thông tin, cập nhật thông tin "
        "=> điều chỉnh thông tin, thay đổi thông tin",
    ),
    (
        "intent",
        "tra cứu, tra cứu thông tin, xem thông tin "
        "=> khai thác thông tin, cung cấp thông tin",
    ),
    ("intent", "online, qua mạng => trực tuyến"),
    (
        "filler",
        "mất bao nhiêu ngày, mất mấy ngày, mất bao nhiêu tiền, "
        "bao nhiêu ngày, mấy ngày, bao lâu thì có, khi nào có, khi nào, "
        "lúc nào",
    ),
    (
        "filler",
        "cần chuẩn bị gì, cần chuẩn bị những gì, hồ sơ gồm những gì, "
        "hồ sơ gồm gì, gồm những gì, giấy tờ gì, những giấy tờ gì, "
        "cần giấy tờ nào, thủ tục gồm những gì",
    ),
    (
        "filler",
        "có được không, được không, có mất phí không, có mất tiền không, "
        "có phải không",
    ),
    ("filler", "cho bố, cho mẹ, cho người nhà"),
    (
        "filler",
        "how long does it take, how long, how much does it cost, how much, "
        "what documents, which documents, documents needed, "
        "required documents, where",
    ),
    # --- English --------------------------------------------------------------------
    (
        "everyday",
        "citizen id, national id, citizen identity card, citizen id card, "
        "national id card => identity card",
    ),
    ("everyday", "driving permit, drivers licence, driver licence => driving licence"),
    (
        "everyday",
        "business license, business licence, business permit, "
        "business registration certificate => business registration",
    ),
    (
        "everyday",
        "red book, pink book, land title, title deed, "
        "land use certificate, land use rights certificate "
        "=> land use right certificate",
    ),
    ("everyday", "marry, married, get married, wedding => marriage"),
    ("everyday", "born, newborn, baby => birth"),
    ("everyday", "died, deceased, dead, passed away => death"),
    ("everyday", "residency, household registration => residence"),
    (
        "everyday",
        "police record, police clearance, background check, "
        "criminal background check, judicial record => criminal record",
    ),
    (
        "everyday",
        "notarise, notarize, notarised copy, notarized copy, "
        "copy certification => certified copy",
    ),
    ("everyday", "medical insurance => health insurance"),
    ("everyday", "social security => social insurance"),
    ("everyday", "adopt, adopt a child => adoption"),
    ("everyday", "tax id, tax number, tin => tax code, tax registration"),
]
# Replaced by rules above that say what the catalogue says: a household's
# building permit is "công trình cấp III, cấp IV", never "nhà ở"; a land
# transfer is the "đăng ký biến động" of "chuyển nhượng, thừa kế, tặng cho".
REMOVED = [
    "giấy phép xây nhà, xin phép xây nhà => giấy phép xây dựng nhà ở",
]
REPLACED = {
    "sang tên sổ đỏ => đăng ký biến động quyền sử dụng đất": (
        "everyday",
        "sang tên sổ đỏ => đăng ký biến động quyền sử dụng đất, "
        "đăng ký biến động chuyển nhượng quyền sử dụng đất",
    ),
}


def load(apps, schema_editor):
    Synonym = apps.get_model("portal_search", "Synonym")
    Synonym.objects.filter(rule__in=REMOVED).delete()
    for old, (kind, new) in REPLACED.items():
        Synonym.objects.filter(rule=old).delete()
        Synonym.objects.get_or_create(rule=new, defaults={"kind": kind})
    for kind, rule in RULES:
        Synonym.objects.get_or_create(rule=rule, defaults={"kind": kind})
    # Queries read the rules from the shared cache: the new ones apply now.
    from search import synonyms

    try:
        synonyms.forget()
    except Exception:  # noqa: BLE001 - no cache during migrate: nothing cached
        pass


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0006_more_query_rules")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
