from .article import Article, ArticleUnion, Credit, TaggedArticle
from .contributor import Contributor
from .photo import Photo
from .print_edition import Placement, PrintPage
from .removed import RemovedStory
from .segment import Segment
from .workflow import TimelineEntry, Correction, EditingSession, Revision

__all__ = [
    "Article",
    "TimelineEntry",
    "ArticleUnion",
    "Contributor",
    "Correction",
    "Credit",
    "EditingSession",
    "Photo",
    "Placement",
    "PrintPage",
    "RemovedStory",
    "Revision",
    "Segment",
    "TaggedArticle",
]
