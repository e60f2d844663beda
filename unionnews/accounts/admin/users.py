"""Users and groups as in Django's admin, with two rules on top.

Nobody gains a right through someone who lacks it: a user who is not a superuser
may grant only the groups and permissions they hold themselves, never superuser,
and may not change (or reset the password of) an account or group holding a right
they lack. Every change of rights is written to the audit log with who made it.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.db.models import Q

from unionnews.accounts import audit
from unionnews.accounts.twofactor.admin import TwoFactorUserAdminMixin


def held_permissions(user):
    """Every permission `user` holds, directly or through a group; all of them for a superuser.

    Counts the rights of an inactive account too: reactivating it brings them back.
    """
    if user.is_superuser:
        return Permission.objects.all()
    return Permission.objects.filter(Q(user=user) | Q(group__user=user)).distinct()


def grantable_groups(user):
    """The groups all of whose permissions `user` holds."""
    lacking = Permission.objects.exclude(pk__in=held_permissions(user).values("pk"))
    return Group.objects.exclude(permissions__in=lacking)


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


class GrantsOnlyHeldRightsMixin:
    """For a user who is not a superuser: the rights fields offer only what they may grant,
    and an account or group holding more than they do is view-only."""

    # Many-to-many field → function(user) giving what `user` may put into it.
    grantable = {}
    refused_choice = ""
    # Fields left out of the view-only page, e.g. a button that would lead to a refusal.
    hidden_when_outranked = ()

    def permissions_of(self, obj):
        raise NotImplementedError

    def outranks(self, request, obj):
        """Whether `obj` holds a right the requesting user lacks (one query, then remembered)."""
        if request.user.is_superuser:
            return False
        if getattr(obj, "is_superuser", False):
            return True
        known = request.__dict__.setdefault("_outranking", {})
        key = (obj._meta.label, obj.pk)
        if key not in known:
            lacking = self.permissions_of(obj).exclude(pk__in=held_permissions(request.user).values("pk"))
            known[key] = lacking.exists()
        return known[key]

    def outranked_note(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or not self.outranks(request, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not self.outranks(request, obj))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.grantable and not request.user.is_superuser:
            kwargs["queryset"] = self.grantable[db_field.name](request.user)
            kwargs["error_messages"] = {"invalid_choice": self.refused_choice}
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.outranks(request, obj):
            return fieldsets
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in self.hidden_when_outranked]})
            for name, options in fieldsets
        ]
        (name, options), *rest = fieldsets
        return [(name, {**options, "description": self.outranked_note(obj)}), *rest]

    def save_related(self, request, form, formsets, change):
        # The choices hold only what this user may grant, so whatever else the row
        # already has would be dropped; keep it as it is. (Rows holding more than the
        # user are view-only, so this guards the rule rather than a path in use.)
        if change and not request.user.is_superuser:
            for name, grantable in self.grantable.items():
                if name in form.cleaned_data:
                    kept = getattr(form.instance, name).exclude(pk__in=grantable(request.user).values("pk"))
                    form.cleaned_data[name] = [*form.cleaned_data[name], *kept]
        super().save_related(request, form, formsets, change)


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AuditedUserAdmin(TwoFactorUserAdminMixin, GrantsOnlyHeldRightsMixin, AuditedRightsMixin, UserAdmin):
    grantable = {"groups": grantable_groups, "user_permissions": held_permissions}
    refused_choice = "只能授予你自己拥有的角色和权限：所选的一项含有你没有的权限。"
    hidden_when_outranked = ("password",)  # its 重置密码 button

    def permissions_of(self, user):
        return held_permissions(user)

    def outranked_note(self, user):
        if user.is_superuser:
            return "这是超级用户的账号，只有超级用户能修改它或重设它的密码。"
        return "这个账号拥有你没有的权限，你只能查看，不能修改它或重设它的密码。"

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return readonly if request.user.is_superuser else [*readonly, "is_superuser"]

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        # Success leads to the user's page; a refused form redirects back to itself.
        if request.method == "POST" and response.status_code == 302 and response.url != request.get_full_path():
            audit.record(request.user, audit.Action.PASSWORD_CHANGE, self.get_object(request, id), request=request)
        return response

    def rights(self, user, initial):
        # For a non-superuser the field is read-only, so absent from `initial` and unchanged.
        superuser = initial.get("is_superuser", user.is_superuser) if initial is not None else user.is_superuser
        return (
            {f"角色：{group.name}" for group in user.groups.all()}
            | permission_labels(user.user_permissions)
            | ({"超级用户"} if superuser else set())
        )


@admin.register(Group)
class AuditedGroupAdmin(GrantsOnlyHeldRightsMixin, AuditedRightsMixin, GroupAdmin):
    grantable = {"permissions": held_permissions}
    refused_choice = "只能把你自己拥有的权限放进角色：所选的一项是你没有的权限。"

    def permissions_of(self, group):
        return group.permissions.all()

    def outranked_note(self, group):
        return "这个角色含有你没有的权限，你只能查看，不能修改或删除它。"

    def rights(self, group, initial):
        return permission_labels(group.permissions)
