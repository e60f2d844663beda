from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Meetings and competitions the stories report on, with their unions and results."""

    name = "articles.events"
    label = "events"
    verbose_name = "活动与赛事"
