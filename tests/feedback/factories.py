"""factory_boy factories for feedback."""

from __future__ import annotations

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from core import workdays
from feedback import services
from feedback.models import Petition, PetitionKind
from tests.catalogue.factories import AgencyFactory


class PetitionFactory(DjangoModelFactory):
    """A petition as stored by submission (intake not yet run)."""

    class Meta:
        model = Petition

    tracking_code = factory.LazyFunction(services.new_tracking_code)
    kind = PetitionKind.SUGGESTION
    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Kiến nghị số {n} về giờ làm việc")
    body = factory.Sequence(
        lambda n: (
            f"Đề nghị số {n}: mở cửa bộ phận một cửa vào sáng thứ bảy "
            f"để người lao động kịp nộp hồ sơ, mã {n * 7919}."
        )
    )
    name = "Nguyễn Văn An"
    phone = factory.Sequence(lambda n: f"09{n:08d}")
    phone_normalised = factory.LazyAttribute(lambda o: o.phone)
    email = "an@example.com"
    consent_publish = True
    submitted_at = factory.LazyFunction(timezone.now)
    acceptance_due = factory.LazyAttribute(
        lambda o: workdays.add_working_days(o.submitted_at, services.ACCEPT_WITHIN)
    )
    info_due = factory.LazyAttribute(
        lambda o: workdays.add_working_days(o.submitted_at, services.ASK_INFO_WITHIN)
    )
    answer_due = factory.LazyAttribute(
        lambda o: workdays.add_working_days(o.submitted_at, services.ANSWER_WITHIN)
    )
    client_hash = factory.Sequence(lambda n: services.client_hash(f"10.0.0.{n}"))
