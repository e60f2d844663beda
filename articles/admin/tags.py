"""Tags in the admin: a text field that suggests existing tags, and taggit's
Tag admin made fit for our concrete through-model."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from taggit.forms import TagWidget
from taggit.models import Tag

from articles import tagging, workflow
from articles.models import Article
from unionnews.text import xml_safe


class TagInput(TagWidget):
    """taggit's text input plus a <datalist> that tag-suggest.js fills with
    existing tags starting like the tag being typed. Without JavaScript it is
    the plain text field, and separators such as ，、 still work."""

    class Media:
        js = ["admin-extra/tag-suggest.js"]

    def __init__(self, attrs=None):
        super().__init__({"class": "vTextField", "autocomplete": "off", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        attrs = attrs or {}
        list_id = f"{attrs.get('id', name)}_suggestions"
        attrs = {**attrs, "list": list_id, "data-suggest-url": reverse("admin:articles_article_tag_suggestions")}
        return super().render(name, value, attrs, renderer) + format_html('<datalist id="{}"></datalist>', list_id)


class TagForm(forms.ModelForm):
    def clean_name(self):
        # TAGGIT_CASE_INSENSITIVE finds tags with name__iexact: a second 工ba
        # next to 工BA would make every later save of 工BA fail.
        # Compare what will be stored: the name without characters XML 1.0 forbids.
        name = xml_safe(self.cleaned_data["name"]).strip()
        if not name:
            raise forms.ValidationError(self.fields["name"].error_messages["required"], code="required")
        twin = Tag.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).first()
        if twin:
            raise forms.ValidationError("已有同名标签“%(name)s”（不区分大小写）。", params={"name": twin.name})
        return name


# taggit's own TagAdmin edits its generic TaggedItem and merges only those;
# our stories use TaggedArticle, so both would silently do nothing here.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagForm
    list_display = ["name", "slug", "stories"]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        # A correspondent sees only the tags, and counts, of stories they may see.
        return tagging.visible_tags(request.user, super().get_queryset(request))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _may_touch(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _may_touch(request, obj)

    def delete_queryset(self, request, queryset):
        workflow.check_signed_off_stories(request.user, Article.objects.filter(tags__in=queryset), "所选标签")
        super().delete_queryset(request, queryset)

    @admin.display(description="稿件数", ordering="uses")
    def stories(self, tag):
        url = reverse("admin:articles_article_changelist") + "?" + urlencode({"tag": tag.slug})
        return format_html('<a href="{}">{}</a>', url, tag.uses)


def _may_touch(request, tag):
    """A tag on a signed-off story is renamed or deleted only by those who may edit such stories."""
    if tag is None:
        return True
    try:
        workflow.check_signed_off_stories(request.user, Article.objects.filter(tags=tag), "这个标签")
    except PermissionDenied:
        return False
    return True
