"""稿件考核 in the admin: the scoring table's versions, the report page with its .xlsx
export, and the points panel on the story form (through extend_story_admin)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.safestring import mark_safe

from articles.admin.articles import extend_story_admin
from articles.admin.workflow_views import DESK_PANELS
from articles.models import Contributor
from articles.statistics import export, report, scoring
from articles.statistics.figures import COLUMNS
from articles.statistics.models import ScoringRule


@admin.register(ScoringRule)
class ScoringRuleAdmin(admin.ModelAdmin):
    list_display = [
        "valid_from",
        "front_lead",
        "front_page",
        "other_page",
        "web_only",
        "per_photo",
        "per_segment",
        "note",
    ]
    change_list_template = "admin/statistics/scoringrule_change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [path("report/", view(self.report_view), name="statistics_report"), *super().get_urls()]

    def report_view(self, request):
        """稿件考核 for a period and a union subtree; ?format=xlsx for the workbook. Bad input: the
        form's messages with status 400, never an error page."""
        user = request.user
        if not (report.sees_everybody(user) or report.own_contributor(user)):
            raise PermissionDenied
        form = report.ReportForm.from_query(request.GET)
        context = {
            **self.admin_site.each_context(request),
            "title": "稿件考核统计",
            "opts": self.model._meta,
            "form": form,
            "columns": [label for _, label in COLUMNS],
            "everybody": report.sees_everybody(user),
        }
        if not form.is_valid():
            context["problems"] = [
                f"{form.fields[name].label or name}：{error}" if name in form.fields else error
                for name, errors in form.errors.items()
                for error in errors
            ]
            return TemplateResponse(request, "admin/statistics/report.html", context, status=400)
        trend_of = None
        if form.cleaned_data.get("contributor") and context["everybody"]:
            trend_of = Contributor.objects.filter(pk=form.cleaned_data["contributor"]).first()
        built = report.build(user, form.selected_period(), form.cleaned_data.get("union"), trend_of)
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(
                export.workbook(built),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            filename = f"statistics-{built.period.kind}-{built.period.year}-{built.period.number}.xlsx"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        query = request.GET.copy()
        query["format"] = "xlsx"
        context.update(report=built, xlsx_query=query.urlencode())
        return TemplateResponse(request, "admin/statistics/report.html", context)


class ScoredStoryAdmin:
    """The story form with a read-only 稿件考核 panel: the points the story gives, and to whom."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, ("稿件考核", {"fields": ["scores"], "classes": ["collapse"]})]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "scores"]

    @admin.display(description="计分")
    def scores(self, article):
        if not article.pk:
            return "—"
        return mark_safe(
            render_to_string("admin/statistics/_story_scores.html", {"scores": scoring.story_scores(article)})
        )


extend_story_admin(ScoredStoryAdmin)
DESK_PANELS.append(report.desk_panel)
