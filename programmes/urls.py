from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views, views_listing

app_name = "programmes"

urlpatterns = [
    path(
        _("programmes/"),
        views_listing.ProgrammeListView.as_view(),
        name="programme_list",
    ),
    path(_("compare/"), views_listing.CompareView.as_view(), name="compare"),
    path(
        _("compare/selection/"),
        views_listing.CompareSelectionView.as_view(),
        name="compare_selection",
    ),
    path(
        _("programmes/<slug:slug>/"),
        views.ProgrammeDetailView.as_view(),
        name="programme_detail",
    ),
    path(
        _("studies/<slug:slug>/"), views.StudyDetailView.as_view(), name="study_detail"
    ),
    path(
        _("institutions/<slug:slug>/"),
        views.InstitutionDetailView.as_view(),
        name="institution_detail",
    ),
    path(
        _("cities/<slug:slug>/"),
        views.MunicipalityDetailView.as_view(),
        name="municipality_detail",
    ),
]
