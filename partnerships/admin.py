from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Agreement,
    Board,
    ContactPerson,
    Goal,
    Organisation,
    Party,
    Responsibility,
    Signatory,
    Termination,
    User,
)


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """The change history is a record: it can be read in the admin, never reverted.

    ``SIMPLE_HISTORY_REVERT_DISABLED`` only hides the revert button; a POST to a
    historical version's page would still write the old values back. Refuse it here."""

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("Historiken kan inte ändras eller återställas.")
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(User)
class IopUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("IOP", {"fields": ("organisation", "role", "is_organisation_admin")}),
    )
    list_display = ("username", "get_full_name", "organisation", "role", "is_superuser")


class ContactInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyHistoryAdmin):
    list_display = ("name", "organisation_number", "sector", "successor")
    search_fields = ("name", "organisation_number")
    inlines = [ContactInline]


admin.site.register(Board)


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyHistoryAdmin):
    list_display = ("title", "registry_number", "period_start", "period_end", "approved")
    search_fields = ("title", "registry_number")
    inlines = [PartyInline, GoalInline]


admin.site.register(Responsibility, ReadOnlyHistoryAdmin)
admin.site.register(Signatory, ReadOnlyHistoryAdmin)
admin.site.register(Termination, ReadOnlyHistoryAdmin)
