from django.shortcuts import get_object_or_404, redirect, render

from articles.events import schema
from articles.events.forms import EventFilterForm
from articles.events.models import Event, OldEventSlug
from unionnews.pagination import paginate
from unionnews.siteurl import site_url

REPORTS = 10


def event_list(request):
    form = EventFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "400.html", {"message": "筛选条件无效。"}, status=400)
    filters = form.cleaned_data
    events = Event.objects.published().filtered(kind=filters["kind"], year=filters["year"])
    events = events.past() if filters["when"] == "past" else events.upcoming()
    page = paginate(request, events.for_listing())
    return render(
        request,
        "events/event_list.html",
        {"page_obj": page, "form": form, "past": filters["when"] == "past"},
    )


def event_detail(request, slug):
    event = Event.objects.published().for_detail().filter(slug=slug).first()
    if event is None:
        # An address the event had (a Chinese slug before readable ones): 301 to today's.
        old = get_object_or_404(
            OldEventSlug.objects.select_related("event").filter(event__status=Event.Status.PUBLISHED), slug=slug
        )
        return redirect(old.event, permanent=True)
    # An event a desk covers for weeks gathers hundreds of reports: ten a page.
    reports = paginate(request, event.reports(), per_page=REPORTS)
    return render(
        request,
        "events/event_detail.html",
        {"event": event, "page_obj": reports, "schema": schema.event_page(event, site_url(request))},
    )
