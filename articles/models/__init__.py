from .article import Article, ArticleUnion, Credit, TaggedArticle
from .contributor import Contributor
from .event import Award, Event, EventUnion, Standing
from .photo import Photo
from .print_edition import Placement, PrintPage
from .search_document import SearchDocument
from .segment import Segment

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
    "SearchDocument",
    "Segment",
    "Standing",
    "TaggedArticle",
]
