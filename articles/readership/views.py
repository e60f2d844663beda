"""The endpoint the story page's beacon (static/js/readership.js) posts to.

Why no CSRF token: the request acts on nobody's behalf. It changes no account and no
content, and the session is read only to *not* count an editor. The worst a forged
cross-site request can do is add one view, which anyone can do by opening the story;
and a browser's cross-site POST carries the other site's Origin, which is refused here.
Nothing is set in return: no cookie, no session, an empty 204 whether counted or not.
"""

import logging
import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Article
from articles.readership import counting
from unionnews.accounts.addresses import client_ip

# Crawlers, link previews, monitors, scripts and headless browsers.
BOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|facebookexternalhit|headless|phantomjs|lighthouse|pingdom|"
    r"uptime|monitor|curl|wget|python|java/|go-http|okhttp|httpclient|libwww|scrapy|node-fetch|axios|feed",
    re.IGNORECASE,
)
logger = logging.getLogger(__name__)
STORY_ID = re.compile(r"[1-9][0-9]{0,17}")


def is_beacon(request):
    """What the story page's script sends and a bare script usually does not: this site's
    Origin and, where the browser sends fetch metadata, a same-origin request for no document."""
    origin = request.headers.get("Origin", "")
    if origin != f"{request.scheme}://{request.get_host()}":
        return False
    return request.headers.get("Sec-Fetch-Site", "same-origin") == "same-origin" and request.headers.get(
        "Sec-Fetch-Dest", "empty"
    ) in ("empty", "")


def asks_not_to_be_tracked(request):
    return settings.READERSHIP_RESPECT_DNT and "1" in (request.headers.get("DNT"), request.headers.get("Sec-GPC"))


def is_editor(request):
    """A logged-in staff member. The session is read only when its cookie was sent."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_staff


@csrf_exempt
@require_POST
def count(request):
    story = request.POST.get("story", "")
    if not STORY_ID.fullmatch(story):
        return HttpResponseBadRequest("稿件编号无效", content_type="text/plain; charset=utf-8")
    user_agent = request.headers.get("User-Agent", "")
    if (
        is_beacon(request)
        and user_agent
        and not BOTS.search(user_agent)
        and not asks_not_to_be_tracked(request)
        and not is_editor(request)
        and Article.objects.published().filter(pk=int(story)).exists()
    ):
        try:
            if counting.first_time(client_ip(request), user_agent, story):
                counting.record(int(story))
        except Exception:
            # Redis unreachable: the view is lost, the reader notices nothing.
            logger.exception("阅读量：无法计数")
    return HttpResponse(status=204)
