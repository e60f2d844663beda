"""Real page PDFs for the e-paper tests, drawn with reportlab from a layout description.

A page is described as its stories, each with its heading box and the column boxes its text
flows through (and optionally a photo box); the maker draws the heading lines (引题 in small
type, 主题 large, ——副题), flows the body paragraphs through the columns character by
character (two-character indent, justified as far as whole characters go) and returns the PDF
with each story's true area: its heading box, the part of each column the text filled and its photo.

Needs a CJK TrueType font: Debian's fonts-wqy-microhei (FONT); `font_missing` says why a test skips.
"""

import io
import os
from dataclasses import dataclass, field

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT_NAME = "WQYMicroHei"
BODY_SIZE = 9.5
LEADING = 14.0
PAD = 4.0
KICKER_SIZE = 12.0
HEADLINE_SIZE = 22.0


def font_missing():
    """Why the PDF tests cannot run here, or '' when they can."""
    if not os.path.exists(FONT):
        return f"没有中文字体 {FONT}（apt-get install fonts-wqy-microhei），无法生成测试用的版面PDF"
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return "没有安装 reportlab（pip install -e .[test]），无法生成测试用的版面PDF"
    return ""


def _register():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, FONT, subfontIndex=0))


@dataclass
class StorySpec:
    headline: str
    paragraphs: list
    heading_box: tuple  # (x0, y0, x1, y1) points from the top-left corner
    columns: list  # [(x0, y0, x1, y1)], the text flows through them in order
    kicker: str = ""
    subheadline: str = ""
    photo: tuple | None = None
    repeat_heading: bool = True  # False: no heading (a story block with no larger type)
    spacing: float = 0.0  # extra space between the headline's characters (spaced-out type)


@dataclass
class PageSpec:
    stories: list
    width: float = 595.0
    height: float = 842.0
    furniture: list = field(default_factory=list)  # [(x, y, text)] small type, e.g. the page's running head


@dataclass
class Built:
    pdf: bytes
    truth: dict  # headline -> [boxes]


def build_page(spec, encrypt=None):
    """Built(pdf bytes, {headline: true boxes}) for a PageSpec."""
    from reportlab.pdfgen import canvas

    _register()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(
        buffer, pagesize=(spec.width, spec.height), encrypt=encrypt, pageCompression=1, invariant=encrypt is None
    )
    pdf.setTitle("测试版面")
    truth = {}
    for x, y, text in spec.furniture:
        _text(pdf, spec, x, y, text, 8)
    for story in spec.stories:
        truth[story.headline] = _story(pdf, spec, story)
    pdf.showPage()
    pdf.save()
    return Built(buffer.getvalue(), truth)


def _text(pdf, spec, x, top, text, size, spacing=0.0):
    """Draw text with its top at `top` (points from the page's top)."""
    pdf.setFont(FONT_NAME, size)
    pdf.drawString(x, spec.height - top - size * 0.88, text, charSpace=spacing)


def _width(text, size):
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.stringWidth(text, FONT_NAME, size)


def _story(pdf, spec, story):
    boxes = []
    x0, y0, x1, _ = story.heading_box
    if story.repeat_heading:
        y = y0 + PAD
        if story.kicker:
            _text(pdf, spec, x0 + PAD, y, story.kicker, KICKER_SIZE)
            y += KICKER_SIZE * 1.5
        for line in _wrap(story.headline, x1 - x0 - 2 * PAD, HEADLINE_SIZE, story.spacing):
            drawn = _width(line, HEADLINE_SIZE) + story.spacing * (len(line) - 1)
            _text(pdf, spec, x0 + (x1 - x0 - drawn) / 2, y, line, HEADLINE_SIZE, story.spacing)
            y += HEADLINE_SIZE * 1.3
        if story.subheadline:
            sub = f"——{story.subheadline}"
            _text(pdf, spec, x1 - PAD - _width(sub, KICKER_SIZE), y, sub, KICKER_SIZE)
        boxes.append(list(story.heading_box))
    if story.photo:
        _photo(pdf, spec, story.photo)
        boxes.append(list(story.photo))
    queue = [(paragraph, True) for paragraph in story.paragraphs]
    for cx0, cy0, cx1, cy1 in story.columns:
        width = cx1 - cx0 - 2 * PAD
        y = cy0 + PAD
        used = False
        while queue and y + LEADING <= cy1 - PAD + 0.01:
            paragraph, first = queue.pop(0)
            indent = 2 * BODY_SIZE if first and not paragraph.startswith("（") else 0
            line, rest = _fit(paragraph, width - indent, BODY_SIZE)
            _text(pdf, spec, cx0 + PAD + indent, y, line, BODY_SIZE)
            used = True
            y += LEADING
            if rest:
                queue.insert(0, (rest, False))
        if used:
            boxes.append([cx0, cy0, cx1, min(cy1, y + PAD)])
    if queue:
        raise ValueError(f"《{story.headline}》的正文放不下：还剩 {sum(len(p) for p, _ in queue)} 字")
    return boxes


