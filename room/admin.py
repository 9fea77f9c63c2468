from django.contrib import admin

from .models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Staff delete any message here; the room's stream removes it live."""

    list_display = ["created", "author", "text"]
    list_select_related = ["author"]
    search_fields = ["text", "author__email"]
    date_hierarchy = "created"
    readonly_fields = ["author", "created"]
    fields = ["author", "created", "text"]

    def has_add_permission(self, request) -> bool:
        return False  # messages are posted in the room, by their authors
