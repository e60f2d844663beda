from .article import Article, ArticleUnion, Credit, TaggedArticle
from .audit import AuditEntry
from .contributor import Contributor
from .event import Award, Event, EventUnion, Standing
from .photo import Photo
from .print_edition import Placement, PrintPage
from .print_import import Caption, PrintImport
from .qa import Acknowledgement, Finding, Term
from .search_document import SearchDocument
from .segment import Segment
from .workflow import ArticleEvent, Correction, EditingSession, Revision

__all__ = [
    "Acknowledgement",
    "Caption",
    "Finding",
    "PrintImport",
    "Term",
    "Article",
    "ArticleEvent",
    "AuditEntry",
    "Correction",
    "EditingSession",
    "Revision",
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
