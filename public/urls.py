from django.urls import path
from django.utils.translation import gettext_lazy as _

from public.caching import cache_public_page
from public.compare_selection import compare_parameters

from .listing import listing_parameters
from .views import changes, compare_export, detail, listing, typeahead

app_name = "programmes"

urlpatterns = [
    path(
        _("programmes/"),
        cache_public_page(
            listing.ProgrammeListView.as_view(), parameters=listing_parameters
        ),
        name="programme_list",
    ),
    path(
        _("compare/"),
        cache_public_page(
            listing.CompareView.as_view(),
            parameters=compare_parameters,
        ),
        name="compare",
    ),
    path(
        _("compare/export/"),
        compare_export.CompareExportView.as_view(),
        name="compare_export",
    ),
    path(
        _("compare/selection/"),
        listing.CompareSelectionView.as_view(),
        name="compare_selection",
    ),
    path(_("search/suggestions/"), typeahead.suggestions, name="search_suggestions"),
    path(
        _("programmes/<slug:slug>/"),
        cache_public_page(detail.ProgrammeDetailView.as_view()),
        name="programme_detail",
    ),
    path(
        _("programmes/<slug:slug>/changes/"),
        cache_public_page(changes.ProgrammeChangesView.as_view()),
        name="programme_changes",
    ),
    path(
        _("programmes/<slug:slug>/changes/feed/"),
        cache_public_page(changes.ProgrammeChangesFeed()),
        name="programme_changes_feed",
    ),
    path(
        _("studies/<slug:slug>/"),
        cache_public_page(
            detail.StudyDetailView.as_view(), parameters=detail.listed_page_parameters
        ),
        name="study_detail",
    ),
    path(
        _("institutions/<slug:slug>/"),
        cache_public_page(
            detail.InstitutionDetailView.as_view(),
            parameters=detail.listed_page_parameters,
        ),
        name="institution_detail",
    ),
    path(
        _("cities/<slug:slug>/"),
        cache_public_page(
            detail.MunicipalityDetailView.as_view(),
            parameters=detail.listed_page_parameters,
        ),
        name="municipality_detail",
    ),
]
