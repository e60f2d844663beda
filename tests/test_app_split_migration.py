"""Upgrading a database made before events, search, the editorial checks and the audit log
left the articles app (and ArticleEvent became TimelineEntry): every row stays, groups keep
their rights, admin links keep working.

The test database is taken back to the migrations main had before the split, filled
through the models as they were then, and migrated forward again.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.editorial.models import Acknowledgement, Caption, Finding, PrintImport, Term
from articles.events.models import Award, Event, EventUnion, Standing
from articles.models import Article
from articles.search.models import SearchDocument
from unionnews.accounts.models import AuditEntry

BEFORE_THE_SPLIT = [
    ("articles", "0013_audit_log_append_only"),
    ("accounts", "0001_password_age_and_login_failures"),
    ("events", None),
    ("search", None),
    ("editorial", None),
]
MOVED = {
    "events": ["event", "eventunion", "standing", "award"],
    "search": ["searchdocument"],
    "editorial": ["term", "finding", "acknowledgement", "printimport", "caption"],
    "accounts": ["auditentry"],
}
SHANGHAI = ZoneInfo("Asia/Shanghai")

# Serialized rollback: the next transactional test finds the content types it expects.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    admin = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "admin"]
    return executor.loader.project_state([target for target in targets if target[1]] + admin).apps


def row_counts():
    """{table: rows} for every table in the database (the renamed timeline under its new name)."""
    renamed = {"articles_articleevent": "articles_timelineentry"}
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            if table == "django_migrations":
                continue  # the one table these migrations add rows to
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[renamed.get(table, table)] = cursor.fetchone()[0]
    return counts


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def fill_the_old_tables(old):
    """One row in every table that moves, through the models as they were before the split."""
    # Built by hand: a transactional test starts without the unions the migrations load.
    union = old.get_model("unions", "Union").objects.create(
        path="9001", depth=1, name="湖州市总工会", short_name="湖州", slug="huzhou-test", level="city"
    )
    user = old.get_model("auth", "User").objects.create(username="bianji", is_staff=True)
    article = old.get_model("articles", "Article").objects.create(
        headline="湖州市总工会召开十届五次全委会",
        status="published",
        published_at=datetime(2026, 3, 2, 9, tzinfo=SHANGHAI),
    )
    page = old.get_model("articles", "PrintPage").objects.create(edition_date=date(2026, 3, 3), number=2)
    event = old.get_model("articles", "Event").objects.create(
        title="湖州市职工篮球联赛", slug="huzhou-basketball", starts_at=datetime(2026, 4, 1, 9, tzinfo=SHANGHAI)
    )
    article.events.add(event)
    old.get_model("articles", "EventUnion").objects.create(event=event, union=union)
    old.get_model("articles", "Standing").objects.create(event=event, rank=1, team="南浔代表队")
    old.get_model("articles", "Award").objects.create(event=event, name="体育道德风尚奖", recipient="吴兴代表队")
    old.get_model("articles", "SearchDocument").objects.create(article=article, status="published")
    old.get_model("articles", "Term").objects.create(term="职工之家")
    old.get_model("articles", "Finding").objects.create(
        article=article, code="term", message="规范用语", fingerprint="f1"
    )
    old.get_model("articles", "Acknowledgement").objects.create(article=article, fingerprint="f1", code="term")
    old.get_model("articles", "PrintImport").objects.create(
        article=article, page=page, headline=article.headline, data={}, fingerprint="p1"
    )
    old.get_model("articles", "Caption").objects.create(article=article, text="联赛开幕式现场")
    old.get_model("articles", "AuditEntry").objects.create(actor=user, username="bianji", action="login")
    old.get_model("articles", "ArticleEvent").objects.create(
        article=article, actor=user, action="sign_off", from_status="final_review", to_status="published"
    )

    # A group of the desk's own, holding rights on moved models, and the admin's log of an edit.
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    group = old.get_model("auth", "Group").objects.create(name="赛事编辑")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="articles", codename__in=["change_event", "view_auditentry", "view_articleevent"]
        )
    )
    user.groups.add(group)
    old.get_model("admin", "LogEntry").objects.create(
        user=user,
        content_type=ContentType.objects.get(app_label="articles", model="event"),
        object_id=str(event.pk),
        object_repr=event.title,
        action_flag=CHANGE,
    )
    return article.pk, event.pk


@pytest.fixture
def before_the_split():
    old = migrate(BEFORE_THE_SPLIT)
    yield old
    migrate(latest())  # whatever happened, the next test finds the database as it expects


def test_upgrading_keeps_every_row_of_the_moved_models(before_the_split):
    article_id, event_id = fill_the_old_tables(before_the_split)
    before = row_counts()

    migrate(latest())

    after = row_counts()
    # Role migrations since the split grant new rights (articles 0024: the unions' brands).
    assert after.pop("auth_group_permissions") >= before.pop("auth_group_permissions")
    assert {table: after[table] for table in before} == before  # tables added since may be empty
    event = Event.objects.get(pk=event_id)
    assert list(Article.objects.get(pk=article_id).events.all()) == [event]
    assert [row.union.slug for row in EventUnion.objects.filter(event=event)] == ["huzhou-test"]
    assert Standing.objects.get(event=event).team == "南浔代表队"
    assert Award.objects.get(event=event).recipient == "吴兴代表队"
    assert SearchDocument.objects.get(article_id=article_id).status == "published"
    assert Term.objects.filter(term="职工之家").exists()
    assert Finding.objects.get(article_id=article_id).fingerprint == "f1"
    assert Acknowledgement.objects.get(article_id=article_id).code == "term"
    assert PrintImport.objects.get(article_id=article_id).page.number == 2
    assert Caption.objects.get(article_id=article_id).text == "联赛开幕式现场"
    assert AuditEntry.objects.get(username="bianji").action == "login"
    assert [entry.action for entry in Article.objects.get(pk=article_id).timeline.all()] == ["sign_off"]


def test_upgrading_keeps_groups_rights_and_the_admin_log_on_the_moved_models(before_the_split, client):
    _, event_id = fill_the_old_tables(before_the_split)

    migrate(latest())

    group = Group.objects.get(name="赛事编辑")
    assert sorted(f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()) == [
        "accounts.view_auditentry",
        "articles.view_timelineentry",
        "events.change_event",
    ]
    desk_member = User.objects.get(username="bianji")
    assert desk_member.has_perm("events.change_event")
    assert desk_member.has_perm("articles.view_timelineentry")  # ArticleEvent was renamed TimelineEntry
    assert not ContentType.objects.filter(
        app_label="articles", model__in=[model for models in MOVED.values() for model in models]
    ).exists()
    entry = LogEntry.objects.get(object_id=str(event_id))
    assert entry.get_admin_url() == f"/admin/events/event/{event_id}/change/"

    client.force_login(User.objects.create_superuser("guanliyuan", password="unionnews-guanliyuan"))
    assert client.get(entry.get_admin_url()).status_code == 200


def test_an_old_admin_bookmark_opens_the_page_at_its_new_address(admin_client):
    response = admin_client.get("/admin/articles/event/7/change/?_changelist_filters=kind%3Dmatch")

    assert response.status_code == 301
    assert response["Location"] == "/admin/events/event/7/change/?_changelist_filters=kind%3Dmatch"
    assert admin_client.get("/admin/articles/auditentry/").url == "/admin/accounts/auditentry/"
    assert admin_client.get("/admin/articles/article/").status_code == 200  # stories stayed where they were
