"""Officials' dossier work in the Wagtail admin: tokens, queue, statistics.

* API tokens of the desk systems: listed per agency, created with the raw
  token shown once (only its hash is kept), revoked by unticking "đang dùng".
* The queue: the dossiers of the official's agency (every agency for
  managers), online ones first, with the steps of their handling recorded
  through :func:`dossiers.services.record_action`, i.e. as events, so the
  statistics and the public lookup see them like the desk feed's.
* Statistics: on-time figures per agency for a period, drawn as an SVG chart
  (pygal) with the same figures in a table.
"""

from __future__ import annotations

import datetime as dt
import secrets
import xml.etree.ElementTree as ET  # noqa: S405 - parses pygal's output only

import django_filters
import pygal
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import path
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from pygal.style import Style
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import CreateView

from catalogue.models import Agency
from core import periods
from core.admin_views import RecordHandleView
from core.officials import official_agency

from . import eforms, services, statistics
from .models import Channel, Dossier, DossierDocument, EventKind, hash_token

# --- API tokens -------------------------------------------------------------


class TokenCreateView(CreateView):
    """Creates a token and shows it once instead of redirecting."""

    def save_instance(self):
        self.raw_token = secrets.token_urlsafe(32)
        self.form.instance.token_hash = hash_token(self.raw_token)
        return super().save_instance()

    def save_action(self):
        context = self.get_context_data(form=self.form)
        context.update(token=self.object, raw_token=self.raw_token)
        response = self.response_class(
            request=self.request,
            template=["dossiers/admin/token_created.html"],
            context=context,
        )
        response["Cache-Control"] = "no-store, private"
        return response


# --- The queue ----------------------------------------------------------------


class DossierFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EventKind.choices)
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Dossier
        fields = ["status", "channel", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is True:
            return queryset.filter(services.overdue_q())
        if value is False:
            return queryset.exclude(services.overdue_q())
        return queryset


class DeadlineColumn(Column):
    def get_value(self, instance):
        due = instance.due_date or instance.promised_at
        date = f"{due:%d/%m/%Y}"
        if instance.closed_at is not None:
            return _("%(date)s (done)") % {"date": date}
        if instance.status == EventKind.SUPPLEMENT_REQUESTED:
            return _("%(date)s (paused for a supplement)") % {"date": date}
        if due < timezone.localdate():
            return _("%(date)s (overdue)") % {"date": date}
        return date


class DossierIndexView(IndexView):
    any_permission_required = ["change", "view"]

    def get_base_queryset(self):
        # Online filings first: nobody stands at a counter waiting for them.
        return (
            services.dossiers_for(self.request.user)
            .annotate(
                online_first=Case(
                    When(channel=Channel.ONLINE, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("online_first", "-received_at")
        )


ACTION_LABELS = {
    EventKind.HANDLING: _("Accept and pass on for handling"),
    EventKind.SUPPLEMENT_REQUESTED: _("Supplement requested"),
    EventKind.SUPPLEMENT_RECEIVED: _("Supplement received"),
    EventKind.RESOLVED: _("Resolved"),
    EventKind.RETURNED: _("Result returned"),
    EventKind.REJECTED: _("Resolution refused"),
    EventKind.WITHDRAWN: _("Stop at the applicant's request"),
    EventKind.APOLOGISED: _("Apologise and set a new date"),
}


# How the handle view judges a dossier (``services.classify``).
TIMELINESS_LABELS = {
    "early": _("Resolved early"),
    "on_time": _("Resolved on time"),
    "late": _("Resolved late"),
    "pending_within": _("Pending, within the deadline"),
    "pending_overdue": _("Pending, overdue"),
    "rejected": _("Resolution refused"),
    "withdrawn": _("Stopped at the applicant's request"),
}


def _date_or_none(raw: str) -> dt.date | None:
    """A date typed in the form (YYYY-MM-DD from a date input, or DD/MM/YYYY)."""
    raw = raw.strip()
    if not raw:
        return None
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(raw, form).date()
        except ValueError:
            continue
    raise services.ActionRefused(
        _("Invalid date “%(date)s”: use day/month/year.") % {"date": raw}
    )


class DossierHandleView(RecordHandleView):
    """One dossier: details, documents, history and the allowed steps."""

    template_name = "dossiers/admin/dossier_handle.html"
    header_icon = "folder-open-inverse"
    permission = "dossiers.change_dossier"
    section_label = _("Dossiers")

    def records_for(self, user):
        return services.dossiers_for(user)

    def record_label(self, record) -> str:
        return record.code

    @property
    def dossier(self) -> Dossier:
        return self.record

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = self.dossier
        state = services.replay(dossier.events.all())
        today = timezone.localdate()
        context.update(
            dossier=dossier,
            events=services.history(dossier),
            documents=dossier.documents.all(),
            eforms=[
                {
                    "title": eform.get("title") or eform.get("name", ""),
                    "fields": [
                        (field.get("label", ""), eforms.shown(field))
                        for field in eform.get("fields", [])
                    ],
                }
                for eform in dossier.eforms or []
            ],
            deadline=services.deadline(dossier.promised_at, state, today),
            timeliness=TIMELINESS_LABELS[
                services.classify(dossier.promised_at, state, today)
            ],
            actions=[
                (kind, ACTION_LABELS[kind], services.ACTIONS[kind][1])
                for kind in services.allowed_actions(dossier)
            ],
            document_url_name=self.viewset.get_url_name("document"),
            supplement_warning=services.second_supplement_warning(dossier),
            earliest_new_date=dossier.promised_at + dt.timedelta(days=1),
        )
        return context

    def post(self, request, *args, **kwargs):
        kind = request.POST.get("action", "")
        warning = (
            services.second_supplement_warning(self.dossier)
            if kind == EventKind.SUPPLEMENT_REQUESTED
            else None
        )
        try:
            new_date = _date_or_none(request.POST.get("new_date", ""))
            services.record_action(
                request.user,
                self.dossier.pk,
                kind,
                note=request.POST.get("note", ""),
                result=request.POST.get("result", ""),
                new_date=new_date,
            )
        except services.ActionRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Recorded."))
            if warning:
                messages.warning(request, warning)
        return HttpResponseRedirect(request.path)


class DocumentView(View):
    """Staff download of an uploaded document, scoped like the dossier."""

    def get(self, request, pk):
        if not request.user.has_perm("dossiers.view_dossier"):
            raise PermissionDenied
        document = get_object_or_404(DossierDocument, pk=pk)
        if (
            not services.dossiers_for(request.user)
            .filter(pk=document.dossier_id)
            .exists()
        ):
            raise Http404
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


# --- Statistics ---------------------------------------------------------------

SERIES = [
    ("resolved_early", _("Early"), "#1b7837"),
    ("resolved_on_time", _("On time"), "#5aae61"),
    ("resolved_late", _("Late"), "#c51b7d"),
    ("pending_within", _("Pending, within the deadline"), "#92c5de"),
    ("pending_overdue", _("Pending, overdue"), "#f4a582"),
]
MAX_AGENCIES = 30
# pygal's default family is monospace (Consolas, Courier…), which many
# machines lack or draw without Vietnamese letters; the chart names the
# bundled DejaVu Sans and loads it itself, so "Ủy ban", "hữu" read right.
CHART_FONT = "DejaVu Sans"
CHART_FONT_FILES = {
    "normal": "dossiers/fonts/DejaVuSans.ttf",
    "bold": "dossiers/fonts/DejaVuSans-Bold.ttf",
}


def chart_font_css() -> str:
    return "".join(
        f"@font-face{{font-family:'{CHART_FONT}';font-weight:{weight};"
        f"src:url('{static(path)}') format('truetype')}}"
        for weight, path in CHART_FONT_FILES.items()
    )


def stats_chart(rows: list[dict]) -> str:
    """A horizontal stacked bar per agency, as inline SVG (no scripts)."""
    style = Style(
        colors=tuple(colour for _, _, colour in SERIES),
        font_family=f"'{CHART_FONT}', sans-serif",
    )
    chart = pygal.HorizontalStackedBar(
        style=style,
        css=["file://style.css", "file://graph.css", "inline:" + chart_font_css()],
        js=[],
        disable_xml_declaration=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        height=max(240, 60 + 40 * len(rows)),
        width=900,
        print_values=False,
        show_y_guides=False,
        truncate_label=40,
        no_data_text=str(_("No dossiers yet")),
    )
    chart.title = str(_("Dossiers by outcome"))
    chart.x_labels = [str(row["label"]) for row in rows]
    for name, label, _colour in SERIES:
        chart.add(str(label), [row["stats"][name] for row in rows])
    return _without_scripts(chart.render(is_unicode=True))


def _without_scripts(svg: str) -> str:
    """pygal inlines a config script for its tooltips: the admin needs none."""
    ET.register_namespace("", "http://www.w3.org/2000/svg")
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(svg)  # noqa: S314 - pygal's own output
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return ET.tostring(root, encoding="unicode")


class DossierStatsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "dossiers/admin/statistics.html"
    page_title = _("Dossier statistics")
    header_icon = "table"

    def get_page_title(self):
        return _("Dossiers resolved early, on time and late, by agency: %(period)s") % {
            "period": periods.in_words(self.period)
        }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("dossiers.view_dossier"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        default = f"{today:%Y}-Q{(today.month - 1) // 3 + 1}"
        raw = self.request.GET.get("period") or default
        try:
            period = periods.parse_period(raw)
        except periods.PeriodError:
            period = None
        if period is None or period.start is None:
            messages.error(self.request, _("Invalid period: use 2025-Q2 or 2025-06."))
            raw, period = default, periods.parse_period(default)
        self.period = period
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rows = []
        if services.can_manage_all(user):
            province = statistics.dossier_stats(period)
            rows.append({"label": _("Whole province"), "stats": province.as_dict()})
            agencies = Agency.objects.filter(dossiers__isnull=False).distinct()
        else:
            own = official_agency(user)
            agencies = (
                Agency.objects.filter(pk=own.pk) if own else Agency.objects.none()
            )
        for agency in agencies.order_by("name")[:MAX_AGENCIES]:
            figures = statistics.dossier_stats(period, agency)
            rows.append({"label": agency.name, "stats": figures.as_dict()})
        context.update(
            period=period,
            raw_period=raw,
            rows=rows,
            series=SERIES,
            chart=mark_safe(stats_chart(rows)) if rows else "",  # noqa: S308 - pygal escapes its labels and _without_scripts drops its only script
        )
        return context


class DossierViewSet(ModelViewSet):
    model = Dossier
    icon = "folder-open-inverse"
    menu_label = _("Dossiers")
    menu_order = 212
    add_to_admin_menu = True
    copy_view_enabled = False
    add_to_reference_index = False
    index_view_class = DossierIndexView
    filterset_class = DossierFilterSet
    list_per_page = 50
    list_display = [
        "code",
        "procedure",
        "agency",
        "channel",
        "organisation_name",
        "status",
        "received_at",
        DeadlineColumn("due", label=_("Deadline")),
    ]
    list_export = [
        "code",
        "procedure",
        "agency",
        "channel",
        "applicant_kind",
        "organisation_name",
        "enterprise_code",
        "status",
        "received_at",
        "promised_at",
        "due_date",
        "resolved_at",
        "supplement_requests",
    ]
    export_filename = "ho-so"
    search_fields = ["code", "organisation_name", "enterprise_code"]

    def get_common_view_kwargs(self, **kwargs):
        # Dossiers come from the desks and the online form; in the admin they
        # move only through the recorded steps of the handle view.
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
                "edit/<int:pk>/", DossierHandleView.as_view(viewset=self), name="edit"
            ),
            path("document/<int:pk>/", DocumentView.as_view(), name="document"),
            path("statistics/", DossierStatsView.as_view(), name="statistics"),
        ]
