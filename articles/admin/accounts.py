"""Users and groups as in Django's admin, with every change of rights written
to the audit log together with who made it."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from articles import audit


def permission_labels(permissions):
    return {f"权限：{p.content_type.app_label}.{p.codename}" for p in permissions.select_related("content_type")}


class AuditedRightsMixin:
    def rights(self, obj, initial):
        """The rights `obj` holds, as labels; `initial` has the form's values before the edit."""
        raise NotImplementedError

    def save_related(self, request, form, formsets, change):
        # save_model has run, but the many-to-many rows are still the old ones.
        before = self.rights(form.instance, form.initial) if change else set()
        super().save_related(request, form, formsets, change)
        after = self.rights(form.instance, None)
        if before != after:
            audit.record(
                request.user,
                audit.Action.PERMISSIONS,
                form.instance,
                request=request,
                added=sorted(after - before),
                removed=sorted(before - after),
            )


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AuditedUserAdmin(AuditedRightsMixin, UserAdmin):
    def rights(self, user, initial):
        superuser = initial.get("is_superuser", False) if initial is not None else user.is_superuser
        return (
            {f"角色：{group.name}" for group in user.groups.all()}
            | permission_labels(user.user_permissions)
            | ({"超级用户"} if superuser else set())
        )


@admin.register(Group)
class AuditedGroupAdmin(AuditedRightsMixin, GroupAdmin):
    def rights(self, group, initial):
        return permission_labels(group.permissions)
