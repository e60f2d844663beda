"""Apps import downward only, and at the top of the module.

    unionnews (foundation: accounts, text, media, db, …)
      ← unions
      ← articles
      ← articles.events, articles.editorial, articles.campaigns, articles.readership
      ← articles.search (its filters name events)
      ← articles.epaper (its import makes drafts through articles.editorial)
      ← unionnews.urls, unionnews.pages, unionnews.demo (they gather every app)

An app reaches what is built on it through signals (articles.signals), relations named by
string ("events.Event") and registration (extend_story_admin), never by importing it.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBAPPS = [
    "articles.events",
    "articles.search",
    "articles.editorial",
    "articles.epaper",
    "articles.campaigns",
    "articles.readership",
    "articles.statistics",
]
ON_TOP = [
    "unionnews.pagecache",
    "unionnews.urls",
    "unionnews.pages",
    "unionnews.demo",
    "unionnews.settings",
    "unionnews.wsgi",
    "unionnews.asgi",
]
MAY_IMPORT = {
    "unionnews": {"unionnews"},
    "unions": {"unionnews", "unions"},
    "articles": {"unionnews", "unions", "articles"},
    "articles.events": {"unionnews", "unions", "articles", "articles.events"},
    "articles.editorial": {"unionnews", "unions", "articles", "articles.editorial"},
    "articles.search": {"unionnews", "unions", "articles", "articles.events", "articles.search"},
    # The e-paper makes drafts through the print-page text import.
    "articles.epaper": {"unionnews", "unions", "articles", "articles.editorial", "articles.epaper"},
    "articles.campaigns": {"unionnews", "unions", "articles", "articles.campaigns"},
    "articles.readership": {"unionnews", "unions", "articles", "articles.readership"},
    "articles.statistics": {"unionnews", "unions", "articles", "articles.statistics"},
}


def layer(module):
    """The layer `module` belongs to: an app, "top", or None for code outside the project."""
    if any(module == top or module.startswith(f"{top}.") for top in ON_TOP):
        return "top"
    for name in SUBAPPS:
        if module == name or module.startswith(f"{name}."):
            return name
    head = module.split(".")[0]
    return head if head in {"unionnews", "unions", "articles"} else None


def project_modules():
    for package in ["unionnews", "unions", "articles"]:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
                yield dotted.removesuffix(".__init__"), path


def imports(path):
    """(line, imported module, inside a function) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_functions = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in ast.walk(function)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, id(node) in in_functions
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from articles import editorial` imports articles.editorial.
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                yield node.lineno, full if layer(full) != layer(node.module) else node.module, id(node) in in_functions


def test_apps_import_only_the_layers_below_them():
    upward = []
    for module, path in project_modules():
        mine = layer(module)
        if mine == "top":
            continue
        for line, imported, _ in imports(path):
            theirs = layer(imported)
            if theirs is not None and theirs not in MAY_IMPORT[mine]:
                upward.append(f"{path.relative_to(ROOT)}:{line}: {mine} imports {imported} ({theirs})")

    assert upward == []


def test_the_project_imports_its_own_modules_at_the_top_of_the_file():
    """Except in AppConfig.ready(), where Django wants signal receivers and checks connected."""
    inside = [
        f"{path.relative_to(ROOT)}:{line}: {imported}"
        for module, path in project_modules()
        if path.name != "apps.py"
        for line, imported, in_function in imports(path)
        if in_function and layer(imported) is not None
    ]

    assert inside == []


def test_the_rule_catches_an_upward_import(tmp_path):
    story = tmp_path / "story.py"
    story.write_text("def f():\n    from articles.search.query import Search\n", encoding="utf-8")

    assert list(imports(story)) == [(2, "articles.search.query", True)]
    assert layer("articles.search.query") not in MAY_IMPORT["articles"]
