from .article import Article, ArticleUnion, Credit, TaggedArticle
from .contributor import Contributor
from .event import Award, Event, EventUnion, Standing
from .photo import Photo
from .print_edition import Placement, PrintPage
from .print_import import Caption, PrintImport
from .qa import Acknowledgement, Finding, Term
from .segment import Segment

__all__ = [
    "Acknowledgement",
    "Caption",
    "Finding",
    "PrintImport",
    "Term",
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
