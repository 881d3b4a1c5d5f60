"""Make the catalogue index the site's root page (replacing Wagtail's welcome page)."""

from django.db import migrations

ROOT_SLUG = "thu-tuc-hanh-chinh"


def create_catalogue_root(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    CatalogueIndexPage = apps.get_model("catalogue.CatalogueIndexPage")

    if CatalogueIndexPage.objects.exists():
        return
    root = Page.objects.get(depth=1)
    # Wagtail's first migration leaves a plain "Welcome" page; remove it so the
    # catalogue takes its place.
    Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page"
    ).delete()
    taken = set(Page.objects.filter(depth=2).values_list("path", flat=True))
    number = 1
    while f"{root.path}{number:04d}" in taken:
        number += 1
    content_type, _ = ContentType.objects.get_or_create(
        app_label="catalogue", model="catalogueindexpage"
    )
    index = CatalogueIndexPage.objects.create(
        title="Thủ tục hành chính",
        draft_title="Thủ tục hành chính",
        slug=ROOT_SLUG,
        content_type=content_type,
        path=f"{root.path}{number:04d}",
        depth=2,
        numchild=0,
        url_path=f"/{ROOT_SLUG}/",
        locale_id=root.locale_id,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page_id=index.id, is_default_site=True
        )
    else:
        site.root_page_id = index.id
        site.save(update_fields=["root_page"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
        ("wagtailcore", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_catalogue_root, migrations.RunPython.noop),
    ]
