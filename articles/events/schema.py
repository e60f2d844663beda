"""schema.org data (JSON-LD) of an event page: Event and BreadcrumbList.

A competition's results have no property of their own in schema.org. They are given
twice: as a sentence at the end of `description` (比赛名次：第1名 …), and as the Event's
`attendee`s, each team an Organization and each individual winner a Person, carrying
what they won in `award` (第1名, 一等奖 …), with their unit as `memberOf`/`affiliation`.

Reads only what EventQuerySet.for_detail() loaded: no query.
"""

from django.urls import reverse

from articles.events.models import Award
from articles.richtext import plain_text
from unionnews import schema
from unionnews.siteurl import absolute


def event_schema(event, base):
    """The Event, organised by its unions (主办, 承办, 协办 in that order)."""
    url = absolute(base, event.get_absolute_url())
    data = {
        "@context": schema.CONTEXT,
        "@type": "Event",
        "name": event.title,
        "url": url,
        "startDate": schema.w3c(event.starts_at),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "image": [schema.image_object(schema.site_image(base))],
        "organizer": [
            {"@type": "Organization", "name": union.name, "url": absolute(base, union.get_absolute_url())}
            for _, unions in event.unions_by_role()
            for union in unions
        ],
        "inLanguage": "zh-CN",
    }
    if event.ends_at:
        data["endDate"] = schema.w3c(event.ends_at)
    if event.place:
        data["location"] = {"@type": "Place", "name": event.place, "address": event.place}
    description = " ".join(
        part for part in [plain_text(event.description).replace("\n", " "), results_text(event)] if part
    )
    if description:
        data["description"] = description
    attendees = results(event)
    if attendees:
        data["attendee"] = attendees
    return data


def results(event):
    """The teams placed and the winners of awards, each with what they won (standings first)."""
    winners = {}  # (type, name) -> attendee, so a team placed and awarded is listed once

    def winner(kind, name, unit):
        attendee = winners.setdefault((kind, name), {"@type": kind, "name": name, "award": []})
        if unit:
            attendee.setdefault(
                "memberOf" if kind == "Organization" else "affiliation",
                {
                    "@type": "Organization",
                    "name": unit,
                },
            )
        return attendee

    for standing in event.standings.all():
        unit = standing.organisation or (standing.union.name if standing.union else "")
        winner("Organization", standing.team, unit)["award"].append(f"第{standing.rank}名")
    for award in event.awards.all():
        kind = "Person" if award.kind == Award.Kind.INDIVIDUAL else "Organization"
        unit = award.organisation or (award.union.name if award.union else "")
        winner(kind, award.recipient, unit)["award"].append(award.name)
    return list(winners.values())


def results_text(event):
    """比赛名次：第1名 湖州队（湖州市总工会）；…。个人奖：最有价值球员 张三。 Empty when there are none."""
    parts = []
    standings = [
        f"第{s.rank}名 {s.team}" + (f"（{s.organisation}）" if s.organisation else "") for s in event.standings.all()
    ]
    if standings:
        parts.append("比赛名次：" + "；".join(standings) + "。")
    for label, awards in event.award_groups():
        parts.append(f"{label}：" + "；".join(f"{award.name} {award.recipient}" for award in awards) + "。")
    return "".join(parts)


def event_page(event_row, base):
    """The JSON-LD of the event's page: [Event, BreadcrumbList 首页 › 活动 › the event]."""
    trail = [
        ("首页", reverse("home")),
        ("活动", reverse("events:list")),
        (event_row.title, event_row.get_absolute_url()),
    ]
    return [event_schema(event_row, base), schema.breadcrumbs(base, trail)]
