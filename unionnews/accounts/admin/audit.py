from django.contrib import admin

from unionnews.accounts.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: entries are written by the code, never by hand."""

    list_display = ["at", "username", "action", "object_repr", "ip"]
    list_filter = ["action", "at"]
    search_fields = ["username", "object_repr", "object_id"]
    date_hierarchy = "at"
    readonly_fields = ["at", "actor", "username", "action", "object_id", "object_repr", "ip", "data"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
