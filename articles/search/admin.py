"""The story list's search box, through the site search's index and rules.

Added to articles' story admin through articles.admin.articles.extend_story_admin().
"""

from articles import workflow
from articles.admin.articles import extend_story_admin
from articles.search.query import MAX_RESULTS, Search


class SearchableStoryAdmin:
    search_help_text = "按标题、正文、图片说明、作者、标签或工会名称中的任意词语查找，多个词语用空格分开。"

    def get_search_results(self, request, queryset, search_term):
        """The site search's index and rules, over every story the editor can see (drafts included):
        the newest MAX_RESULTS matches, since the list shows the newest first."""
        query = Search(search_term)
        if query.is_empty:
            return queryset, False
        if query.is_too_short:
            # One character: no index helps; a scan is acceptable for the desk.
            scanned = query.documents(published_only=False).filter(query.verified())
            return queryset.filter(pk__in=scanned.values("article_id")), False
        documents = query.documents(published_only=False)
        if workflow.scope_unions(request.user) is not None:
            # A correspondent's newest matches are those among their stories, not the archive's.
            documents = documents.filter(article_id__in=queryset.values("pk"))
        ids = query.newest_ids(documents)
        # The list tells that older matches were left out (CappedPaginator.count_text).
        request._story_search_limit = MAX_RESULTS if len(ids) >= MAX_RESULTS else None
        return queryset.filter(pk__in=ids), False


extend_story_admin(SearchableStoryAdmin)
