from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import health, pages, views


def _operators_only(request) -> bool:
    """The Django admin shows every municipality's data: it is for those who run the
    installation (operators), never for another staff user (issue 11)."""
    user = request.user
    return user.is_active and user.is_staff and user.is_operator


admin.site.has_permission = _operators_only

urlpatterns = [
    path("", views.start, name="start"),
    path("healthz", health.healthz, name="healthz"),
    path("tillganglighet/", pages.accessibility_statement, name="accessibility"),
    path(
        "logga-in/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("accounts.auth_urls")),
    path("", include("accounts.urls")),
    path("", include("drafts.urls")),
    path("", include("partnerships.urls")),
    path("ekonomi/", include("finance.urls")),
    path("uppfoljning/", include("followups.urls")),
    path("dokument/", include("documents.urls")),
    path("", include("publication.urls")),
    path("arkiv/", include("archive.urls")),
    path("bilagor/", include("attachments.urls")),
    path("admin/", admin.site.urls),
]
