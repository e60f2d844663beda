"""稿件考核 in the demo: two versions of the scoring table and a year of correspondents' copy.

The history is short web and print stories, one or two a month for each city's
correspondent, so the rankings, the charts and a correspondent's 编辑台 have a year to show.
Deterministic: the same load gives the same scores.
"""

from datetime import timedelta

# (days before today the version starts, 头版头条, 一版, 其他版, 仅网络, 每张图片, 组稿分段, 说明)
RULES = [
    (400, 10, 6, 3, 2, 1.5, 1, "年度考核试行标准"),
    (120, 12, 6, 3, 2, 2, 1, "提高头版头条和图片的分值"),
]

# What a city's correspondent reported on, month after month (headline after the city's name).
TOPICS = [
    "总工会开展新就业形态劳动者入会集中行动",
    "总工会举办职工技能比武",
    "总工会“娘家人”走访慰问一线职工",
    "总工会推进工会驿站提档升级",
    "总工会组织劳模工匠进企业宣讲",
    "总工会开展职工法律援助进园区活动",
    "总工会启动职工疗休养工作",
    "总工会召开基层工会规范化建设推进会",
    "总工会开展女职工关爱行动",
    "总工会举办职工读书分享会",
    "总工会推动企业工资集体协商",
    "总工会开展困难职工帮扶回头看",
]

# Of each story, where it ran: 0 头版头条, 1 一版, 2 第3版, 3 and 4 web only.
TIER_CYCLE = 5

HISTORY_MONTHS = 12


def history(today, correspondents):
    """(day, correspondent, city slug, headline, print tier, returned first) of each story, oldest first.

    correspondents: [(name, city slug, city short name)], in the federation's order.
    """
    stories = []
    for month in range(HISTORY_MONTHS, 0, -1):
        for index, (name, slug, city) in enumerate(correspondents):
            count = 2 if (index * 7 + month * 3) % 3 == 0 else 1
            for number in range(count):
                day = today - timedelta(days=month * 30 + index + number * 9)
                topic = TOPICS[(month + index + number) % len(TOPICS)]
                tier = (index + month + number) % TIER_CYCLE
                stories.append((day, name, slug, f"{city}市{topic}", tier, (index + number + month) % 6 == 0))
    return stories
