"""Charts of 稿件考核 as SVG drawn on the server: no JavaScript, no CDN.

Each chart names itself (<title>, <desc>) for screen readers; the pages print the same
figures in a table beside it.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

BAR_COLOUR = "#2f6f9f"
LABEL_WIDTH, CELL, GAP, ROW_HEIGHT, TOP, BOTTOM = 90, 26, 4, 34, 24, 26


def _frame(width, height, title, desc, ident, body):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="statistics-chart" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-labelledby="{i}-title {i}-desc">'
        '<title id="{i}-title">{t}</title><desc id="{i}-desc">{d}</desc>{b}</svg>',
        w=width,
        h=height,
        i=ident,
        t=title,
        d=desc,
        b=body,
    )


def _bar(x, baseline, height, width, tooltip):
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>',
        x,
        round(baseline - height, 1),
        width,
        round(height, 1),
        BAR_COLOUR,
        tooltip,
    )


def bars_per_month(title, rows, months, ident="chart"):
    """Small multiples: one line of bars per row (a city), one bar per month.

    rows: [(label, [value per month])]; months: the month labels (1月…12月).
    """
    top = max((value for _, values in rows for value in values), default=0) or 1
    width = LABEL_WIDTH + len(months) * (CELL + GAP) + 10
    height = TOP + len(rows) * ROW_HEIGHT + BOTTOM
    parts = []
    for index, (label, values) in enumerate(rows):
        baseline = TOP + (index + 1) * ROW_HEIGHT - 6
        parts.append(format_html('<text x="4" y="{}" font-size="12">{}</text>', baseline - 4, label))
        for column, value in enumerate(values):
            x = LABEL_WIDTH + column * (CELL + GAP)
            if value:
                tooltip = f"{label} {months[column]}：{value}"
                parts.append(_bar(x, baseline, (ROW_HEIGHT - 10) * value / top, CELL, tooltip))
    for column, month in enumerate(months):
        x = LABEL_WIDTH + column * (CELL + GAP) + CELL / 2
        parts.append(
            format_html('<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>', x, height - 8, month)
        )
    parts.append(format_html('<text x="4" y="14" font-size="11">最高 {}</text>', top))
    desc = "；".join(f"{label}：" + "、".join(f"{m}{v}" for m, v in zip(months, values)) for label, values in rows)
    return _frame(width, height, title, desc, ident, mark_safe("".join(parts)))


def trend(title, points, ident="trend"):
    """One bar per period: points is [(label, value)], e.g. a contributor's score per month."""
    top = max((value for _, value in points), default=0) or 1
    plot = 140
    width = 40 + len(points) * (CELL + GAP + 8)
    height = TOP + plot + BOTTOM
    baseline = TOP + plot
    parts = []
    for index, (label, value) in enumerate(points):
        x = 40 + index * (CELL + GAP + 8)
        centre = x + (CELL + 4) / 2
        if value:
            height_ = plot * value / top
            parts.append(_bar(x, baseline, height_, CELL + 4, f"{label}：{value:g}"))
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>',
                    centre,
                    round(baseline - height_ - 3, 1),
                    f"{value:g}",
                )
            )
        parts.append(
            format_html('<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>', centre, height - 8, label)
        )
    bars = mark_safe("".join(parts))
    axis = format_html('<line x1="36" y1="{0}" x2="{1}" y2="{0}" stroke="#555"/>', baseline, width)
    desc = "；".join(f"{label}：{value:g}" for label, value in points)
    return _frame(width, height, title, desc, ident, axis + bars)
