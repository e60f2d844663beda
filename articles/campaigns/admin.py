"""专题 in the admin: the campaign with its rules, picks and leads, its sections, and the coverage matrix."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from articles.campaigns import coverage, export
from articles.campaigns.models import Campaign, Lead, Link, Section


class LeadInline(admin.TabularInline):
    model = Lead
    fields = ["article", "position"]
    autocomplete_fields = ["article"]
    extra = 1


class SectionInline(admin.TabularInline):
    model = Section
    fields = ["title", "kind", "position"]
    show_change_link = True
    extra = 1
    verbose_name_plural = "栏目（保存后点“修改”设置规则、选稿或链接）"


class LinkForm(forms.ModelForm):
    # Django 6's default scheme, spelled out so 5.2 behaves the same (and stays quiet).
    url = forms.URLField(label="网址", max_length=500, assume_scheme="https")

    class Meta:
        model = Link
        fields = ["title", "url", "position"]


class LinkInline(admin.TabularInline):
    model = Link
    form = LinkForm
    fields = ["title", "url", "position"]
    extra = 1


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "starts_on", "ends_on", "coverage_link"]
    list_filter = ["status"]
    search_fields = ["title", "slug"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", ("starts_on", "ends_on"), "description"]}),
        ("题图", {"fields": ["banner", "banner_alt"]}),
        (
            "收稿规则",
            {
                "fields": ["tags", "events", "unions"],
                "description": "不同类别的规则须同时满足，同一类别中满足其一即可；只收专题期间发布的稿件。"
                "三类规则都不设时，专题只收手工加入的稿件。",
            },
        ),
        ("手工调整", {"fields": ["picked", "excluded"]}),
    ]
    autocomplete_fields = ["tags", "events", "unions", "picked", "excluded"]
    inlines = [LeadInline, SectionInline]

    @admin.display(description="各地报道")
    def coverage_link(self, campaign):
        return format_html(
            '<a href="{}">报道统计表</a>', reverse("admin:campaigns_campaign_coverage", args=[campaign.pk])
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/coverage/",
                self.admin_site.admin_view(self.coverage_view),
                name="campaigns_campaign_coverage",
            ),
            path(
                "<int:pk>/coverage.xlsx",
                self.admin_site.admin_view(self.coverage_xlsx),
                name="campaigns_campaign_coverage_xlsx",
            ),
            *super().get_urls(),
        ]

    def _campaign(self, request, pk):
        campaign = get_object_or_404(Campaign.objects.for_rules(), pk=pk)
        if not self.has_view_permission(request, campaign):
            raise PermissionDenied
        return campaign

    def coverage_view(self, request, pk):
        campaign = self._campaign(request, pk)
        return TemplateResponse(
            request,
            "admin/campaigns/coverage.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "campaign": campaign,
                "title": f"{campaign.title} · 各地报道统计",
                "matrix": coverage.matrix(campaign),
            },
        )

    def coverage_xlsx(self, request, pk):
        campaign = self._campaign(request, pk)
        response = HttpResponse(
            export.workbook_bytes(campaign, coverage.matrix(campaign)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="campaign-{campaign.slug}-coverage.xlsx"'
        return response


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "kind", "position"]
    search_fields = ["title", "campaign__title"]
    fields = ["campaign", "title", "kind", "position", "tags", "unions", "picked"]
    autocomplete_fields = ["tags", "unions", "picked"]
    inlines = [LinkInline]

    def has_module_permission(self, request):
        return False  # reached from its campaign

    # Saved, back to its campaign (for whoever may open it): the sections list is off the menu.
    def response_post_save_add(self, request, obj):
        if self._may_open_campaign(request, obj):
            return self._back_to_campaign(obj)
        return super().response_post_save_add(request, obj)

    def response_post_save_change(self, request, obj):
        if self._may_open_campaign(request, obj):
            return self._back_to_campaign(obj)
        return super().response_post_save_change(request, obj)

    def _may_open_campaign(self, request, section):
        return self.admin_site._registry[Campaign].has_view_or_change_permission(request, section.campaign)

    def delete_model(self, request, obj):
        request.section_campaign_id = obj.campaign_id
        super().delete_model(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        response = super().response_delete(request, obj_display, obj_id)  # its message, or a popup's answer
        campaigns = self.admin_site._registry[Campaign]
        if (
            isinstance(response, HttpResponseRedirect)
            and hasattr(request, "section_campaign_id")
            and campaigns.has_view_or_change_permission(request)
        ):
            return HttpResponseRedirect(reverse("admin:campaigns_campaign_change", args=[request.section_campaign_id]))
        return response

    def _back_to_campaign(self, section):
        return HttpResponseRedirect(reverse("admin:campaigns_campaign_change", args=[section.campaign_id]))
