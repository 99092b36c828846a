from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
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


@admin.register(User)
class IopUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("IOP", {"fields": ("organisation", "role")}))
    list_display = ("username", "get_full_name", "organisation", "role", "is_superuser")


class ContactInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
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
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ("title", "registry_number", "period_start", "period_end", "approved")
    search_fields = ("title", "registry_number")
    inlines = [PartyInline, GoalInline]


admin.site.register(Responsibility, SimpleHistoryAdmin)
admin.site.register(Signatory, SimpleHistoryAdmin)
admin.site.register(Termination, SimpleHistoryAdmin)