def _fit(text, width, size, spacing=0.0):
    """The longest start of text that fits the width, and the rest."""
    for end in range(1, len(text) + 1):
        if _width(text[:end], size) + spacing * (end - 1) > width:
            return text[: end - 1], text[end - 1 :]
    return text, ""


def _wrap(text, width, size, spacing=0.0):
    lines = []
    while text:
        line, text = _fit(text, width, size, spacing)
        lines.append(line)
    return lines


def _photo(pdf, spec, box):
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    x0, y0, x1, y1 = box
    image = Image.new("RGB", (200, 140), (170, 190, 205))
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 20, 140, 100), fill=(120, 90, 70))
    draw.rectangle((0, 110, 200, 140), fill=(90, 120, 80))
    pdf.drawImage(ImageReader(image), x0, spec.height - y1, width=x1 - x0, height=y1 - y0)


def scanned_page(width=595.0, height=842.0):
    """A page that is one picture (a scan): no text layer at all."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (600, 850), 250)
    draw = ImageDraw.Draw(image)
    for row in range(60, 820, 14):
        for column in (30, 220, 410):
            draw.rectangle((column, row, column + 160, row + 6), fill=60)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.drawImage(ImageReader(image), 0, 0, width=width, height=height)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def many_pages(count=300):
    from reportlab.pdfgen import canvas

    _register()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842))
    for number in range(1, count + 1):
        pdf.setFont(FONT_NAME, 20)
        pdf.drawString(100, 700, f"第{number}版")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def iou(found, true):
    """Intersection over union of two sets of rectangles (each set's union taken first)."""
    xs = sorted({b[0] for b in found + true} | {b[2] for b in found + true})
    ys = sorted({b[1] for b in found + true} | {b[3] for b in found + true})
    inter = union = 0.0
    for i in range(len(xs) - 1):
        for j in range(len(ys) - 1):
            cx, cy = (xs[i] + xs[i + 1]) / 2, (ys[j] + ys[j + 1]) / 2
            cell = (xs[i + 1] - xs[i]) * (ys[j + 1] - ys[j])
            a = any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in found)
            b = any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in true)
            inter += cell if a and b else 0
            union += cell if a or b else 0
    return inter / union if union else 0.0


# Two pages of a workers' daily, our own text: page 1 with three stories (one over two columns
# with a photo beside it, one across the foot of the page that jumps to page 2), page 2 with the
# jumped part (上接第1版, its headline repeated) and a story of its own.

LEFT, MIDDLE, RIGHT = (30, 208), (208, 386), (386, 565)

HANGZHOU = StorySpec(
    kicker="打通服务职工“最后一公里”",
    headline="杭州百家驿站冬日暖心开放",
    subheadline="户外劳动者可就近歇脚、热饭、充电",
    heading_box=(30, 46, 386, 138),
    columns=[(30, 138, 208, 400), (208, 138, 386, 400)],
    paragraphs=[
        "本报讯 记者沈佳怡 通讯员周立群报道 入冬以来，杭州市总工会联合各区县（市）总工会，对全市一百余家"
        "“职工暖心驿站”进行了设施升级，新增微波炉、充电柜和常用药箱，并统一延长开放时间至晚上九点。",
        "在拱墅区一家驿站里，环卫工人老陈刚扫完一条街，进门就能喝上一杯热水。他说：“以前中午只能在路边"
        "凑合，现在有地方坐下来吃口热饭，心里也暖和。”",
        "据了解，今年市总工会还在驿站推出“小修小补”服务，由志愿者每周为快递员、外卖骑手检修电动车。"
        "驿站地图已上线“杭州工会”小程序，职工可一键导航到最近的站点。",
        "市总工会有关负责人表示，下一步将推动驿站向商圈、园区延伸，让更多新就业形态劳动者在寒冬里感受到工会的温度。",
    ],
)

