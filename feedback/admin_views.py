"""Officials' inbox in the Wagtail admin: list, work a petition, figures.

Every view reads petitions through :func:`feedback.services.petitions_for`,
so an official sees and acts on their own agency's petitions only and an
administrator on all of them; every action goes through a service that
writes the audit trail.
"""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from catalogue.models import Agency
from core import periods, workdays
from core.admin_views import RecordHandleView
from core.officials import official_agency
from core.text import InputRefused, clean_input

from . import satisfaction, services
from .models import Petition, PetitionAttachment, PetitionStatus, Screening

DEADLINE_CHOICES = [("overdue", _("Overdue")), ("due_soon", _("Due soon"))]
# The legal deadlines (Decision 766/QĐ-TTg) as the inbox names them.
DEADLINE_LABELS = {
    "acceptance": _("Accept or refuse"),
    "answer": _("Answer"),
    "publish": _("Publish the answer"),
}


class PetitionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PetitionStatus.choices
    )
    screening = django_filters.ChoiceFilter(
        label=_("Screening"), choices=Screening.choices
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"),
        queryset=Agency.objects.filter(petitions__isnull=False).distinct(),
    )
    deadline = django_filters.ChoiceFilter(
        label=_("Deadlines"), choices=DEADLINE_CHOICES, method="filter_deadline"
    )

    class Meta:
        model = Petition
        fields = ["status", "screening", "agency", "deadline"]

    def filter_deadline(self, queryset, name, value):
        if value == "overdue":
            return queryset.filter(services.overdue_q())
        if value == "due_soon":
            return queryset.filter(services.due_soon_q())
        return queryset


def next_due(petition: Petition):
    if petition.status == PetitionStatus.RECEIVED:
        return petition.acceptance_due
    if petition.status in (PetitionStatus.ACCEPTED, PetitionStatus.HANDLING):
        return petition.answer_due
    if petition.status == PetitionStatus.ANSWERED:
        return petition.publish_due
    return None


class CountdownColumn(Column):
    def get_value(self, instance):
        due = next_due(instance)
        if due is None:
            return "—"
        left = workdays.working_days_left(due)
        if left < 0:
            return _("%(date)s (overdue by %(days)d working days)") % {
                "date": f"{due:%d/%m/%Y}",
                "days": -left,
            }
        return _("%(date)s (%(days)d working days left)") % {
            "date": f"{due:%d/%m/%Y}",
            "days": left,
        }


class PetitionIndexView(IndexView):
    any_permission_required = ["change", "view"]

    def get_base_queryset(self):
        return services.petitions_for(self.request.user)


class PetitionHandleView(RecordHandleView):
    """One petition: details, attachments, audit trail and the action forms."""

    template_name = "feedback/admin/petition_handle.html"
    header_icon = "mail"
    permission = "feedback.change_petition"
    section_label = "PAKN"

    def records_for(self, user):
        return services.petitions_for(user)

    def record_label(self, record) -> str:
        return record.tracking_code

    @property
    def petition(self) -> Petition:
        return self.record

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        petition = self.petition
        agency = petition.agency
        officials = get_user_model().objects.filter(is_active=True)
        if agency is not None:
            officials = officials.filter(official_profile__agency=agency)
        context.update(
            petition=petition,
            events=petition.events.select_related("actor"),
            attachments=petition.attachments.all(),
            deadlines=[
                {**d, "label": DEADLINE_LABELS.get(d["name"], d["name"])}
                for d in services.deadlines(petition)
            ],
            officials=officials.order_by("username")[:200],
            attachment_url_name=self.viewset.get_url_name("attachment"),
            masks=kwargs.get("masks", petition.extra_masks),
            masks_text="\n".join(kwargs.get("masks", [])),
            public=self.public_copy(kwargs.get("masks", [])),
            mask_placeholder=services.EXTRA_MASK,
        )
        return context

    def public_copy(self, masks: list[str]) -> dict:
        """The public copy as it will be published with ``masks`` applied."""
        petition = self.petition
        return {
            "title": services.apply_extra_masks(petition.public_title, masks),
            "body": services.apply_extra_masks(petition.public_body, masks),
            "answer": services.apply_extra_masks(petition.public_answer, masks),
        }

    @staticmethod
    def extra_masks(request) -> list[str]:
        """What the official marked: each selection (a hidden ``extra_mask``
        input added by the script) and each line of the textarea."""
        lines = request.POST.get("extra_masks_text", "").splitlines()
        return [*request.POST.getlist("extra_mask"), *lines]

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action == "preview":
            return self.preview(request)
        # Officials type too: the same cleaning as every citizen's text.
        try:
            text = clean_input(request.POST.get("text", ""))
        except InputRefused:
            text = ""
        user = request.user
        pk = self.petition.pk
        handlers = {
            "release": lambda: services.release(pk, user),
            "accept": lambda: services.accept(pk, user),
            "reject": lambda: services.reject(pk, user, text),
            "handling": lambda: services.start_handling(pk, user),
            "note": lambda: services.add_note(pk, user, text),
            "answer": lambda: services.write_answer(pk, user, text),
            "publish": lambda: services.publish(pk, user, self.extra_masks(request)),
            "assign": lambda: services.assign(pk, user, self._assignee(request)),
        }
        handler = handlers.get(action)
        if handler is None:
            messages.error(request, _("Invalid action."))
        else:
            try:
                handler()
            except services.PetitionError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Recorded."))
        return HttpResponseRedirect(request.path)

    def preview(self, request):
        """The page again with the public copy as it would be published (no JS)."""
        try:
            masks = services.extra_masks_from(self.extra_masks(request))
        except services.PetitionError as exc:
            messages.error(request, str(exc))
            masks = []
        context = self.get_context_data(masks=masks)
        return self.render_to_response(context)

    def _assignee(self, request):
        assignee = (
            get_user_model()
            .objects.filter(pk=request.POST.get("assignee") or 0, is_active=True)
            .first()
        )
        if assignee is None:
            raise services.PetitionError(_("Choose the official to handle it."))
        if not (
            services.can_manage_all(assignee)
            or official_agency(assignee) == self.petition.agency
        ):
            raise services.PetitionError(
                _("The chosen person does not belong to the handling agency.")
            )
        return assignee


