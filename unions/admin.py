from django import forms
from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import MoveNodeForm, movenodeform_factory

from unions.models import Brand, Union


class UnionForm(MoveNodeForm):
    """treebeard's form for placing a node, with its labels in Chinese
    (treebeard ships no zh-hans translation)."""

    # Django 6's default scheme, spelled out so 5.2 behaves the same (and stays quiet).
    website = forms.URLField(label="网站", required=False, assume_scheme="https")

    POSITIONS = [
        ("first-child", "作为下级组织（排在最前）"),
        ("left", "排在参照组织之前"),
        ("right", "排在参照组织之后"),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        position = self.fields["treebeard_position"]
        position.label = "位置"
        position.choices = self.POSITIONS
        reference = self.fields["treebeard_ref_node"]
        reference.label = "参照组织"
        reference.empty_label = "（无：作为顶级组织）"
        reference.help_text = "例如新建县级工会：参照组织选所属设区市总工会，位置选“作为下级组织”。"

    def clean_treebeard_ref_node(self):
        # The tree has one root, 中华全国总工会; a new union without a place would become a second one.
        reference = self.cleaned_data["treebeard_ref_node"]
        if reference is None and self.instance._state.adding:
            raise forms.ValidationError("请选择参照组织，把新组织放到组织树中的位置上。")
        return reference


class BrandInline(admin.TabularInline):
    """The union's well-known brands, kept beside it for the editorial checks."""

    model = Brand
    fields = ["name"]
    extra = 1


@admin.register(Union)
class UnionAdmin(TreeAdmin):
    form = movenodeform_factory(Union, form=UnionForm)
    inlines = [BrandInline]
    change_list_template = "admin/unions/union/tree_change_list.html"
    list_display = ["name", "short_name", "level", "slug"]
    list_filter = ["level"]
    # Also what the union autocompletes of the story and event forms search.
    search_fields = ["name", "short_name", "slug"]

    fieldsets = [
        (None, {"fields": ["name", "short_name", "level", "slug"]}),
        ("在组织树中的位置", {"fields": ["treebeard_ref_node", "treebeard_position"]}),
        ("其他", {"fields": ["description", "website"], "classes": ["collapse"]}),
    ]
