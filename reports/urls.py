from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportsView.as_view(), name="reports"),
    path(
        "imports/<int:pk>/rejected-rows.csv",
        views.rejected_rows_download,
        name="rejected_rows",
    ),
    path(
        _("login/"),
        auth_views.LoginView.as_view(
            template_name="reports/login.html",
            redirect_authenticated_user=True,
            next_page=reverse_lazy("reports:reports"),
        ),
        name="login",
    ),
    path(
        _("logout/"),
        auth_views.LogoutView.as_view(next_page=reverse_lazy("home")),
        name="logout",
    ),
]
