"""The public listing and compare pages (the detail pages live in views.py)."""

from django import forms
from django.contrib import messages
from django.contrib.messages.constants import DEFAULT_TAGS
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from figures.publication import INSUFFICIENT_INFORMATION
from programmes.models import Programme, Study
from public.caching import page_cache_skip
from public.compare import compare_table, programmes_for_comparison
from public.compare_export import EXPORT_LINKS
from public.compare_selection import (
    MAX_COMPARED,
    CompareSelection,
    asks_only_differences,
    compare_parameters,
    compare_url,
    return_address,
    selection_change,
)
from public.listing import programme_listing


class ProgrammeListView(TemplateView):
    template_name = "programmes/programme_list.html"

    def get_context_data(self, **kwargs):
        listing = programme_listing(self.request.GET)
        if listing.notes:  # they quote the address as typed
            page_cache_skip(self.request)
        return super().get_context_data(listing=listing, **kwargs)


class ComparedProgrammesMixin:
    """The programmes a compare address names (?p=slug&p=slug or ?study=slug),
    and their table: shared by the page and its export, so both show the same."""

    def compared(self, notes: list[str]):
        """The study (or None) and the table (or None); `notes` gets what was
        left out of the address."""
        study, programmes = self._chosen(notes)
        if not programmes:
            return study, None
        table = compare_table(
            programmes, only_differences=asks_only_differences(self.request.GET)
        )
        return study, table

    def _chosen(self, notes):
        study_slug = self.request.GET.get("study", "")[:120]
        if study_slug:
            study = get_object_or_404(Study, slug=study_slug)
            queryset = study.programmes.order_by("-summary__students", "name", "pk")
            total = queryset.published().count()
            if total > MAX_COMPARED:
                notes.append(
                    _(
                        "This study has %(total)s programmes; the %(max)s with the "
                        "most students are compared."
                    )
                    % {"total": total, "max": MAX_COMPARED}
                )
            return study, programmes_for_comparison(queryset)
        slugs = list(dict.fromkeys(self.request.GET.getlist("p")))
        if len(slugs) > MAX_COMPARED:
            notes.append(
                _(
                    "At most %(max)s programmes can be compared; the first %(max)s are shown."
                )
                % {"max": MAX_COMPARED}
            )
            slugs = slugs[:MAX_COMPARED]
        found = {
            p.slug: p
            for p in programmes_for_comparison(
                Programme.objects.filter(slug__in=[s[:160] for s in slugs])
            )
        }
        if len(found) < len(slugs):
            notes.append(
                _("Some programmes in the address no longer exist; they are left out.")
            )
        return None, [found[slug] for slug in slugs if slug in found]


class CompareView(ComparedProgrammesMixin, TemplateView):
    """Programmes side by side, from ?p=slug&p=slug or ?study=slug; with
    ?differences=1 only the rows in which they differ."""

    template_name = "programmes/compare.html"

    def get(self, request, *args, **kwargs):
        if "p" not in request.GET and "study" not in request.GET:
            chosen = CompareSelection(request.session).programmes()
            if chosen:
                return HttpResponseRedirect(compare_url(chosen))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        notes = []
        study, table = self.compared(notes)
        if notes:
            page_cache_skip(self.request)
        parameters = compare_parameters(self.request.GET)
        export = reverse("programmes:compare_export")
        query = urlencode(parameters)
        return super().get_context_data(
            study=study,
            table=table,
            notes=notes,
            selection_parameters=[p for p in parameters if p[0] != "differences"],
            export_links=[
                (label, f"{export}?{query}&format={file_format}")
                for file_format, label in EXPORT_LINKS
            ],
            INSUFFICIENT_INFORMATION=INSUFFICIENT_INFORMATION,
            **kwargs,
        )


class SelectionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("add", "add"), ("remove", "remove"), ("clear", "clear")]
    )
    programme = forms.SlugField(required=False, max_length=160)
    next = forms.CharField(required=False, max_length=2000)


# Sent by static/js/compare-tray.js: answer with the changed parts of the page
# (tray, button, message) instead of redirecting back to it. A POST, so never in
# the page cache.
FRAGMENT_HEADER = "X-Fragment"
COMPARE_FRAGMENT = "compare"


@method_decorator(csrf_exempt, name="dispatch")
class CompareSelectionView(View):
    """Add a programme to the visitor's comparison, remove one, or start over.

    Exempt from CSRF on purpose: the only effect is on the visitor's own list of
    programmes to compare (public data, at most 10), and the session cookie is
    SameSite=Lax, so a cross-site POST carries no session anyway. A CSRF token
    would make every page with a "Compare" button personal and uncacheable.

    A form post is answered with a redirect back and the outcome as a message;
    a request from the page's script (FRAGMENT_HEADER) with the outcome and the
    new tray and button, which the script swaps in place.
    """

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = SelectionForm(request.POST)
        if not form.is_valid():
            return self._answer(
                messages.ERROR, _("That did not work; please try again."), status=400
            )
        action = form.cleaned_data["action"]
        programme = None
        if action != "clear":
            programme = get_object_or_404(
                Programme.objects.published(), slug=form.cleaned_data["programme"]
            )
        level, text = selection_change(
            CompareSelection(request.session), action=action, programme=programme
        )
        next_url = return_address(request, form.cleaned_data["next"])
        return self._answer(level, text, next_url=next_url, programme=programme)

    def _answer(self, level, text, *, next_url=None, programme=None, status=200):
        request = self.request
        if request.headers.get(FRAGMENT_HEADER) == COMPARE_FRAGMENT:
            return TemplateResponse(
                request,
                "includes/_compare_update.html",
                {
                    "message": text,
                    "message_level": DEFAULT_TAGS[level],
                    "programme": programme,
                    "next_url": next_url or reverse("programmes:compare"),
                },
                status=status,
            )
        messages.add_message(request, level, text)
        return HttpResponseRedirect(next_url or reverse("programmes:compare"))