NINGBO = StorySpec(
    headline="宁波职工技能比武收官",
    heading_box=(386, 46, 565, 120),
    photo=(392, 122, 559, 222),
    columns=[(386, 226, 565, 400)],
    paragraphs=[
        "本报讯 通讯员陆晓东报道 11月28日，宁波市第十届职工职业技能大赛在北仑落下帷幕，来自全市的"
        "四百余名选手在数控车工、电工、焊工等十二个工种中同台竞技。",
        "经过三天的理论考试和实操比拼，六十名选手获得一等奖。按照规定，获奖选手可按程序申报晋升相应职业技能等级。",
    ],
)

WENZHOU = StorySpec(
    kicker="聚焦产业工人队伍建设改革",
    headline="温州“工匠学院”让一线职工有了上升通道",
    heading_box=(30, 418, 565, 486),
    columns=[(30, 486, 208, 812), (208, 486, 386, 812), (386, 486, 565, 812)],
    paragraphs=[
        "本报讯 记者黄思远报道 在温州市鹿城区一家鞋业企业的车间里，35岁的缝纫工郑丽娟正在给徒弟讲解"
        "新款鞋面的拼接工艺。两年前，她还只是流水线上的一名普通工人；如今，她已拿到高级技师证书，成了车间里的“技术骨干”。",
        "郑丽娟的变化，得益于温州市总工会牵头创办的“工匠学院”。学院依托职业院校和龙头企业，"
        "面向一线职工开设技能提升、学历教育和班组管理三类课程，学费由工会、企业和职工按比例分担。",
        "“白天上班，晚上和周末上课，一年下来收获特别大。”郑丽娟说，学院的老师大多是企业里的老师傅，"
        "讲的都是车间里用得上的本事。",
        "截至目前，“工匠学院”已开设课程八十余门，累计培训职工两万余人次，其中三千多人通过培训取得了更高一级的职业技能等级证书。",
        "温州市总工会有关负责人介绍，学院还建立了“学分银行”,职工参加培训、技能竞赛和技术革新取得的成果都可以折算为学分，"
        "学分可用于申报技能等级和评选“温州工匠”。",
        "（下转第2版）",
    ],
)

WENZHOU_PART2 = StorySpec(
    headline="温州“工匠学院”让一线职工有了上升通道",
    heading_box=(30, 46, 386, 112),
    columns=[(30, 112, 208, 400), (208, 112, 386, 400)],
    paragraphs=[
        "（上接第1版）",
        "在瑞安，学院与当地汽摩配企业合作开设“订单班”，课程由企业技术人员和学院教师共同设计。"
        "首批四十名学员结业后，有十二人走上了班组长岗位。",
        "不少企业负责人表示，职工技能提升后，产品合格率明显提高，企业也更愿意拿出真金白银支持职工学习。",
        "下一步，温州市总工会将推动“工匠学院”在各县（市、区）设立分院，力争三年内覆盖全市规模以上工业企业。",
    ],
)

HUZHOU = StorySpec(
    headline="湖州为千名快递小哥送上冬季关爱礼包",
    heading_box=(386, 46, 565, 140),
    columns=[(386, 140, 565, 400)],
    paragraphs=[
        "本报讯 通讯员钱宇航报道 近日，湖州市总工会在吴兴区举行“寒冬送温暖”活动，为一千名快递员、"
        "外卖送餐员送上防寒手套、护膝和热水袋等关爱物品。",
        "活动现场还设置了法律咨询和健康体检服务台，律师和医生为骑手们答疑解惑。市总工会同时发布了"
        "“骑手友好商户”名单，首批两百家商户承诺为骑手提供饮水、如厕等便利。",
    ],
)


def front_page():
    """第1版 要闻: three stories, one over two columns, one with a photo, one jumping to page 2."""
    return PageSpec(
        stories=[HANGZHOU, NINGBO, WENZHOU], furniture=[(30, 18, "浙江工人日报 2026年12月1日 星期二 要闻 1")]
    )


def second_page():
    """第2版 综合: the rest of the Wenzhou story (上接第1版) and the Huzhou story."""
    return PageSpec(stories=[WENZHOU_PART2, HUZHOU], furniture=[(30, 18, "浙江工人日报 2026年12月1日 星期二 综合 2")])


