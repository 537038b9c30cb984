from django.views.generic import TemplateView

from programmes.models import Level

HOME_LEVELS = [Level.HBO_AD, Level.HBO_BA, Level.WO_BA, Level.HBO_MA, Level.WO_MA]


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        levels = [(level.value, level.label) for level in HOME_LEVELS]
        return super().get_context_data(levels=levels, **kwargs)
