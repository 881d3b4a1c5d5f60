"""Routes of the dossiers API (mounted by portal/api.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("dossiers/", views.DossierCreateView.as_view(), name="dossier-create"),
    path(
        "dossiers/<str:code>/",
        views.DossierLookupView.as_view(),
        name="dossier-detail",
    ),
    path(
        "dossiers/<str:code>/receipt/",
        views.DossierReceiptView.as_view(),
        name="dossier-receipt",
    ),
    path(
        "dossiers/<str:code>/receipt.pdf",
        views.DossierReceiptPdfView.as_view(),
        name="dossier-receipt-pdf",
    ),
    path(
        "online-filing/<str:procedure_code>/",
        views.OnlineFilingView.as_view(),
        name="online-filing",
    ),
    path(
        "dossiers/<str:code>/events/",
        views.DossierEventsView.as_view(),
        name="dossier-events",
    ),
    path(
        "procedures/<str:code>/completion-time/",
        views.CompletionTimeView.as_view(),
        name="procedure-completion-time",
    ),
    path("stats/dossiers/", views.DossierStatsView.as_view(), name="stats-dossiers"),
    path(
        "stats/dossiers/units/",
        views.DossierUnitStatsView.as_view(),
        name="stats-dossiers-units",
    ),
]
