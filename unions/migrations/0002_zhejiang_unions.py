"""Load the federation tree of Zhejiang: the province, its 11 city federations
and every county-level union (districts, county-level cities, counties, and
Huzhou's 南太湖新区), with hand-set pinyin slugs that must never change.

Historical models have no treebeard methods, so paths are written directly in
treebeard's format: four base-36 digits a level, siblings in insertion order.
"""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# (city short name, slug, [(county full-name part, short name, slug, is_district)])
CITIES = [
    ("杭州", "hangzhou", [
        ("上城区", "上城", "shangcheng", True), ("拱墅区", "拱墅", "gongshu", True),
        ("西湖区", "西湖", "xihu", True), ("滨江区", "滨江", "binjiang", True),
        ("萧山区", "萧山", "xiaoshan", True), ("余杭区", "余杭", "yuhang", True),
        ("临平区", "临平", "linping", True), ("钱塘区", "钱塘", "qiantang", True),
        ("富阳区", "富阳", "fuyang", True), ("临安区", "临安", "linan", True),
        ("桐庐县", "桐庐", "tonglu", False), ("淳安县", "淳安", "chunan", False),
        ("建德市", "建德", "jiande", False),
    ]),
    ("宁波", "ningbo", [
        ("海曙区", "海曙", "haishu", True), ("江北区", "江北", "jiangbei", True),
        ("北仑区", "北仑", "beilun", True), ("镇海区", "镇海", "zhenhai", True),
        ("鄞州区", "鄞州", "yinzhou", True), ("奉化区", "奉化", "fenghua", True),
        ("余姚市", "余姚", "yuyao", False), ("慈溪市", "慈溪", "cixi", False),
        ("象山县", "象山", "xiangshan", False), ("宁海县", "宁海", "ninghai", False),
    ]),
    ("温州", "wenzhou", [
        ("鹿城区", "鹿城", "lucheng", True), ("龙湾区", "龙湾", "longwan", True),
        ("瓯海区", "瓯海", "ouhai", True), ("洞头区", "洞头", "dongtou", True),
        ("瑞安市", "瑞安", "ruian", False), ("乐清市", "乐清", "yueqing", False),
        ("龙港市", "龙港", "longgang", False), ("永嘉县", "永嘉", "yongjia", False),
        ("平阳县", "平阳", "pingyang", False), ("苍南县", "苍南", "cangnan", False),
        ("文成县", "文成", "wencheng", False), ("泰顺县", "泰顺", "taishun", False),
    ]),
    ("嘉兴", "jiaxing", [
        ("南湖区", "南湖", "nanhu", True), ("秀洲区", "秀洲", "xiuzhou", True),
        ("海宁市", "海宁", "haining", False), ("平湖市", "平湖", "pinghu", False),
        ("桐乡市", "桐乡", "tongxiang", False), ("嘉善县", "嘉善", "jiashan", False),
        ("海盐县", "海盐", "haiyan", False),
    ]),
    ("湖州", "huzhou", [
        ("吴兴区", "吴兴", "wuxing", True), ("南浔区", "南浔", "nanxun", True),
        ("德清县", "德清", "deqing", False), ("长兴县", "长兴", "changxing", False),
        ("安吉县", "安吉", "anji", False), ("南太湖新区", "南太湖新区", "nantaihu", True),
    ]),
    ("绍兴", "shaoxing", [
        ("越城区", "越城", "yuecheng", True), ("柯桥区", "柯桥", "keqiao", True),
        ("上虞区", "上虞", "shangyu", True), ("诸暨市", "诸暨", "zhuji", False),
        ("嵊州市", "嵊州", "shengzhou", False), ("新昌县", "新昌", "xinchang", False),
    ]),
    ("金华", "jinhua", [
        ("婺城区", "婺城", "wucheng", True), ("金东区", "金东", "jindong", True),
        ("兰溪市", "兰溪", "lanxi", False), ("义乌市", "义乌", "yiwu", False),
        ("东阳市", "东阳", "dongyang", False), ("永康市", "永康", "yongkang", False),
        ("武义县", "武义", "wuyi", False), ("浦江县", "浦江", "pujiang", False),
        ("磐安县", "磐安", "panan", False),
    ]),
    ("衢州", "quzhou", [
        ("柯城区", "柯城", "kecheng", True), ("衢江区", "衢江", "qujiang", True),
        ("江山市", "江山", "jiangshan", False), ("龙游县", "龙游", "longyou", False),
        ("常山县", "常山", "changshan", False), ("开化县", "开化", "kaihua", False),
    ]),
    ("舟山", "zhoushan", [
        ("定海区", "定海", "dinghai", True), ("普陀区", "普陀", "putuo", True),
        ("岱山县", "岱山", "daishan", False), ("嵊泗县", "嵊泗", "shengsi", False),
    ]),
    ("台州", "taizhou", [
        ("椒江区", "椒江", "jiaojiang", True), ("黄岩区", "黄岩", "huangyan", True),
        ("路桥区", "路桥", "luqiao", True), ("临海市", "临海", "linhai", False),
        ("温岭市", "温岭", "wenling", False), ("玉环市", "玉环", "yuhuan", False),
        ("三门县", "三门", "sanmen", False), ("天台县", "天台", "tiantai", False),
        ("仙居县", "仙居", "xianju", False),
    ]),
    ("丽水", "lishui", [
        ("莲都区", "莲都", "liandu", True), ("龙泉市", "龙泉", "longquan", False),
        ("青田县", "青田", "qingtian", False), ("缙云县", "缙云", "jinyun", False),
        ("遂昌县", "遂昌", "suichang", False), ("松阳县", "松阳", "songyang", False),
        ("云和县", "云和", "yunhe", False), ("庆元县", "庆元", "qingyuan", False),
        ("景宁畲族自治县", "景宁", "jingning", False),
    ]),
]


def step(position):
    """treebeard's path step for the `position`-th child (1-based)."""
    digits = ""
    while position:
        position, rest = divmod(position, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(4, "0")


def load(apps, schema_editor):
    Union = apps.get_model("unions", "Union")
    if Union.objects.exists():
        return

    def add(parent, position, **fields):
        path = (parent.path if parent else "") + step(position)
        return Union.objects.create(path=path, depth=len(path) // 4, **fields)

    acftu = add(None, 1, name="中华全国总工会", short_name="全总", level="national", slug="acftu",
                website="https://www.acftu.org", numchild=1)
    province = add(acftu, 1, name="浙江省总工会", short_name="浙江", level="province",
                   slug="zhejiang", numchild=len(CITIES) + 1)
    for position, (city, city_slug, counties) in enumerate(CITIES, start=1):
        city_union = add(province, position, name=f"{city}市总工会", short_name=city,
                         level="city", slug=city_slug, numchild=len(counties))
        for child_position, (county, short, slug, is_district) in enumerate(counties, start=1):
            # District unions carry the city's name (湖州市南浔区总工会); county-level
            # cities and counties stand alone (德清县总工会, 余姚市总工会).
            name = f"{city}市{county}总工会" if is_district else f"{county}总工会"
            add(city_union, child_position, name=name, short_name=short, level="county", slug=slug)
    add(province, len(CITIES) + 1, name="浙江省省部属企事业单位工会", short_name="省部属企事业单位",
        level="sector", slug="shengbushu")


def unload(apps, schema_editor):
    apps.get_model("unions", "Union").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("unions", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
