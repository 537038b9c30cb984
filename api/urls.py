"""/api/v1/: the endpoints, the OpenAPI schema (openapi.json) and its
documentation page (docs/), each wrapped in `api.http.api_view`."""

from django.urls import URLPattern

from .endpoints import api
from .http import api_view

app_name = "api"  # the namespace ninja reverses its own URLs in (urls_namespace)

urlpatterns, _ninja_app, _namespace = api.urls
for pattern in urlpatterns:
    if isinstance(pattern, URLPattern):
        pattern.callback = api_view(pattern.callback)
