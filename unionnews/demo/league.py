"""Huzhou's first 工BA: a basketball league for private-sector workers, with its results and reports."""

from unionnews.demo.shapes import EventSpec, PhotoSpec, StorySpec

SLUG = "huzhou-gongba"

EVENT = EventSpec(
    slug=SLUG,
    title="湖州市首届“工BA”非公企业职工篮球赛",
    kind="competition",
    starts=(-20, "14:00"),
    ends=(-11, "21:00"),
    place="湖州市总工会工人文化宫体育馆",
    description=(
        "<p>湖州市总工会主办、市总工会工人文化宫承办的职工篮球赛，面向全市非公企业一线职工。"
        "10支企业代表队先打小组循环赛，再进入交叉淘汰赛和决赛，全部比赛免费向职工开放观赛。</p>"
    ),
    unions=[("huzhou", "organiser"), ("huzhou-wenhuagong", "host"), ("nantaihu", "supporter")],
    standings=[
        (1, "南浔锦程队", "湖州南浔锦程丝绸有限公司", "nanxun-jincheng", "冠军"),
        (2, "德清云帆队", "德清云帆智能装备有限公司", "deqing", "亚军"),
        (3, "长兴通衢物流队", "长兴通衢物流有限公司", "changxing-tongqu", "加时赛胜出"),
        (4, "德清禾丰队", "德清禾丰新材料有限公司", "deqing", ""),
        (5, "吴兴星澜队", "湖州吴兴星澜纺织有限公司", "wuxing", ""),
        (6, "安吉竹语队", "安吉竹语家居有限公司", "anji", ""),
    ],
    awards=[
        ("individual", "最有价值球员（MVP）", "沈一帆", "南浔锦程队", "nanxun"),
        ("individual", "得分王", "费立成", "德清云帆队", "deqing"),
        ("individual", "助攻王", "姚小川", "长兴通衢物流队", "changxing"),
        ("team", "优秀组织奖", "南太湖新区总工会", "", "nantaihu"),
        ("team", "精神风尚奖", "吴兴星澜队", "湖州吴兴星澜纺织有限公司", "wuxing"),
    ],
)

STORIES = [
    StorySpec(
        key="gongba-opening",
        kicker="篮球点燃职工激情",
        headline="湖州首届“工BA”开赛",
        subheadline="10支非公企业职工球队同场竞技",
        dateline="湖州",
        day=-19,
        at="09:00",
        credits=[("记者", "沈嘉禾"), ("通讯员", "姚晴")],
        unions=[("huzhou", "organiser"), "huzhou-wenhuagong"],
        tags=["工BA", "职工文化"],
        events=[SLUG],
        photos=[
            PhotoSpec("揭幕战中双方球员争抢篮板。", "记者 陆一鸣 摄", "演示占位图：篮球场线条和一只篮球", "basketball")
        ],
        paragraphs=[
            "随着裁判一声哨响，湖州市首届“工BA”非公企业职工篮球赛在市总工会工人文化宫体育馆开赛。"
            "来自吴兴、南浔、德清、长兴、安吉和南太湖新区的10支企业代表队，将在此后十天里展开角逐。",
            "参赛队员都是企业一线职工，有纺织挡车工、物流司机，也有装备制造企业的技术员。"
            "揭幕战中，南浔锦程队与安吉竹语队你来我往，看台上的职工啦啦队呐喊助威，气氛热烈。",
            "市总工会有关负责人介绍，举办“工BA”是为了丰富职工业余文化生活、增进企业之间的交流。",
        ],
    ),
    StorySpec(
        key="gongba-final",
        kicker="湖州首届“工BA”落幕",
        headline="南浔锦程队捧得冠军奖杯",
        subheadline="百余名一线职工球员十天激战16场",
        dateline="湖州",
        summary="南浔锦程队在决赛中战胜德清云帆队夺冠，长兴通衢物流队、德清禾丰队分列三四名，赛事同时评出个人奖和团体奖。",
        day=-10,
        at="08:00",
        credits=[("记者", "沈嘉禾"), ("摄影", "陆一鸣")],
        unions=[
            ("huzhou", "organiser"),
            "huzhou-wenhuagong",
            ("nanxun", "mentioned"),
            ("deqing", "mentioned"),
            ("changxing", "mentioned"),
        ],
        tags=["工BA", "职工文化"],
        events=[SLUG],
        featured=True,
        photos=[
            PhotoSpec(
                "决赛中，南浔锦程队球员突破上篮。", "记者 陆一鸣 摄", "演示占位图：篮球场线条和一只篮球", "basketball"
            ),
            PhotoSpec("颁奖仪式现场。", "记者 陆一鸣 摄", "演示占位图：一排人站在领奖台后", "meeting"),
        ],
        paragraphs=[
            "经过十天16场比赛，湖州市首届“工BA”非公企业职工篮球赛日前落下帷幕。南浔锦程队在决赛中以68比61战胜德清云帆队，夺得冠军；"
            "长兴通衢物流队和德清禾丰队分列第三、四名。",
            "决赛上半场，两队比分交替上升；下半场，南浔锦程队加强外线防守，连续打出快攻，逐渐拉开比分。"
            "锦程队队长沈一帆全场拿下23分，获评本届比赛最有价值球员。德清云帆队的费立成和长兴通衢物流队的姚小川分获得分王和助攻王。",
            "赛事还评出了团体奖项：南太湖新区总工会获优秀组织奖，吴兴星澜队获精神风尚奖。",
            "“白天在车间，晚上上球场，这十天过得特别充实。”一名锦程队队员说。市总工会表示，将把“工BA”办成常态化的职工赛事，并逐步向更多行业延伸。",
        ],
    ),
    StorySpec(
        key="changxing-team-profile",
        kicker="“工BA”赛场故事",
        headline="货车司机组队打进四强",
        subheadline="记长兴通衢物流队",
        dateline="湖州",
        day=-9,
        at="17:00",
        credits=[("记者", "沈嘉禾")],
        unions=["changxing-tongqu", ("changxing", "mentioned")],
        tags=["工BA", "职工文化"],
        events=[SLUG],
        editor="林苇",
        paragraphs=[
            "长兴通衢物流队的15名队员里，有常年跑长途的货车司机，也有货运站场的装卸工和调度员。大家排班错开，能凑齐训练全靠提前在微信群里约时间。",
            "三四名决赛打得难解难分，常规时间战平后进入加时。一次抢断后的快攻上篮帮助球队锁定胜局，拿到第三名。",
            "公司工会主席说，公司为球队提供了训练场地和装备，还把比赛日安排为调休。“球场上练出来的默契，回到工作中也用得上。”",
        ],
    ),
]
