"""Our own print-page texts for import tests (the shared sample is read through the
`sample_page` fixture, never copied here)."""

PAGE_ONE_BODY = """\
(上接标题)

本报讯 记者林晓燕 通讯员郑浩报道 全会闭幕后,全省各设区市总工会迅速行动,通过多种形式传达学习全会精神。

杭州市总工会召开党组(扩大)会议,传达学习全会精神,研究部署全市工会贯彻落实工作。

会议提出,要组织劳模工匠宣讲团走进园区和楼宇,把全会精神讲到职工身边。

宁波市总工会召开理论学习中心组学习会,专题学习全会精神。宁波港联合码头有限公司工会派员列席会议。

温州市总工会召开全市工会工作会议,要求把全会精神落实到民营企业职工服务

工作的各个环节。

金华市总工会召开党组会议,部署开展"进企业、进车间、进班组"宣讲活动。(下转第2版)
"""


def page_one(sample_page):
    """Page 1 of the roundup: the sample's own heading lines, then our text up to 下转第2版."""
    headings = [line for line in sample_page.splitlines() if line.strip()][:3]
    return "\n\n".join(headings) + "\n\n" + PAGE_ONE_BODY.replace("(上接标题)\n\n", "")


CLEAN_PAGE = """\
职工技能提升在行动

嘉兴举办首届数控技能大赛

——120名一线职工同台竞技

本报讯 记者林晓燕 通讯员郑浩报道 日前,嘉兴市首届数控技能大赛在南湖区开赛,来自全市42家企业的120名一线职工参加比赛。

比赛分理论考试和实际操作两部分。嘉兴市总工会有关负责人表示,将以赛促学、以赛促训,帮助更多职工成长为高技能人才。
"""


# Short items (简讯): a headline, then body, and no 本报讯 line, after three kinds of story.
BRIEF = """\
湖州开展夏季送清凉活动

7月以来,湖州市总工会走访慰问高温下坚守岗位的一线职工,送去防暑降温物资。

此次活动共走访企业86家,慰问职工3200余人。
"""

AFTER_CONTINUED = (
    """\
职工书屋建设再上新台阶

(上接第1版)

职工书屋建设再上新台阶

今年以来,全省新建职工书屋320家,配送图书12万册,覆盖一线职工20万余人。

下一步,省总工会将推动职工书屋向新就业形态劳动者开放,让更多职工享受阅读服务。

"""
    + BRIEF
)

AFTER_ROUNDUP = (
    """\
两市总工会部署下半年工作

本报讯 记者林晓燕报道 日前,两市总工会分别召开会议,部署下半年重点工作。

嘉兴市总工会召开全市工

会半年度工作会议,要求持续深化产业工人队伍建设改革。

绍兴市总工会召开党组会议,研究部署职工服务阵地建设。

"""
    + BRIEF
)

AFTER_STORY = CLEAN_PAGE + "\n" + BRIEF


# A character lost at a column break: 基层单位⏎会始终 (the 工 of 工会 is gone).
LOST_CHARACTER = """\
全市工会开展夏季送清凉活动

本报讯 记者林晓燕报道 今年以来,全市各基层单位

会始终把职工冷暖放在心上,累计慰问高温作业职工1.2万人次。
"""
