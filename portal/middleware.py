from django.http import QueryDict


class StripNullCharactersMiddleware:
    """Remove NUL characters from query strings before any view reads them.

    No legitimate link carries one, and PostgreSQL refuses them in text, so a
    crafted `?q=%00` would otherwise become a server error on any page that
    filters by a parameter. (Forms already refuse NUL: ProhibitNullCharactersValidator.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(
                    key.replace("\x00", ""), [v.replace("\x00", "") for v in values]
                )
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
