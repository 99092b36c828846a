"""Settings for the IOP register. The environment is read here and only here."""

import os
from pathlib import Path

import environ
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    TIME_ZONE=(str, "Europe/Stockholm"),
    LANGUAGE_CODE=(str, "sv"),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-only-for-debug")
else:
    SECRET_KEY = env("SECRET_KEY")  # required outside debug: raises ImproperlyConfigured
ALLOWED_HOSTS = env("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "common",
    "partnerships",
    "attachments",
    "accounts",
    "drafts",
    "finance",
    "followups",
    "initiatives",
    "documents",
    "publication",
    "archive",
    "iop",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The idle timeout first; a POST answered by "sign in first" keeps what was typed.
    "drafts.middleware.SessionIdleMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
    "drafts.middleware.KeepWorkMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "iop.middleware.NoStoreForSignedInMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iop.urls"
WSGI_APPLICATION = "iop.wsgi.application"
ASGI_APPLICATION = "iop.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "iop.context_processors.navigation",
                "drafts.context_processors.drafts",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches. "default" as Django's default (per process; django-allauth's rate limits use it).
# "pages" holds rendered page bodies (common.pagecache), keyed by the data version that
# every write bumps (common.dataversion) and by the user: per process (LocMemCache) is
# enough, since the version lives in the database and every worker reads it; a shared cache
# (IOP_PAGE_CACHE_URL=redis://...) would only raise the hit rate. IOP_PAGE_CACHE_SECONDS=0
# switches the page cache off.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        **env.cache_url("IOP_PAGE_CACHE_URL", default="locmemcache://iop-pages"),
        "TIMEOUT": env.int("IOP_PAGE_CACHE_SECONDS", default=600),
        "OPTIONS": {"MAX_ENTRIES": env.int("IOP_PAGE_CACHE_ENTRIES", default=2000)},
    },
}
IOP_PAGE_CACHE_SECONDS = env.int("IOP_PAGE_CACHE_SECONDS", default=600)

AUTH_USER_MODEL = "partnerships.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses logins while a username or address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling against password guessing: 5 failed attempts for the same username
# from the same address lock that combination out for 15 minutes.
IOP_LOGIN_FAILURES_PER_USERNAME = env.int("AXES_FAILURE_LIMIT", default=5)
# Failures from one address across all usernames before the address is locked out.
IOP_LOGIN_FAILURES_PER_ADDRESS = env.int("IOP_LOGIN_FAILURES_PER_ADDRESS", default=20)
AXES_FAILURE_LIMIT = "iop.throttling.failure_limit"
AXES_COOLOFF_TIME = 0.25  # hours
# Locked out per username and address; per address across usernames: iop/throttling.py.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS 5.0 level 2: at least 12 characters.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env("LANGUAGE_CODE")
# Swedish only until the texts are translated: a browser preferring English must not get
# Django's own messages in English on a page that says lang="sv". Texts are marked for
# translation, so adding ("en", "English") here and a locale/en catalogue is all it takes.
LANGUAGES = [("sv", "Svenska")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT", default=str(VAR_DIR / "staticfiles"))
MEDIA_ROOT = env("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "media/"

# Uploaded files (attachments) go through Django's storage API: MEDIA_ROOT by default, an
# S3-compatible bucket when IOP_S3_BUCKET is set. Files are never served from a public URL:
# the scoped download view streams them.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
IOP_S3_BUCKET = env("IOP_S3_BUCKET", default="")
if IOP_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": IOP_S3_BUCKET,
            "endpoint_url": env("IOP_S3_ENDPOINT_URL", default="") or None,
            "region_name": env("IOP_S3_REGION", default="") or None,
            "access_key": env("IOP_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("IOP_S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env("IOP_S3_PREFIX", default=""),
            "default_acl": None,  # the bucket's own (private) policy
            "querystring_auth": True,  # no unsigned URLs, should one ever be built
            "file_overwrite": False,
            "addressing_style": env("IOP_S3_ADDRESSING_STYLE", default="") or None,
        },
    }
IOP_ATTACHMENT_MAX_BYTES = env.int("IOP_ATTACHMENT_MAX_MB", default=20) * 1024 * 1024
# In development and tests static files come from the finders; in production from
# collectstatic's STATIC_ROOT.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# E-mail (Django 6.1 MAILERS): console in debug, SMTP otherwise; EMAIL_BACKEND overrides.
_email_backend = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_email_options = {}
if _email_backend.endswith("smtp.EmailBackend"):
    _email_options = {
        "host": env("EMAIL_HOST", default="localhost"),
        "port": env.int("EMAIL_PORT", default=25),
        "username": env("EMAIL_HOST_USER", default="") or None,
        "password": env("EMAIL_HOST_PASSWORD", default="") or None,
        "use_tls": env.bool("EMAIL_USE_TLS", default=False),
    }
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="iop-registret@localhost")

# Content Security Policy (Django's own): only our own files; a script needs the nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

