"""The 稿件考核 report: its filter form, and its tables as one user may see them.

Editors (statistics.view_scoringrule) see everybody. A correspondent sees their own rows, ranked
among everybody, and their union's row, ranked among its siblings: the ranks are computed
over all rows, then the rows are narrowed.
"""

from dataclasses import dataclass, field

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import Contributor, Credit
from articles.statistics import charts
from articles.statistics.figures import (
    COLUMNS,
    Period,
    contributor_rows,
    points_per_month,
    rank,
    stories_per_month,
    union_rows,
)
from unions.models import Union

KINDS = [("year", "年度"), ("quarter", "季度"), ("month", "月度")]


class ReportForm(forms.Form):
    period = forms.ChoiceField(label="周期", choices=KINDS)
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    number = forms.IntegerField(label="第几季度／月", required=False, min_value=1, max_value=12)
    union = forms.ModelChoiceField(
        label="工会组织（含下级）",
        queryset=Union.objects.filter(depth__lte=3),
        to_field_name="slug",
        required=False,
        empty_label="全部",
    )
    contributor = forms.IntegerField(label="作者", required=False, widget=forms.HiddenInput)

    error_messages = {
        "quarter": "季度请填1到4。",
        "month": "月份请填1到12。",
    }

    def clean(self):
        data = super().clean()
        kind, number = data.get("period"), data.get("number")
        if kind == "quarter" and not (number and 1 <= number <= 4):
            self.add_error("number", self.error_messages["quarter"])
        if kind == "month" and not number:
            self.add_error("number", self.error_messages["month"])
        return data

    @classmethod
    def from_query(cls, query):
        """The form for the page's query string: this year when the query names no period."""
        if "period" not in query:
            query = {"period": "year", "year": str(timezone.localdate().year), **query.dict()}
        return cls(query)

    def selected_period(self):
        data = self.cleaned_data
        return Period(data["period"], data["year"], 1 if data["period"] == "year" else data["number"])


@dataclass
class Report:
    period: Period
    union: Union | None
    scope_label: str
    tables: list = field(default_factory=list)  # [(title, rows, with_role)]
    city_chart: str = ""
    city_months: list = field(default_factory=list)
    city_counts: list = field(default_factory=list)
    trend_chart: str = ""
    trend: list = field(default_factory=list)
    trend_of: Contributor | None = None


def sees_everybody(user):
    """The desk's editors (编辑, 副总编, 总编: statistics.view_scoringrule); reporters and
    correspondents see their own figures only."""
    return user.has_perm("statistics.view_scoringrule")


def own_contributor(user):
    """The byline of a correspondent (None for desk members without one)."""
    return Contributor.objects.select_related("union").filter(user=user).first()


def build(user, period, union=None, trend_of=None):
    """The report `user` may see for `period` and `union`'s subtree (editors only choose the union)."""
    if sees_everybody(user):
        return _for_editors(period, union, trend_of)
    return _for_correspondent(period, own_contributor(user))


def default_union():
    """Whose level the union table shows when none is chosen: the province's (its cities)."""
    return Union.objects.filter(level=Union.Level.PROVINCE).order_by("path").first()


def _for_editors(period, union, trend_of):
    people = rank(contributor_rows(period, union))  # no union chosen: the paper's own staff too
    correspondents = rank([row for row in people if row.role_value == Credit.Role.CORRESPONDENT])
    report = Report(period, union, union.short_name if union else "全部")
    union = union or default_union()
    unions = union_rows(period, union)
    if all(row.is_empty for row in unions):
        unions = []  # a period nobody contributed to: 本期没有数据, not every union tied at 1
    ranked = rank([row for row in unions if row.subject != union])
    own = [row for row in unions if row.subject == union]
    report.tables = [
        ("通讯员排名", correspondents, True),
        ("工会排名", ranked + own, False),
        ("作者明细", people, True),
    ]
    _add_city_chart(report, period, union)
    if trend_of is not None:
        _add_trend(report, period, trend_of)
    return report


def _for_correspondent(period, me, with_trend=True):
    report = Report(period, None, me.label if me else "")
    if me is None:
        return report
    people = contributor_rows(period)
    # Ranked among those credited in the same role (通讯员 among 通讯员, 记者 among 记者).
    mine = [
        row
        for role in Credit.Role.values
        for row in rank([row for row in people if row.role_value == role])
        if row.subject == me
    ]
    tables = [("我的排名", mine, True)]
    if me.union_id:
        parent = Union.objects.filter(path=me.union.path[: -Union.steplen]).first() if me.union.depth > 1 else None
        siblings = rank([row for row in union_rows(period, parent) if row.subject != parent])
        tables.append(("本单位排名", [row for row in siblings if row.subject == me.union], False))
    report.tables = tables
    if with_trend:
        _add_trend(report, period, me)
    return report


def _add_city_chart(report, period, union):
    counts = stories_per_month(period, union)
    report.city_months = [
        f"{month.number if month.kind == 'month' else month.first_day.month}月" for month in period.months()
    ]
    report.city_counts = [
        (f"{node.short_name}（本级）" if node == union else node.short_name, values) for node, values in counts.items()
    ]
    title = f"{period.label}各{'地' if union is None or union.depth == 1 else '单位'}每月发稿数"
    report.city_chart = charts.bars_per_month(title, report.city_counts, report.city_months, ident="cities")


def _add_trend(report, period, contributor):
    report.trend_of = contributor
    report.trend = points_per_month(period, contributor)
    report.trend_chart = charts.trend(f"{contributor.name} {period.label}每月得分", report.trend, ident="trend")


def desk_panel(request):
    """我的稿件考核 on a correspondent's 编辑台: this year's figures and ranks (theirs and their
    union's). Desk members without a byline get nothing here; editors open the report page."""
    me = own_contributor(request.user)
    if me is None:
        return ""
    period = Period("year", timezone.localdate().year)
    built = _for_correspondent(period, me, with_trend=False)
    context = {"report": built, "columns": [label for _, label in COLUMNS]}
    return render_to_string("admin/statistics/_desk_panel.html", context)
