"""An expired or damaged paper is renewed ("cấp đổi", "đổi"), and a few more
English everyday words in the catalogue's English names.

0004 dropped "hết hạn, bị hỏng, bị rách" from queries as the asker's own
words; they say what the citizen needs: "căn cước hết hạn" is "Cấp đổi thẻ
căn cước", "bằng lái bị hỏng" is "Đổi giấy phép lái xe". General vocabulary,
like 0007; editors change it in the admin.
"""

from django.db import migrations

RULES = [
    ("intent", "hết hạn, bị hỏng, bị rách, hư hỏng, bị hư => cấp đổi, đổi"),
    ("everyday", "id => identity card"),
    ("everyday", "death certificate => death registration"),
    ("everyday", "maternity leave => maternity benefit"),
    ("everyday", "sick leave => sickness benefit"),
    (
        "everyday",
        # "my" is dropped first (0004's English filler words).
        "close a business, close business, close a shop, close shop "
        "=> closing a household business",
    ),
    ("everyday", "guest registration, register a guest => notification of a stay"),
]
REMOVED = ["hết hạn, bị hỏng, bị rách"]
REPLACED: dict[str, tuple[str, str]] = {}


def load(apps, schema_editor):
    Synonym = apps.get_model("portal_search", "Synonym")
    Synonym.objects.filter(rule__in=REMOVED).delete()
    for kind, rule in RULES:
        Synonym.objects.get_or_create(rule=rule, defaults={"kind": kind})
    from search import synonyms

    try:
        synonyms.forget()
    except Exception:  # noqa: BLE001 - no cache during migrate: nothing cached
        pass


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0007_everyday_vocabulary")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
