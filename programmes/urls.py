from django.urls import path
from django.utils.translation import gettext_lazy as _

from portal.caching import cache_public_page

from . import views, views_listing
from .listing import listing_parameters

app_name = "programmes"

urlpatterns = [
    path(
        _("programmes/"),
        cache_public_page(
            views_listing.ProgrammeListView.as_view(), parameters=listing_parameters
        ),
        name="programme_list",
    ),
    path(
        _("compare/"),
        cache_public_page(
            views_listing.CompareView.as_view(),
            parameters=views_listing.compare_parameters,
        ),
        name="compare",
    ),
    path(
        _("compare/selection/"),
        views_listing.CompareSelectionView.as_view(),
        name="compare_selection",
    ),
    path(
        _("programmes/<slug:slug>/"),
        cache_public_page(views.ProgrammeDetailView.as_view()),
        name="programme_detail",
    ),
    path(
        _("studies/<slug:slug>/"),
        cache_public_page(
            views.StudyDetailView.as_view(), parameters=views.listed_page_parameters
        ),
        name="study_detail",
    ),
    path(
        _("institutions/<slug:slug>/"),
        cache_public_page(
            views.InstitutionDetailView.as_view(),
            parameters=views.listed_page_parameters,
        ),
        name="institution_detail",
    ),
    path(
        _("cities/<slug:slug>/"),
        cache_public_page(
            views.MunicipalityDetailView.as_view(),
            parameters=views.listed_page_parameters,
        ),
        name="municipality_detail",
    ),
]
