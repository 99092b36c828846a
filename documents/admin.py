from django.contrib import admin
from django.db.models import F

from .models import IssuedDocument, Memo, PublicBodySettings


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """Read-only: issued documents are records."""

    list_display = ["title", "kind", "version", "agreement", "issued_by", "issued_at"]
    list_filter = ["kind"]
    exclude = ["content"]
    readonly_fields = [
        "kind",
        "agreement",
        "organisation",
        "subject_key",
        "version",
        "title",
        "filename",
        "size",
        "sha256",
        "data_sha256",
        "snapshot",
        "issued_by",
        "issued_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).without_content()


@admin.register(Memo)
class MemoAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "agreement", "memo_date", "updated_at"]
    list_filter = ["kind"]
    raw_id_fields = ["agreement", "created_by"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:  # an edit here makes an open edit form in the app stale (409 there)
            Memo.objects.filter(pk=obj.pk).update(version=F("version") + 1)


@admin.register(PublicBodySettings)
class PublicBodySettingsAdmin(admin.ModelAdmin):
    """Per public body: whether its documents need a registry number to be issued."""

    list_display = ["organisation", "require_registry_number"]
    raw_id_fields = ["organisation"]
