"""Settings shared by every environment. dev.py, test.py and prod.py build on this."""

from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .env import env_database, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "insecure-dev-key-never-used-in-production")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    # django-ninja: the API (api/); installed so that its documentation page
    # serves Swagger UI from our static files, not a CDN.
    "ninja",
    "csp",
    "axes",
    "simple_history",
    "portal",
    "programmes",
    "surveys",
    "careers",
    "labour_market",
    "public",
    "reports",
    "api",
    "opendata",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside sessions and everything that uses them: marks each response to a
    # visitor with a session (logged in, or a compare selection) Cache-Control:
    # private, whichever inner layer (a view, an error page, axes) made it.
    "portal.middleware.PrivateWhenPersonalMiddleware",
    # Before sessions: anonymous GETs read the replica, if there is one.
    "portal.middleware.ReadReplicaMiddleware",
    "portal.middleware.StripNullCharactersMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware needs the session and must run before CommonMiddleware,
    # which may redirect to the language-prefixed URL.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each admin edit (django-simple-history); needs request.user.
    "simple_history.middleware.HistoryRequestMiddleware",
    # A database outage on a page becomes a friendly 503 (portal.middleware).
    "portal.middleware.DatabaseUnavailableMiddleware",
    # Login throttling; last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "public.context_processors.compare_tray",
            ],
        },
    },
]

