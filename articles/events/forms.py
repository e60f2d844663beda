from django import forms

from articles.events.models import Event


class EventFilterForm(forms.Form):
    """The query string of the events list; invalid input is a 400, never a guess."""

    when = forms.ChoiceField(label="时间", choices=[("upcoming", "即将举行"), ("past", "往期活动")], required=False)
    kind = forms.ChoiceField(label="类型", choices=[("", "全部类型"), *Event.Kind.choices], required=False)
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100, required=False)
