from django.contrib import admin
from django.urls import include, path, re_path, register_converter
from django.views.generic import TemplateView

from articles.admin import workflow_views
from articles.campaigns.sitemaps import CampaignSitemap
from articles.events.sitemaps import EventSitemap
from articles.feeds import UnionAtomFeed, UnionFeed
from articles.search.views import search
from articles.sitemaps import EpaperSitemap, NewsSitemap, StorySitemap, TagSitemap, UnionSitemap
from unionnews import health, media, pages, sitemaps, views
from unionnews.accounts import passwords
from unionnews.accounts.views import keepalive
from unionnews.converters import IsoDateConverter, UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")
register_converter(IsoDateConverter, "isodate")

admin.site.site_header = "工会新闻 编辑后台"
admin.site.site_title = "工会新闻后台"
admin.site.index_title = "稿件与组织管理"

# PermissionDenied anywhere: a Chinese page with the reason, in the admin's look under /admin/.
handler403 = "unionnews.views.permission_denied"
# A database outage is a 503 with Retry-After ("稍后再试"); anything else Django's plain 500.
handler500 = "unionnews.outages.server_error"

# The sitemap index lists these sections' files in this order (unionnews.sitemaps).
sitemap_sections = {
    section.name: section
    for section in [
        NewsSitemap(),
        StorySitemap(),
        EventSitemap(),
        CampaignSitemap(),
        UnionSitemap(),
        TagSitemap(),
        EpaperSitemap(),
    ]
}
union_patterns = (
    [
        path("", pages.union_index, name="index"),
        path("<slug:slug>/", pages.union_detail, name="detail"),
        path("<slug:slug>/feed/", UnionFeed(), name="feed"),
        path("<slug:slug>/feed/atom/", UnionAtomFeed(), name="feed-atom"),
    ],
    "unions",
)

urlpatterns = [
    path("admin/keepalive/", keepalive, name="keepalive"),
    path("admin/two-factor/", include("unionnews.accounts.twofactor.urls")),
    # Before the admin's own: the same page, audited.
    path("admin/password_change/", admin.site.admin_view(passwords.password_change)),
    re_path(rf"^admin/articles/(?P<model>{'|'.join(views.MOVED_FROM_ARTICLES)})/(?P<rest>.*)$", views.moved_admin_page),
    # Before the admin's own index: writers and reviewers land on 编辑台.
    path("admin/", admin.site.admin_view(workflow_views.admin_home)),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("", pages.home, name="home"),
    path("search/", search, name="search"),
    path("views/", include("articles.readership.urls")),
    path("", include("articles.urls")),
    path("events/", include("articles.events.urls")),
    path("topics/", include("articles.campaigns.urls")),
    path("unions/", include(union_patterns)),
    path("sitemap.xml", sitemaps.index, {"sections": sitemap_sections}, name="sitemap"),
    path("sitemap-<str:name>.xml", sitemaps.section, {"sections": sitemap_sections}, name="sitemap-section"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    # Uploads, when settings.SERVE_MEDIA lets the app serve them (else a 404).
    re_path(r"^media/(?P<path>.*)$", media.serve, name="media"),
]
