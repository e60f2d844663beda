from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path, register_converter
from django.views.generic import TemplateView
from django.views.static import serve

from articles.sitemaps import sitemaps
from unionnews.accounts import passwords
from unionnews.converters import IsoDateConverter, UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")
register_converter(IsoDateConverter, "isodate")

admin.site.site_header = "工会新闻 编辑后台"
admin.site.site_title = "工会新闻后台"
admin.site.index_title = "稿件与组织管理"

# PermissionDenied anywhere: a Chinese page with the reason, in the admin's look under /admin/.
handler403 = "unionnews.views.permission_denied"

urlpatterns = [
    # Before the admin's own: the same page, audited.
    path("admin/password_change/", admin.site.admin_view(passwords.password_change)),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
    path("unions/", include("unions.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
