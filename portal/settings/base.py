"""Settings shared by every environment. dev.py, test.py and prod.py build on this."""

from pathlib import Path

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
    "portal",
    "programmes",
    "surveys",
    "careers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.StripNullCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware needs the session and must run before CommonMiddleware,
    # which may redirect to the language-prefixed URL.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "programmes.context_processors.compare_tray",
            ],
        },
    },
]

DATABASES = {"default": env_database(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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

# Uploaded images: formats, byte size and pixel limits (programmes.images).
IMAGE_UPLOAD_FORMATS = ("JPEG", "PNG", "WEBP")
IMAGE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
IMAGE_UPLOAD_MAX_PIXELS = 25_000_000
IMAGE_THUMBNAIL_SIZE = (160, 160)

# --- Reliability of published figures (portal.figures) ----------------------
# Studiekeuze123, "Uitgebreide Technische Verantwoording SIC 2019": a survey score is
# shown only with at least 5 unweighted respondents and a 95% margin (with finite
# population correction) below 0.5; a labour-market figure needs 20 respondents.
SURVEY_MIN_RESPONDENTS = 5
SURVEY_MAX_MARGIN = 0.5
CAREERS_MIN_RESPONDENTS = 20

# Real open data from DUO lives beside the repository (../shared/data).
OPENDATA_DIR = Path(env_str("OPENDATA_DIR", str(BASE_DIR.parent / "shared" / "data")))

LOGIN_URL = "admin:login"