DATABASES = {"default": env_database(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Sessions in the database, never in the cache: logging in, the admin, exports and
# the compare selection keep working while Redis is down.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A "replica" alias (prod.py: DATABASE_REPLICA_URL) serves anonymous visitors'
# public pages (portal.replica); whether it answers is asked again after this many
# seconds.
DATABASE_ROUTERS = ["portal.replica.ReplicaRouter"]
REPLICA_CHECK_SECONDS = 5
# After a content edit every app server reads the primary this long, so that no
# page is rendered (and cached) from a replica that has not replayed it yet.
REPLICA_MAX_LAG_SECONDS = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login throttling first: a locked-out client is refused before its password is checked.
AUTHENTICATION_BACKENDS = [
    "portal.auth.ThrottledLoginBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Object permissions of institution liaisons (reports.access).
    "rules.permissions.ObjectPermissionBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------
# Interface text is gettext (msgids in English); content is translated with
# modeltranslation. Dutch is the default language of the portal.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"

MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
# Content may exist in one language only: show the other one (the page says so).
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("nl", "en"), "nl": ("en",)}
# Serve the tabbed admin's jQuery from our own static files, never from a CDN.
JQUERY_URL = "admin/js/vendor/jquery/jquery.min.js"
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Files -----------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"
# The open data files (opendata/): served by a view, so no web server is needed.
# Read and written through STORAGES["opendata"] (in the bucket in production).
OPEN_DATA_ROOT = MEDIA_ROOT / "opendata"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "opendata": {
        "BACKEND": "opendata.storage.ReplacingFileSystemStorage",
        "OPTIONS": {"location": str(OPEN_DATA_ROOT)},
    },
}
# After an import the files are written again: "thread" (after the commit, in a
# thread of their own: minutes on the real catalogue), "sync" or "off".
OPEN_DATA_ON_IMPORT = "thread"

# Uploaded images: formats, byte size and pixel limits (programmes.images).
IMAGE_UPLOAD_FORMATS = ("JPEG", "PNG", "WEBP")
IMAGE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
IMAGE_UPLOAD_MAX_PIXELS = 25_000_000
IMAGE_THUMBNAIL_SIZE = (160, 160)
# Widths of the narrower copies the programme page offers in its image's srcset
# (programmes.renditions); the page is at most 64rem (1024 px) wide.
IMAGE_RENDITION_WIDTHS = (320, 640, 960, 1280)

# --- Reliability of published figures (figures.publication) ----------------------
# Studiekeuze123, "Uitgebreide Technische Verantwoording SIC 2019": a survey score is
# shown only with at least 5 unweighted respondents and a 95% margin (with finite
# population correction) below 0.5; a labour-market figure needs 20 respondents.
SURVEY_MIN_RESPONDENTS = 5
SURVEY_MAX_MARGIN = 0.5
CAREERS_MIN_RESPONDENTS = 20
# CBS's labour-market shares (figures/cohorts.py): counts are rounded to tens, so a
# share of a smaller cohort of graduates is not shown.
LABOUR_MARKET_MIN_COHORT = 100

# DUO's open data (CC0) ships with the repository in data/ (data/README.md).
OPENDATA_DIR = Path(env_str("OPENDATA_DIR", str(BASE_DIR / "data")))

# Where DUO publishes each file the portal imports, for `manage.py fetch_opendata`:
# the file's path under OPENDATA_DIR and its URL (from the folder's PROVENANCE.md).
# A file without a known URL has url None and says why; the command skips it.
OPENDATA_SOURCES = [
    {
        "path": "duo-adressen-ho/01.-instellingen-hbo-en-wo.csv",
        "url": "https://duo.nl/open_onderwijsdata/images/01.-instellingen-hbo-en-wo.csv",
    },
    {
        "path": "duo-rio-ho-erkenningen/ho_erkenningen_rio.csv",
        "url": "https://onderwijsdata.duo.nl/dataset/bb07cc6e-00fe-4100-9528-a0c5fd27d2fb"
        "/resource/28a4d89b-c223-4dbc-8deb-9d02a533f215/download/ho_erkenningen_rio.csv",
    },
    {
        "path": "duo-rio-ho-opleidingsoverzicht/ho_opleidingsoverzicht.csv",
        "url": "https://onderwijsdata.duo.nl/dataset/7c0686f4-b5c2-418e-8e44-7be0057d8084"
        "/resource/ffffa7ad-e6a2-4ba7-9fc2-a09df4128555/download/"
        "ho_opleidingsoverzicht.csv",
    },
    {
        "path": "duo-eerstejaars-wo-2013-2017/eerstejaars.csv",
        "url": None,
        "why_no_url": "DUO's file name and URL for this series are not recorded "
        "(the copy comes from a GitHub repository; see its PROVENANCE.md)",
    },
    {
        "path": "duo-eerstejaars-wo-2015-2019/wo_inscriptions_2019.csv",
        "url": "https://duo.nl/open_onderwijsdata/images/"
        "03b-eerstejaars-ingeschrevenen-wo-domein-wo-2019.csv",
    },
    {
        "path": "duo-gediplomeerden-wo-2014-2018/wo_gediplomeerden_2019.csv",
        "url": "https://duo.nl/open_onderwijsdata/images/05-gediplomeerden-wo-2019.csv",
    },
    {
        "path": "duo-ingeschrevenen-hbo-2020-2024/ingeschrevenenhbo.csv",
        "url": "https://onderwijsdata.duo.nl/dataset/978f900e-088e-4d27-804f-2d897c161c70"
        "/resource/7761bd6a-b87b-4389-a943-829872116f92/download/ingeschrevenenhbo.csv",
    },
]
# A download that takes longer or grows larger than this is refused (the largest
# file today is 3.7 MB).
OPENDATA_FETCH_TIMEOUT = 60
OPENDATA_FETCH_MAX_BYTES = 100 * 1024 * 1024
# CBS's OData service, for `manage.py fetch_cbs` (labour_market/odata.py): cbsodata
# asks <this>/ODataFeed/odata/<table>/...; tests point it at a local server.
CBS_ODATA_URL = env_str("CBS_ODATA_URL", "https://opendata.cbs.nl")

LOGIN_URL = "admin:login"

# --- Cache ------------------------------------------------------------------
# Local memory in development; production shares Redis between app servers (prod.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous public pages are cached this long (public.caching); 0 switches it off.
# Any content edit invalidates them at once, so this only bounds the cache's size.
PAGE_CACHE_SECONDS = 60 * 60
# Facet counts and the number of results of a listing search, for every visitor
# (also those with a compare selection); invalidated like the page cache.
FACET_CACHE_SECONDS = 60 * 60
# CBS's labour-market context of a study on the public pages (public.labour_market);
# invalidated like the page cache.
LABOUR_MARKET_CACHE_SECONDS = 60 * 60
# The search box's type-ahead answers (public.typeahead), per language and typed
# text; invalidated like the page cache. Short: typed texts are many and each is
# cheap to answer again.
TYPEAHEAD_CACHE_SECONDS = 5 * 60

# The open data API (api.throttling, docs/API.md): anonymous requests per client
# address in a window of this many seconds; 0 switches the limit off.
API_RATE_LIMIT = 120
API_RATE_WINDOW_SECONDS = 60
# ETag / Last-Modified and 304s on the content generation (public.caching): only
# where every process and command shares one cache, so that an edit or import
# anywhere changes them (prod.py switches it off without CACHE_URL).
API_CONDITIONAL_GET = True

# --- Security headers ---------------------------------------------------------
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Public pages run no inline script or style: everything comes from our static files.
# The admin additionally allows inline styles (portal.middleware.PortalCSPMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Features no page uses, switched off for the page and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# --- Login throttling (django-axes) ---------------------------------------------
# Covers every Django login (admin and any LoginView): after 5 failures for one
# username from one address, that pair waits 15 minutes; after 20 failures from one
# address over any usernames (password spraying), the address waits 15 minutes.
# The address limit is higher because schools and universities put many people
# behind one NAT address; only staff and liaisons log in at all.
# Axes has one limit for all AXES_LOCKOUT_PARAMETERS, so the address limit is
# counted by portal.auth.AddressThrottlingHandler.
AXES_FAILURE_LIMIT = 5
LOGIN_FAILURE_LIMIT_PER_ADDRESS = 20
AXES_HANDLER = "portal.auth.AddressThrottlingHandler"
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.auth.lockout_response"
# Which address is the client's: REMOTE_ADDR, or behind proxies the entry that the
# nearest trusted proxy added to X-Forwarded-For (TRUSTED_PROXY_COUNT in prod.py).
AXES_CLIENT_IP_CALLABLE = "portal.auth.client_ip"
TRUSTED_PROXY_COUNT = 0

# --- History (django-simple-history) ---------------------------------------------
SIMPLE_HISTORY_REVERT_DISABLED = False
