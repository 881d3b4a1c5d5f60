"""factory_boy factories for the catalogue."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from catalogue.models import Agency, Field, ProcedurePage
from catalogue.services import ensure_catalogue_root


class FieldFactory(DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Ủy ban nhân dân xã số {n}")
    level = "xa"


class ProcedurePageFactory(factory.Factory):
    """Creates a procedure under the catalogue root and publishes it."""

    class Meta:
        model = ProcedurePage

    title = factory.Sequence(lambda n: f"Thủ tục số {n}")
    code = factory.Sequence(lambda n: f"9.{n:06d}")
    slug = factory.LazyAttribute(lambda o: o.code.replace(".", "-"))
    field = factory.SubFactory(FieldFactory)
    levels = "xa"

    @classmethod
    def _create(cls, model_class, *args, live=True, **kwargs):
        root = ensure_catalogue_root()
        page = model_class(*args, live=live, **kwargs)
        root.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        page.refresh_from_db()
        return page
