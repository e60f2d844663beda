from .article import Article, ArticleUnion, Credit, TaggedArticle
from .contributor import Contributor
from .listing import Listing, SegmentListing
from .photo import Photo
from .print_edition import Placement, PrintPage
from .removed import RemovedStory
from .segment import Segment
from .workflow import Correction, EditingSession, Revision, TimelineEntry

__all__ = [
    "Article",
    "ArticleUnion",
    "Contributor",
    "Correction",
    "Credit",
    "EditingSession",
    "Listing",
    "Photo",
    "Placement",
    "PrintPage",
    "RemovedStory",
    "Revision",
    "Segment",
    "SegmentListing",
    "TaggedArticle",
    "TimelineEntry",
]
