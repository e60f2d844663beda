from django.shortcuts import render

from articles.search.forms import SearchForm
from articles.search.query import MAX_RESULTS, Search
from articles.search.results import hits
from unionnews.pagination import paginate


def search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        # The form comes back as the reader filled it in, saying what to change.
        return render(request, "search/search.html", {"form": form, "problems": form.problems()}, status=400)
    query = Search(form.cleaned_data["q"])
    context = {"form": form, "query": query, "max_results": MAX_RESULTS}
    if query.is_empty:
        context["message"] = "请输入要搜索的词语。"
    elif query.is_too_short:
        context["message"] = "请至少输入两个字或字母。"
    else:
        ids = query.matching_ids(query.documents(**form.filters))
        page = paginate(request, ids)
        context.update(page_obj=page, hits=hits(list(page.object_list), query.terms), total=len(ids))
    return render(request, "search/search.html", context)
