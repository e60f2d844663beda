"""Unions below the migrated federation tree, and the people who write for the paper."""

# (parent slug, fields for the new union); parents come before their children.
UNIONS = [
    (
        "shengbushu",
        {
            "slug": "juhua",
            "name": "巨化集团有限公司工会",
            "short_name": "巨化集团",
            "level": "enterprise",
        },
    ),
    (
        "shengbushu",
        {
            "slug": "hanggang",
            "name": "杭州钢铁集团有限公司工会",
            "short_name": "杭钢集团",
            "level": "enterprise",
        },
    ),
    (
        "shengbushu",
        {
            "slug": "haigang",
            "name": "浙江省海港投资运营集团有限公司工会",
            "short_name": "省海港集团",
            "level": "enterprise",
        },
    ),
    (
        "huzhou",
        {
            "slug": "huzhou-wenhuagong",
            "name": "湖州市总工会工人文化宫",
            "short_name": "湖州工人文化宫",
            "level": "unit",
        },
    ),
    (
        "nanxun",
        {
            "slug": "nanxun-jincheng",
            "name": "湖州南浔锦程丝绸有限公司工会",
            "short_name": "锦程丝绸",
            "level": "grassroots",
        },
    ),
    (
        "changxing",
        {
            "slug": "changxing-tongqu",
            "name": "长兴通衢物流有限公司工会",
            "short_name": "通衢物流",
            "level": "grassroots",
        },
    ),
    (
        "xiaoshan",
        {
            "slug": "xiaoshan-hengrui",
            "name": "杭州萧山恒锐机械有限公司工会",
            "short_name": "恒锐机械",
            "level": "grassroots",
        },
    ),
]

# (union slug, brand) for the 工作品牌 gazetteer: the editorial checks flag a roundup segment
# of another city naming one. The demo stories name them only in their own city's text.
BRANDS = [("zhoushan", "船员之家"), ("keqiao", "入会加油站")]

# Staff reporters and editors belong to no union; correspondents write for theirs.
REPORTERS = ["钱晓岚", "韩立舟", "沈嘉禾", "陆一鸣"]
EDITORS = ["周文澜", "林苇"]
CORRESPONDENTS = [
    ("何少川", "hangzhou"),
    ("应佳音", "ningbo"),
    ("叶盛达", "wenzhou"),
    ("褚思远", "jiaxing"),
    ("姚晴", "huzhou"),
    ("孙越", "shaoxing"),
    ("吴瑾", "jinhua"),
    ("徐柯", "quzhou"),
    ("邬海波", "zhoushan"),
    ("林黎", "taizhou"),
    ("蓝秀芬", "lishui"),
    ("郑晨", "juhua"),
    ("曹立", "hanggang"),
    ("王启航", "haigang"),
]

# Demo-only logins, printed by load_demo. Never load the demo on a public site.
ADMIN = ("admin", "unionnews-admin")
# One login per desk role: (username, password, role, byline or "", 采写范围 union slugs).
ROLE_ACCOUNTS = [
    ("tongxunyuan", "unionnews-tongxunyuan", "通讯员", "姚晴", ["huzhou"]),
    ("jizhe", "unionnews-jizhe", "记者", "沈嘉禾", []),
    ("bianji", "unionnews-bianji", "编辑", "周文澜", []),
    ("fuzongbian", "unionnews-fuzongbian", "副总编", "林苇", []),
    ("zongbian", "unionnews-zongbian", "总编", "", []),
    ("guanliyuan", "unionnews-guanliyuan", "管理员", "", []),
]
