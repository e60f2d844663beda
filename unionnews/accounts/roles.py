"""The desk's roles: Django groups and the permissions each holds.

The migrations articles/0003_roles, 0005_roles_for_editorial_checks, 0010_roles_for_trash,
0025_roles_for_brands, epaper/0002_roles_for_epaper, campaigns/0002_roles_for_campaigns and
statistics/0002_roles_for_statistics
create the groups and their permissions (each with a frozen copy of what it adds);
tests/workflow/test_role_migrations.py checks that ROLES and the migrated groups agree.
Tests and the demo look groups up by these names.
"""

CORRESPONDENT = "通讯员"
REPORTER = "记者"
SECTION_EDITOR = "编辑"
DEPUTY_CHIEF = "副总编"
CHIEF = "总编"
ADMINISTRATOR = "管理员"

# Writing a draft: the story, its inlines, and looking up unions, people, events and tags.
_WRITE = [
    "articles.view_article",
    "articles.add_article",
    "articles.change_article",
    "articles.delete_article",
    *(
        f"articles.{verb}_{model}"
        for model in ["articleunion", "credit", "segment", "photo"]
        for verb in ["view", "add", "change", "delete"]
    ),
    "articles.view_contributor",
    "events.view_event",
    "unions.view_union",
    "taggit.view_tag",
    "articles.view_timelineentry",
    "articles.view_revision",
    "articles.view_correction",
    *(f"editorial.{verb}_caption" for verb in ["view", "add", "change", "delete"]),
    "editorial.view_finding",
    "editorial.view_acknowledgement",
]
# The desk's own tables: print pages, events, contributors, tags.
_DESK = [
    *(
        f"articles.{verb}_{model}"
        for model in ["placement", "printpage", "contributor"]
        for verb in ["view", "add", "change", "delete"]
    ),
    *(
        f"events.{verb}_{model}"
        for model in ["event", "eventunion", "standing", "award"]
        for verb in ["view", "add", "change", "delete"]
    ),
    *(f"taggit.{verb}_tag" for verb in ["add", "change", "delete"]),
    *(f"editorial.{verb}_term" for verb in ["view", "add", "change", "delete"]),
    "editorial.view_printimport",
    "articles.any_union_article",
    # 数字报: upload page PDFs and correct their story areas.
    *(f"epaper.{verb}_{model}" for model in ["pagefile", "storyarea"] for verb in ["view", "add", "change", "delete"]),
    "epaper.view_editionfile",
    # 专题: campaigns, their leads, sections and links, and the coverage matrix.
    *(
        f"campaigns.{verb}_{model}"
        for model in ["campaign", "lead", "section", "link"]
        for verb in ["view", "add", "change", "delete"]
    ),
    # 稿件考核: everybody's figures and ranks (others see only their own).
    "statistics.view_scoringrule",
]

ROLES = {
    CORRESPONDENT: _WRITE,
    REPORTER: [*_WRITE, "articles.any_union_article"],
    SECTION_EDITOR: [*_WRITE, *_DESK, "articles.first_review_article"],
    DEPUTY_CHIEF: [*_WRITE, *_DESK, "articles.second_review_article", "articles.add_correction"],
    CHIEF: [
        *_WRITE,
        *_DESK,
        "articles.final_review_article",
        "articles.withdraw_article",
        "articles.delete_published_article",
        "articles.restore_article",
        "articles.add_correction",
        # The scoring table of 稿件考核 and its versions.
        *(f"statistics.{verb}_scoringrule" for verb in ["add", "change", "delete"]),
    ],
    ADMINISTRATOR: [
        *(f"auth.{verb}_{model}" for model in ["user", "group"] for verb in ["view", "add", "change", "delete"]),
        *(f"unions.{verb}_union" for verb in ["view", "add", "change", "delete"]),
        *(f"unions.{verb}_brand" for verb in ["view", "add", "change", "delete"]),
        "accounts.view_auditentry",
        "articles.view_contributor",
        "articles.change_contributor",
        "articles.add_contributor",
    ],
}
