"""Stories somewhere in the review flow (三审三校), so every desk role finds work waiting."""

from unionnews.demo.shapes import StorySpec

# (story key, [(username, timeline action, from, to, comment)]) replayed after loading.
STORIES = [
    StorySpec(
        key="huzhou-canteen-first",
        headline="湖州一批职工食堂开展“小份菜”试点",
        dateline="湖州",
        day=0,
        state="first_review",
        credits=[("通讯员", "姚晴")],
        unions=["huzhou"],
        tags=["职工服务"],
        paragraphs=["湖州市总工会在部分企业职工食堂试点推出“小份菜”，方便一线职工按需取餐，减少浪费。"],
    ),
    StorySpec(
        key="nanxun-nightschool-second",
        headline="南浔职工夜校秋季班报名开启",
        dateline="湖州",
        day=0,
        state="second_review",
        credits=[("通讯员", "姚晴")],
        unions=["nanxun"],
        tags=["教育培训"],
        paragraphs=["南浔区总工会职工夜校秋季班开设电商直播、茶艺和摄影等课程，全区职工可免费报名。"],
    ),
    StorySpec(
        key="ningbo-port-final",
        headline="宁波舟山港职工创新工作室再添新成果",
        dateline="宁波",
        day=0,
        state="final_review",
        credits=[("记者", "沈嘉禾")],
        unions=["ningbo"],
        tags=["劳模工匠"],
        paragraphs=["宁波舟山港一批职工创新工作室今年累计完成技术革新项目40余项，多项成果在港区推广应用。"],
    ),
    StorySpec(
        key="huzhou-returned",
        headline="湖州市总工会慰问高温一线职工",
        dateline="湖州",
        day=0,
        draft=True,
        credits=[("通讯员", "姚晴")],
        unions=["huzhou"],
        tags=["送清凉"],
        paragraphs=["湖州市总工会负责同志带队走访建筑工地和物流园区，为高温下坚守岗位的职工送去清凉物品。"],
    ),
    StorySpec(
        key="jiaxing-withdrawn",
        headline="嘉兴举办职工象棋比赛（已撤稿示例）",
        dateline="嘉兴",
        day=-2,
        at="10:00",
        state="withdrawn",
        credits=[("记者", "陆一鸣")],
        unions=["jiaxing"],
        tags=["职工文体"],
        paragraphs=["嘉兴市总工会举办职工象棋比赛。"],
    ),
    StorySpec(
        key="wenzhou-deleted",
        headline="温州举办职工摄影展（已删除示例）",
        dateline="温州",
        day=-3,
        at="15:00",
        credits=[("记者", "陆一鸣")],
        unions=["wenzhou"],
        tags=["职工文体"],
        paragraphs=["温州市总工会举办职工摄影展，展出一线职工拍摄的作品120余幅。"],
    ),
]

TIMELINES = {
    "huzhou-canteen-first": [("tongxunyuan", "submit", "draft", "first_review", "")],
    "nanxun-nightschool-second": [
        ("tongxunyuan", "submit", "draft", "first_review", ""),
        ("bianji", "first_review", "first_review", "second_review", "事实清楚，同意"),
    ],
    "ningbo-port-final": [
        ("jizhe", "submit", "draft", "first_review", ""),
        ("bianji", "first_review", "first_review", "second_review", "同意"),
        ("fuzongbian", "second_review", "second_review", "final_review", "同意，请总编签发"),
    ],
    "huzhou-returned": [
        ("tongxunyuan", "submit", "draft", "first_review", ""),
        ("bianji", "return", "first_review", "draft", "请补充走访的单位名称和慰问金额。"),
    ],
    "jiaxing-withdrawn": [("zongbian", "withdraw", "published", "withdrawn", "比赛名称有误，撤稿核实。")],
}

# (story key in any module, text): a correction on a published story.
CORRECTIONS = [("province-cool", "本文第二段中“40个服务站点”应为“46个服务站点”。")]
# (story key, username): published stories moved to the trash (回收站), so 总编 finds one to restore.
TRASHED = [("wenzhou-deleted", "zongbian")]
