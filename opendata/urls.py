from django.urls import path

from . import views

app_name = "opendata"

# The same address in both languages (/nl/open-data/, /en/open-data/), as the
# issue names it: researchers cite it.
urlpatterns = [
    path("open-data/", views.OpenDataView.as_view(), name="page"),
    path("open-data/<str:name>", views.download, name="file"),
]
