from django.views.generic import DetailView

from .models import Institution, Municipality, Programme, Study


class ProgrammeDetailView(DetailView):
    queryset = Programme.objects.published().with_place()


class StudyDetailView(DetailView):
    model = Study


class InstitutionDetailView(DetailView):
    model = Institution


class MunicipalityDetailView(DetailView):
    model = Municipality