SESSION_COOKIE_HTTPONLY = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Idle timeout: a session unused this long is signed out (drafts.middleware); a notice
# IOP_SESSION_WARN_MINUTES before it offers to stay signed in. The database row lives a
# little longer so that the middleware, which knows whose session it was, signs it out.
IOP_SESSION_IDLE_MINUTES = env.int("IOP_SESSION_IDLE_MINUTES", default=120)
IOP_SESSION_WARN_MINUTES = env.int("IOP_SESSION_WARN_MINUTES", default=5)
SESSION_COOKIE_AGE = IOP_SESSION_IDLE_MINUTES * 60 + 120
# What a person typed is never lost: a form POST refused because the session had expired
# or the CSRF check failed is kept this long (then restored after signing in again), and
# autosaved drafts of long texts this many days.
IOP_KEPT_FORM_HOURS = 24
IOP_DRAFT_DAYS = env.int("IOP_DRAFT_DAYS", default=7)
CSRF_FAILURE_VIEW = "drafts.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probed over plain HTTP inside the network
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Background tasks (Django's task framework) stored in the database (django-tasks-db).
# Run the worker next to the web process: ``python manage.py db_worker`` (see the README).
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# The change history (django-simple-history) is a record: no revert button in the admin
# (partnerships.admin.ReadOnlyHistoryAdmin also refuses a revert POST).
SIMPLE_HISTORY_REVERT_DISABLED = True

IOP_PAGINATE_BY = 25
# Shown on the accessibility statement (tillgänglighetsredogörelse) as the contact for
# reporting accessibility problems; set it before going live (DIGG expects a real contact).
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL", default="")

# The electronic seal (PAdES) of issued documents (documents/sealing.py): the installation's
# seal, a PKCS#12 file with the public body's certificate and key; per body (one
# installation, several public bodies) IOP_SEAL_PKCS12_<orgnr digits> and
# IOP_SEAL_PASSPHRASE_<orgnr digits> override it. Without one, documents are unsealed
# unless IOP_SEAL_REQUIRED is on. IOP_SEAL_TRUST_ROOTS: PEM files the verification page
# trusts (the seal certificate's CA). `manage.py create_dev_seal` makes a test seal.
IOP_SEAL = {
    "pkcs12": env("IOP_SEAL_PKCS12", default=""),
    "passphrase": env("IOP_SEAL_PASSPHRASE", default="") or None,
}
IOP_SEALS = {
    key.removeprefix("IOP_SEAL_PKCS12_"): {
        "pkcs12": value,
        "passphrase": os.environ.get("IOP_SEAL_PASSPHRASE_" + key.removeprefix("IOP_SEAL_PKCS12_"))
        or None,
    }
    for key, value in os.environ.items()
    if key.startswith("IOP_SEAL_PKCS12_") and value
}
IOP_SEAL_REQUIRED = env.bool("IOP_SEAL_REQUIRED", default=False)
IOP_SEAL_TRUST_ROOTS = env.list("IOP_SEAL_TRUST_ROOTS", default=[])
# The verification page accepts uploads up to this size (bytes).
IOP_VERIFY_MAX_BYTES = env.int("IOP_VERIFY_MAX_BYTES", default=20 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# --- Sign-in: invitations, two-factor authentication, single sign-on (app ``accounts``) ---
# Two-factor authentication (TOTP + recovery codes, django-otp) for administrators,
# operators, board staff and partner administrators. On by default when DEBUG is off.
IOP_REQUIRE_MFA = env.bool("IOP_REQUIRE_MFA", default=not DEBUG)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="IOP-registret")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day

# OpenID Connect through django-allauth (socialaccount, openid_connect provider): one
# provider for municipal staff (e.g. Entra ID), one for the eID broker that partners use.
# Nobody gets an account by signing in: accounts.sso matches invited, active users only.
ACCOUNT_ADAPTER = "accounts.sso.ClosedAccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.sso.MatchingSocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_EMAIL_VERIFICATION = "none"


def _oidc_app(prefix: str, provider_id: str, name: str, **extra) -> list[dict]:
    server_url = env(f"{prefix}_SERVER_URL", default="")
    if not server_url:
        return []
    return [
        {
            "provider_id": provider_id,
            "name": env(f"{prefix}_NAME", default=name),
            "client_id": env(f"{prefix}_CLIENT_ID"),
            "secret": env(f"{prefix}_CLIENT_SECRET"),
            "settings": {
                "server_url": server_url,
                "token_auth_method": "client_secret_post",
                "oauth_pkce_enabled": True,
                **extra,
            },
        }
    ]


SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            *_oidc_app("IOP_OIDC_STAFF", "staff", "Organisationskonto (SSO)"),
            *_oidc_app("IOP_OIDC_EID", "eid", "E-legitimation", fetch_userinfo=True),
        ],
    }
}
# Staff: the identity provider's tenant claim (Entra ID: ``tid``) names the public body,
# "TENANT=ORGNR,TENANT=ORGNR"; a user is matched on the e-mail claim within that body.
IOP_OIDC_STAFF_TENANT_CLAIM = env("IOP_OIDC_STAFF_TENANT_CLAIM", default="tid")
IOP_OIDC_STAFF_TENANTS = env.dict("IOP_OIDC_STAFF_TENANTS", default={})
# eID broker: the claim with the personal identity number (Sweden Connect's name) and the
# key of the HMAC that is kept instead of the number.
IOP_EID_PERSONAL_NUMBER_CLAIM = env(
    "IOP_EID_PERSONAL_NUMBER_CLAIM",
    default="https://id.oidc.se/claim/personalIdentityNumber",
)
IOP_EID_HMAC_KEY = env("IOP_EID_HMAC_KEY", default="")
_eid_configured = any(
    app["provider_id"] == "eid" for app in SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]
)
if _eid_configured and not IOP_EID_HMAC_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("IOP_OIDC_EID_SERVER_URL is set: IOP_EID_HMAC_KEY is required.")
