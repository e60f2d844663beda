"""Who else has a story's change form open (周文澜 正在编辑，3 分钟前打开).

The form pings every PING_SECONDS while it is open; a session not seen for
TIMEOUT is over. A save ends the saver's session (articles.editing).
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.timesince import timesince

from articles.models import EditingSession
from articles.models.contributor import display_name

PING_SECONDS = 60
TIMEOUT = timedelta(seconds=3 * PING_SECONDS)


def opened(article, user):
    """`user` has the form open now; a session that had lapsed starts again."""
    now = timezone.now()
    # Two tabs may open the form at once: get_or_create and a plain UPDATE never fail on a race.
    session, created = EditingSession.objects.get_or_create(
        article=article, user=user, defaults={"opened_at": now, "last_seen_at": now}
    )
    if not created:
        lapsed = session.last_seen_at < now - TIMEOUT
        EditingSession.objects.filter(pk=session.pk).update(
            opened_at=now if lapsed else session.opened_at, last_seen_at=now
        )


def left(article, user):
    EditingSession.objects.filter(article=article, user=user).delete()


def others(article, user):
    """["周文澜 正在编辑，3 分钟前打开", …]: the others with the form open, longest first (one query)."""
    now = timezone.now()
    sessions = (
        EditingSession.objects.filter(article=article, last_seen_at__gte=now - TIMEOUT)
        .exclude(user=user)
        .select_related("user__contributor")
        .order_by("opened_at")
    )
    return [f"{display_name(s.user)} 正在编辑，{_ago(s.opened_at, now)}打开" for s in sessions]


def _ago(moment, now):
    if now - moment < timedelta(minutes=1):
        return "刚刚"
    return f"{timesince(moment, now, depth=1)}前".replace("\xa0", " ")
