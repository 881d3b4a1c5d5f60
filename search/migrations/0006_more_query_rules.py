"""More starter query rules: everyday vehicle and licence names, "thôi",
English everyday words; "gia hạn visa" is the foreigners' extension.

General vocabulary, like 0004; editors change it in the admin.
"""

from django.db import migrations

RULES = [
    ("intent", "thôi => chấm dứt"),
    ("intent", "đổi chủ => thay đổi chủ"),
    ("intent", "mua bảo hiểm y tế, mua bhyt => cấp thẻ bảo hiểm y tế"),
    # The registration names say "xe", the emission and customs ones
    # "mô tô, xe gắn máy" (0002's rule for "xe máy").
    ("everyday", "xe máy, xe ô tô, ô tô, xe mô tô => xe"),
    (
        "everyday",
        "bằng a1, bằng a2, bằng b1, bằng b2, bằng c, bằng lái ô tô, "
        "bằng lái xe máy => giấy phép lái xe",
    ),
    ("everyday", "motorbike, motorcycle, scooter, car => vehicle"),
    ("everyday", "free lawyer, free legal advice => legal aid"),
    ("intent", "new => first"),
]
# Citizens have no visa: a visa extended is a foreigner's stay.
REPLACED = {
    "gia hạn visa => gia hạn tạm trú": (
        "everyday",
        "gia hạn visa => gia hạn tạm trú cho người nước ngoài",
    )
}


def load(apps, schema_editor):
    Synonym = apps.get_model("portal_search", "Synonym")
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
    dependencies = [("portal_search", "0005_verbose_names_translated")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
