from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Left
from taggit.models import Tag

from articles import tagging
from articles.events.models import Event
from articles.search import tokens
from unions.models import Union


class UnionMenuField(forms.ModelChoiceField):
    """The union menu as a short tree: each union indented by its depth below the province."""

    def label_from_instance(self, union):
        return "\u3000" * max(0, union.depth - 2) + union.name


def union_menu(chosen):
    """The unions the search form offers: the province and its cities; with a union chosen,
    the counties of its city, and the chosen union itself (a link may name any union).

    One query on the union table (read when the menu is shown or the choice checked),
    ordered by path, so each city's counties follow it.
    """
    regions = Q(level__in=[Union.Level.PROVINCE, Union.Level.CITY])
    if not chosen:
        return Union.objects.filter(regions)
    # A county's city is its parent: the county is offered when the chosen union lies in that city.
    in_its_city = Union.objects.filter(slug=chosen, path__startswith=OuterRef("city_path"))
    return Union.objects.alias(city_path=Left("path", (F("depth") - 1) * Union.steplen)).filter(
        regions | Q(slug=chosen) | Q(Exists(in_its_city), level=Union.Level.COUNTY)
    )


def date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": f"{label}不是有效的日期，请按“年-月-日”填写。"},
    )


class PublicTagField(forms.ModelChoiceField):
    """A tag by its slug, or as it is shown (工BA for the tag whose slug is 工ba)."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            tag = tagging.public_tag_like(value)
            if tag is None:
                raise
            return tag


class SearchForm(forms.Form):
    """The query string of /search/. A bad filter is a 400 that shows the form again with
    what is wrong (problems()); a bad query only a message."""

    q = forms.CharField(label="关键词", required=False, strip=True)
    union = UnionMenuField(
        label="工会组织",
        queryset=Union.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="全部工会",
        error_messages={"invalid_choice": "没有找到这个工会组织。"},
    )
    tag = PublicTagField(
        label="标签",
        queryset=Tag.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "没有找到这个标签的已发布稿件。"},
    )
    event = forms.ModelChoiceField(
        label="活动",
        queryset=Event.objects.published(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "没有找到这个活动。"},
    )
    since = date_field("起始日期")
    until = date_field("截止日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per request: "published" depends on the time. A tag only drafts carry is unknown.
        self.fields["tag"].queryset = tagging.public_tags()
        # A short tree (union_menu): the cities, then the counties of the chosen one. Every
        # union in one menu (hundreds of enterprises, a hundred counties) made it unusable,
        # and rendering it took most of the page's time.
        self.fields["union"].queryset = union_menu(self.data.get("union") or None)

    def clean_q(self):
        # Cut, not rejected: a pasted paragraph still searches its beginning.
        return self.cleaned_data["q"][: tokens.MAX_QUERY_CHARS]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise forms.ValidationError("起始日期不能晚于截止日期。")
        return cleaned

    def problems(self):
        """What is wrong with the filters, one sentence each, for the page to show."""
        return [message for errors in self.errors.values() for message in errors]

    @property
    def filters(self):
        return {name: self.cleaned_data[name] for name in ["union", "tag", "event", "since", "until"]}
