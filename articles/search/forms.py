from django import forms
from django.db.models import Q
from taggit.models import Tag

from articles import tagging
from articles.events.models import Event
from articles.search import tokens
from unions.models import Union

# Union levels the search form's menu leaves out.
MENU_LEVELS_LEFT_OUT = [Union.Level.ENTERPRISE, Union.Level.GRASSROOTS, Union.Level.UNIT]


class SearchForm(forms.Form):
    """The query string of /search/. A bad filter is a 400; a bad query only a message."""

    q = forms.CharField(label="关键词", required=False, strip=True)
    union = forms.ModelChoiceField(
        label="工会组织", queryset=Union.objects.all(), to_field_name="slug", required=False, empty_label="全部工会"
    )
    tag = forms.ModelChoiceField(
        label="标签", queryset=Tag.objects.none(), to_field_name="slug", required=False, widget=forms.HiddenInput
    )
    event = forms.ModelChoiceField(
        label="活动", queryset=Event.objects.published(), to_field_name="slug", required=False, widget=forms.HiddenInput
    )
    since = forms.DateField(label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per request: "published" depends on the time. A tag only drafts carry is unknown.
        self.fields["tag"].queryset = tagging.public_tags()
        # The menu offers the regions (province, cities, counties, sectors): hundreds of
        # enterprise unions would make it unusable, and rendering it took most of the page's
        # time. A link may still name any union (?union=<slug>): it is accepted and shown.
        chosen = self.data.get("union") or None
        self.fields["union"].queryset = Union.objects.filter(
            ~Q(level__in=MENU_LEVELS_LEFT_OUT) | Q(slug=chosen) if chosen else ~Q(level__in=MENU_LEVELS_LEFT_OUT)
        )

    def clean_q(self):
        # Cut, not rejected: a pasted paragraph still searches its beginning.
        return self.cleaned_data["q"][: tokens.MAX_QUERY_CHARS]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise forms.ValidationError("起始日期不能晚于截止日期。")
        return cleaned

    @property
    def filters(self):
        return {name: self.cleaned_data[name] for name in ["union", "tag", "event", "since", "until"]}