def dense_page(columns=5, rows=3):
    """A full broadsheet-sized page (A3, 842×1191 points) packed with stories, for the benchmark:
    `columns` columns, `rows` bands of stories, each story over one or two columns."""
    texts = [HANGZHOU, NINGBO, WENZHOU, WENZHOU_PART2, HUZHOU]
    width, height, margin = 842.0, 1191.0, 24.0
    column = (width - 2 * margin) / columns
    band = (height - 2 * margin - 20) / rows
    stories, number = [], 0
    for row in range(rows):
        top = margin + 20 + row * band
        x = 0
        while x < columns:
            span = 2 if (row + x) % 3 == 0 and x + 1 < columns else 1
            source = texts[number % len(texts)]
            left = margin + x * column
            right = left + span * column
            heading_bottom = top + 84
            cols = [(left + i * column, heading_bottom, left + (i + 1) * column, top + band - 6) for i in range(span)]
            capacity = int(sum((c[3] - c[1] - 2 * PAD) // LEADING for c in cols) * ((column - 2 * PAD) // BODY_SIZE))
            pool = [p for p in source.paragraphs if not p.startswith("（")]
            paragraphs, room = [], int(capacity * 0.8)
            while room > 20:
                paragraph = pool[len(paragraphs) % len(pool)][:room]
                paragraphs.append(paragraph)
                room -= len(paragraph) + 8  # a paragraph's indent and its last line's end
            stories.append(
                StorySpec(
                    headline=f"{source.headline[: 6 * span - 1]}{number + 1}",
                    kicker=source.kicker[: 11 * span],
                    heading_box=(left, top, right, heading_bottom),
                    columns=cols,
                    paragraphs=paragraphs,
                )
            )
            number += 1
            x += span
    return PageSpec(stories=stories, width=width, height=height, furniture=[(margin, 10, "浙江工人日报 测试版面")])


# The demo edition (load_demo imports it for the edition nine days back): two pages laid out
# from the demo stories' own text, so the import links every area to its story.
# Made with `python -m tests.epaper_pdfs unionnews/demo/epaper` and committed.

DEMO_PAGES = [
    (
        "01-要闻.pdf",
        "浙江工人日报 要闻 1",
        [
            (
                "gongba-final",
                (30, 46, 565, 142),
                [(30, 142, 208, 424), (208, 334, 386, 424), (386, 334, 565, 424)],
                (212, 146, 561, 330),
            ),
            (
                "haigang-contest",
                (30, 440, 565, 520),
                [(30, 520, 208, 650), (208, 520, 386, 650), (386, 520, 565, 650)],
                None,
            ),
        ],
    ),
    (
        "02-地方新闻.pdf",
        "浙江工人日报 地方新闻 2",
        [
            ("ningbo-retreat", (30, 46, 386, 128), [(30, 128, 208, 300), (208, 128, 386, 300)], None),
            ("juhua-craftsmen", (386, 46, 565, 160), [(386, 160, 565, 440)], None),
            ("jiaxing-chairs-training", (30, 316, 208, 416), [(30, 416, 208, 700)], None),
            ("yiwu-outdoor", (208, 456, 565, 536), [(208, 536, 386, 700), (386, 536, 565, 700)], None),
        ],
    ),
]


def demo_story(spec, heading_box, columns, photo):
    """A StorySpec from a demo story (unionnews.demo): its lead line made from its credits as print has it."""
    credits = " ".join(f"{label}{name}" for label, name in spec.credits if label != "摄影")
    lead = f"本报讯 {credits}报道 " if credits else "本报讯 "
    return StorySpec(
        kicker=spec.kicker,
        headline=spec.headline,
        subheadline=spec.subheadline,
        heading_box=heading_box,
        columns=columns,
        photo=photo,
        paragraphs=[lead + spec.paragraphs[0], *spec.paragraphs[1:]],
    )


def demo_pages():
    """[(file name, Built)] of the demo edition."""
    from unionnews.demo.management.commands.load_demo import STORIES

    specs = {spec.key: spec for spec in STORIES}
    pages = []
    for filename, running_head, layout in DEMO_PAGES:
        stories = [demo_story(specs[key], heading, columns, photo) for key, heading, columns, photo in layout]
        pages.append((filename, build_page(PageSpec(stories=stories, furniture=[(30, 18, running_head)]))))
    return pages


if __name__ == "__main__":
    import sys
    from pathlib import Path

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionnews.settings")
    django.setup()
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "unionnews/demo/epaper")
    folder.mkdir(parents=True, exist_ok=True)
    for filename, built in demo_pages():
        (folder / filename).write_bytes(built.pdf)
        sys.stdout.write(f"{folder / filename} {len(built.pdf) // 1024} KB\n")
