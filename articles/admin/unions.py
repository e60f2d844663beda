"""The union tree's admin as a writer sees it: only the unions they may write about.

Whoever may change unions (管理员) keeps the whole tree; writers with a limited scope
(correspondents) see, and pick in every autocomplete of the story and event forms,
only their unions' subtrees. The scope is a rule of articles (workflow.scope_unions),
so the unions app, which knows nothing of stories, gets it from here.
"""

from django.contrib import admin

from articles import workflow
from unions.admin import UnionAdmin
from unions.models import Union


class ScopedUnionAdmin(UnionAdmin):
    def get_queryset(self, request):
        if request.user.has_perm("unions.change_union"):
            return super().get_queryset(request)
        unions = workflow.scope_unions(request.user)
        if unions is None:
            return super().get_queryset(request)
        scope = Union.objects.subtrees_q(unions)
        # A flat list, as for a search: the tree's root level lies outside their scope.
        request._treebeard_parent = None
        return admin.ModelAdmin.get_queryset(self, request).filter(scope)


admin.site.unregister(Union)
admin.site.register(Union, ScopedUnionAdmin)
