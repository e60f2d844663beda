"""The demo's 专题: the province's study of the plenum, caught by its tag, with a lead and two sections."""

TITLE = "学习贯彻全会精神"
SLUG = "quanhui-jingshen"
DESCRIPTION = (
    "全会召开以来，全省各级工会把学习宣传贯彻全会精神作为首要政治任务，"
    "通过党组（扩大）会议、理论学习中心组学习和劳模工匠宣讲、职工微课堂等形式，"
    "推动全会精神进企业、进车间、进班组。本专题汇集11个设区市和各产业工会的报道。\n"
    "各地工会来稿请注明“学习贯彻全会精神”。"
)
# The campaign began a month before the demo's today and runs a month on.
STARTS_DAYS_AGO = 30
ENDS_DAYS_AHEAD = 30
TAGS = ["学习贯彻全会精神"]
LEADS = ["plenum-roundup"]
# (title, tags of its rule, stories picked by hand)
SECTIONS = [
    ("劳模工匠宣讲", ["劳模工匠宣讲"], []),
    ("基层声音", [], ["haining-micro-class", "jingning-speakers"]),
]
