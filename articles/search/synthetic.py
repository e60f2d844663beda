"""Realistic-looking synthetic Chinese stories for the search benchmark (seeded, repeatable)."""

PLACES = [
    "湖州",
    "嘉兴",
    "杭州",
    "宁波",
    "温州",
    "绍兴",
    "金华",
    "衢州",
    "舟山",
    "台州",
    "丽水",
    "南浔",
    "德清",
    "长兴",
    "安吉",
    "吴兴",
]
ORGS = [
    "市总工会",
    "区总工会",
    "县总工会",
    "机关工会",
    "教育工会",
    "卫生工会",
    "交通运输工会",
    "建设工会",
    "巨化集团工会",
    "供电公司工会",
]
THINGS = [
    "越工驿站",
    "班前十分钟",
    "工BA",
    "南浔彩蝶队",
    "职工书屋",
    "劳模工作室",
    "工匠学院",
    "爱心妈咪小屋",
    "户外劳动者服务站",
    "职工之家",
    "技能比武",
    "金秋助学",
    "送清凉",
    "春风行动",
    "职工疗休养",
    "新就业形态劳动者",
    "MVP",
    "2024年度",
    "3.0版",
    "AI培训班",
    "5G智慧工地",
    "职工BA联赛",
    "工会驿站",
    "产业工人队伍建设改革",
]
NAMES = [
    "羊晓江",
    "沈丽娟",
    "陈建国",
    "王海燕",
    "李志强",
    "张晓明",
    "吴卫东",
    "周敏",
    "徐振华",
    "钱佳怡",
    "孙立平",
    "朱红霞",
]
VERBS = ["召开", "举办", "开展", "启动", "部署", "推进", "表彰", "走访", "调研", "发布"]
TOPICS = [
    "全委会",
    "劳动竞赛",
    "职工代表大会",
    "集体协商",
    "安全生产月活动",
    "普惠服务",
    "困难职工帮扶",
    "技能培训",
    "文体活动",
    "权益维护",
]
FILLER = [
    "会议传达学习了上级工会会议精神，部署下半年重点工作",
    "活动吸引了来自各行各业的一线职工踊跃参与",
    "与会人员围绕如何更好服务职工群众展开了热烈讨论",
    "下一步将持续深化改革，推动各项工作落地见效",
    "现场气氛热烈，职工们纷纷表示收获很大",
    "据统计，今年以来已累计服务职工超过一万人次",
    "该项目被列为年度为职工办实事重点项目",
    "工会干部深入车间班组，面对面听取职工意见建议",
]


def story(rng):
    """(kicker, headline, subheadline, summary, paragraphs, extras) for one story."""
    place, org, thing = rng.choice(PLACES), rng.choice(ORGS), rng.choice(THINGS)
    headline = f"{place}{org}{rng.choice(VERBS)}{rng.choice(TOPICS)}"
    if rng.random() < 0.3:
        headline += f"，{thing}受欢迎"
    paragraphs = []
    for _ in range(rng.randint(3, 7)):
        sentences = [rng.choice(FILLER) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.4:
            sentences.insert(
                rng.randrange(len(sentences) + 1), f"{rng.choice(PLACES)}的{rng.choice(THINGS)}成为职工身边的好去处"
            )
        if rng.random() < 0.2:
            sentences.append(f"{rng.randint(2015, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
        paragraphs.append("，".join(sentences) + "。")
    extras = [rng.choice(NAMES), rng.choice(NAMES), place + org, thing]
    kicker = f"聚焦{rng.choice(TOPICS)}" if rng.random() < 0.3 else ""
    subheadline = f"{thing}助力职工成长" if rng.random() < 0.2 else ""
    return kicker, headline, subheadline, paragraphs[0][:60], paragraphs, extras
