"""登录失败记录: django-axes' failed-login counts, in Chinese, with 解除锁定.

For whoever manages users (auth.change_user: 管理员 and superusers), without a
permission of its own, so no role needs a migration to see it.
"""

from django.conf import settings
from django.contrib import admin
from django.db.models import Q

from unionnews.accounts import audit
from unionnews.accounts.models import LoginFailure


class LockedOutFilter(admin.SimpleListFilter):
    title = "状态"
    parameter_name = "locked"

    def lookups(self, request, model_admin):
        return [("yes", "已锁定")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(failures_since_start__gte=settings.LOGIN_FAILURE_LIMIT)
        return queryset


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    list_display = ["account", "address", "failures", "last_failure", "status"]
    list_display_links = None
    list_filter = [LockedOutFilter]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    actions = ["unlock"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("auth.change_user")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Only through 解除锁定, which also writes the audit log.
        return False

    @admin.display(description="账号", ordering="username")
    def account(self, attempt):
        return attempt.username

    @admin.display(description="网络地址", ordering="ip_address")
    def address(self, attempt):
        return attempt.ip_address

    @admin.display(description="最近一次失败", ordering="attempt_time")
    def last_failure(self, attempt):
        return attempt.attempt_time

    @admin.display(description="失败次数", ordering="failures_since_start")
    def failures(self, attempt):
        return attempt.failures_since_start

    @admin.display(description="说明")
    def status(self, attempt):
        if attempt.failures_since_start >= settings.LOGIN_FAILURE_LIMIT:
            return "已达上限"
        return f"还可尝试 {settings.LOGIN_FAILURE_LIMIT - attempt.failures_since_start} 次"

    @admin.action(description="解除锁定（清除所选账号和地址的失败记录）", permissions=["view"])
    def unlock(self, request, queryset):
        selected = list(queryset)
        usernames = {a.username for a in selected if a.username}
        addresses = {a.ip_address for a in selected if a.ip_address}
        LoginFailure.objects.filter(Q(username__in=usernames) | Q(ip_address__in=addresses)).delete()
        for attempt in selected:
            audit.record(
                request.user,
                audit.Action.UNLOCK,
                request=request,
                locked_username=attempt.username,
                address=attempt.ip_address,
                failures=attempt.failures_since_start,
            )
        self.message_user(request, f"已解除 {len(selected)} 条记录所涉账号和地址的登录锁定。")
