from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo and synthetic data, always labelled as such: `load_demo`,
    `generate_synthetic` and `remove_synthetic`. No other app imports this one."""

    name = "demo"
    verbose_name = _("Demo and synthetic data")
