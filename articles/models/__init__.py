from .article import Article, ArticleUnion, Credit, Photo, Segment, TaggedArticle
from .contributor import Contributor
from .event import Award, Event, EventUnion, Standing
from .print_edition import Placement, PrintPage

__all__ = [
    "Article",
    "ArticleUnion",
    "Award",
    "Contributor",
    "Credit",
    "Event",
    "EventUnion",
    "Photo",
    "Placement",
    "PrintPage",
    "Segment",
    "Standing",
    "TaggedArticle",
]
