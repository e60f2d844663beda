"""Meetings, trainings and campaigns on the calendar: some over, one running, some ahead."""

from unionnews.demo.shapes import EventSpec

EVENTS = [
    EventSpec(
        slug="shengbushu-publicity-meeting",
        title="浙江省省部属企事业单位工会宣传工作会议",
        kind="meeting",
        starts=(-7, "09:00"), ends=(-7, "17:00"),
        place="衢州",
        description="<p>总结交流省部属企事业单位工会宣传工作，部署学习宣传贯彻全会精神和下一阶段重点任务。</p>",
        unions=[("shengbushu", "organiser"), ("juhua", "host")],
    ),
    EventSpec(
        slug="taizhou-project-contest",
        title="台州市重大项目劳动竞赛推进会",
        kind="meeting",
        starts=(-19, "14:30"), ends=(-19, "17:00"),
        place="台州市职工服务中心",
        description="<p>部署全市重点工程项目劳动竞赛，项目部签订竞赛责任书。</p>",
        unions=[("taizhou", "organiser")],
    ),
    EventSpec(
        slug="jiaxing-chairs-training",
        title="嘉兴市新任基层工会主席培训班",
        kind="training",
        starts=(-16, "08:30"), ends=(-14, "16:30"),
        place="嘉兴市职工培训中心",
        description="<p>面向新任基层工会主席，讲授工会法律法规、集体协商、经费管理和职工服务实务。</p>",
        unions=[("jiaxing", "organiser")],
    ),
    EventSpec(
        slug="shaoxing-join-month",
        title="绍兴市新就业形态劳动者入会服务月",
        kind="campaign",
        starts=(-10, "09:00"), ends=(20, "18:00"),
        place="绍兴市各物流园区、商圈和配送站点",
        description="<p>在物流园区、商圈和配送站点设置入会服务点，为货车司机、快递员、外卖送餐员等办理入会并提供服务。</p>",
        unions=[("shaoxing", "organiser"), ("keqiao", "host")],
    ),
    EventSpec(
        slug="zhoushan-island-health",
        title="舟山“海岛职工健康行”主题活动",
        kind="campaign",
        starts=(3, "09:00"), ends=(40, "17:00"),
        place="舟山各县区海岛和渔港",
        description="<p>联合医疗机构上岛义诊，为海岛职工和船员提供健康体检、健康讲座和心理疏导服务。</p>",
        unions=[("zhoushan", "organiser")],
    ),
    EventSpec(
        slug="zhejiang-publicity-training",
        title="全省工会新闻宣传骨干培训班",
        kind="training",
        starts=(8, "09:00"), ends=(10, "16:00"),
        place="杭州",
        description="<p>课程包括新闻写作、短视频制作、融媒体运营和舆情应对，安排稿件点评和现场采访实践。</p>",
        unions=[("zhejiang", "organiser")],
    ),
    EventSpec(
        slug="wenzhou-shoe-garment-final",
        title="温州市鞋服行业职工技能大赛决赛",
        kind="competition",
        starts=(15, "08:30"), ends=(15, "17:30"),
        place="温州市职工技能实训基地",
        description="<p>设制鞋、缝纫、版型设计三个项目，预赛成绩靠前的选手参加决赛。</p>",
        unions=[("wenzhou", "organiser"), ("lucheng", "host")],
    ),
]