class AttachmentView(View):
    """Staff download of an attachment, scoped like the petition itself."""

    def get(self, request, pk):
        if not request.user.has_perm("feedback.view_petition"):
            raise PermissionDenied
        attachment = get_object_or_404(
            PetitionAttachment.objects.select_related("petition"), pk=pk
        )
        if (
            not services.petitions_for(request.user)
            .filter(pk=attachment.petition_id)
            .exists()
        ):
            raise Http404
        response = FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class PetitionViewSet(ModelViewSet):
    model = Petition
    icon = "mail"
    menu_label = _("Petitions")
    menu_order = 210
    add_to_admin_menu = True
    copy_view_enabled = False
    # Petitions are not referenced by other content; indexing every intake
    # save would only cost the workers a write.
    add_to_reference_index = False
    index_view_class = PetitionIndexView
    filterset_class = PetitionFilterSet
    ordering = ["-submitted_at"]
    list_per_page = 50
    list_display = [
        "title",
        "tracking_code",
        "agency",
        "status",
        "screening",
        "submitted_at",
        CountdownColumn("due", label=_("Next deadline")),
    ]
    list_export = [
        "tracking_code",
        "kind",
        "title",
        "agency",
        "procedure",
        "status",
        "screening",
        "submitted_at",
        "acceptance_due",
        "answer_due",
        "accepted_at",
        "rejected_at",
        "answered_at",
        "published_at",
        "assigned_to",
    ]
    export_filename = "phan-anh-kien-nghi"
    search_fields = ["tracking_code", "title"]

    def get_common_view_kwargs(self, **kwargs):
        # Petitions are never created, edited as forms or deleted in the admin:
        # they move only through the actions of the handle view.
        return {
            **super().get_common_view_kwargs(**kwargs),
            "add_url_name": None,
            "delete_url_name": None,
            "history_url_name": None,
            "usage_url_name": None,
        }

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(
                "edit/<int:pk>/",
                PetitionHandleView.as_view(viewset=self),
                name="edit",
            ),
            path("attachment/<int:pk>/", AttachmentView.as_view(), name="attachment"),
            path("satisfaction/", SatisfactionView.as_view(), name="satisfaction"),
        ]


class SatisfactionView(WagtailAdminTemplateMixin, TemplateView):
    """Satisfaction per agency for a period, with bars and intervals."""

    template_name = "feedback/admin/satisfaction.html"
    page_title = _("Satisfaction")
    header_icon = "pick"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("feedback.view_petition"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Share of satisfied citizens, by agency and counter: %(period)s") % {
            "period": periods.in_words(self.period)
        }

    def get_context_data(self, **kwargs):
        raw = self.request.GET.get("period") or f"{timezone.localdate():%Y}"
        try:
            period = periods.parse_period(raw)
        except periods.PeriodError:
            period = periods.parse_period(None)
        self.period = period
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if services.can_manage_all(user):
            agencies = Agency.objects.filter(counter_ratings__isnull=False).distinct()
        else:
            own = official_agency(user)
            agencies = (
                Agency.objects.filter(pk=own.pk) if own else Agency.objects.none()
            )
        rows, counters = [], []
        for agency in agencies.order_by("name")[:100]:
            figures = satisfaction.satisfaction_figures(agency.pk, period)
            rows.append(
                {"agency": agency, "figures": figures, **_bar(figures["counter"])}
            )
            by_counter = satisfaction.counter_breakdown(agency.pk, period)
            # One unnamed counter says nothing the agency's row does not.
            if any(row["counter"] for row in by_counter):
                counters += [
                    {"agency": agency, "figures": row, **_bar(row)}
                    for row in by_counter
                ]
        context.update(period=period, raw_period=raw, rows=rows, counters=counters)
        return context


def _bar(figures: dict) -> dict:
    """The share satisfied and its interval in whole percent, for the bars."""
    share = figures["share_satisfied"]
    return {
        "percent": round(100 * share["value"]) if share["value"] else 0,
        "ci": [round(100 * x) for x in share["ci95"]] if share["ci95"] else None,
    }
