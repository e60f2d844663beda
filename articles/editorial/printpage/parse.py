"""Split the plain text of a print page into stories.

A page is a run of blocks (non-empty lines; blank lines separate them). A story
starts with a heading block of up to three short lines (引题, 主题, ——副题)
standing right before an anchor: a lead line (本报讯 记者张三报道 …) or a
jump line (上接第1版). A short item (简讯) has neither: it starts with a single
headline, a short line without sentence punctuation, standing after a finished
paragraph and before body text, unless the two read as one word split by the
line break (全市工⏎会半年度: 工会, see pairs.py). Everything up to the next
story's headings is body; short blocks set off by two or more blank lines at
the end are photo captions.
"""

import re
from dataclasses import dataclass, field

from articles.editorial.printpage import normalise, pairs

JUMP = re.compile(r"^[（(]\s*(上接|下转)第\s*(\d+)\s*版\s*[）)]$")
TRAILING_JUMP = re.compile(r"[（(]\s*下转第\s*(\d+)\s*版\s*[）)]\s*$")
ROLES = {
    "记者": "reporter",
    "特约记者": "reporter",
    "通讯员": "correspondent",
    "实习生": "correspondent",
    "摄影": "photographer",
}
ROLE_WORDS = "特约记者|记者|通讯员|实习生|摄影"
LEAD = re.compile(
    r"^(?P<source>本报讯|本报[\u4e00-\u9fff]{1,8}电|新华社[\u4e00-\u9fff]{1,8}电)\s*"
    rf"(?:(?P<byline>(?:{ROLE_WORDS})[^。，,（(]{{1,40}}?)报道|[（(](?P<bracketed>(?:{ROLE_WORDS})[^）)]{{1,40}})[）)])?"
    r"\s*(?P<rest>.*)$"
)
HEADING_MAX = 40
HEADING_MIN = 5  # shorter lines without a byline are taken for broken text, not a short item's headline
SENTENCE_MARKS = re.compile(r"[，,；;：:。！？!?]")
CAPTION_MAX = 60


@dataclass
class Block:
    text: str
    gap: int  # blank lines before it


@dataclass
class ParsedStory:
    kicker: str = ""
    headline: str = ""
    subheadline: str = ""
    source: str = ""
    contributors: list = field(default_factory=list)  # [(name, printed role)]
    paragraphs: list = field(default_factory=list)
    captions: list = field(default_factory=list)
    continued_from: int | None = None
    continues_on: int | None = None
    breaks: list = field(default_factory=list)  # raw excerpts, "前文⏎后文"
    repairs: list = field(default_factory=list)  # the same spots, repaired
    joins: list = field(default_factory=list)  # [Chinese text before, after] each seam joined between characters
    halfwidth: int = 0
    halfwidth_example: str = ""


def blocks_of(text):
    blocks, gap = [], 0
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            blocks.append(Block(line.strip(), gap))
            gap = 0
        else:
            gap += 1
    return blocks


def credits_from(byline):
    """[(name, role label)] from 记者林晓燕 通讯员郑浩 or 记者 张三 李四."""
    parts = re.split(f"({ROLE_WORDS})", byline)
    credits = []
    for role, names in zip(parts[1::2], parts[2::2]):
        credits += [(name, role) for name in re.split(r"[\s、，,]+", names.strip()) if name]
    return credits


def is_lead(block):
    return LEAD.match(block.text) is not None


def is_heading(block):
    text = block.text
    return len(text) <= HEADING_MAX and not text.endswith(("。", ".")) and not JUMP.match(text) and not is_lead(block)


def is_anchor(block):
    jump = JUMP.match(block.text)
    return (jump is not None and jump.group(1) == "上接") or is_lead(block)


def is_body(block):
    return not is_heading(block) and not JUMP.match(block.text) and not is_lead(block)


def starts_short_item(blocks, index):
    """Whether blocks[index] is the headline of a short item without byline (a 简讯)."""
    heading = blocks[index]
    if index + 1 >= len(blocks) or not is_heading(heading) or len(heading.text) < HEADING_MIN:
        return False
    if SENTENCE_MARKS.search(heading.text) or heading.text.startswith(("—", "─")):
        return False
    following = blocks[index + 1]
    if not is_body(following) or pairs.is_pair(heading.text[-1] + following.text[0]):
        return False
    before = blocks[index - 1] if index else None
    return before is None or (is_body(before) and normalise.is_complete(before.text))


def story_starts(blocks):
    """[(first heading index, anchor index)] for each story, in page order; a short
    item's anchor is its headline (it has no lead or jump line)."""
    starts, floor = [], 0
    for index, block in enumerate(blocks):
        if index >= floor and starts_short_item(blocks, index):
            starts.append((index, index))
            floor = index + 1
            continue
        if not is_anchor(block):
            continue
        first = index
        while first > floor and index - first < 3 and is_heading(blocks[first - 1]):
            first -= 1
        starts.append((first, index))
        floor = index + 1
    return starts


def assign_headings(story, lines):
    plain = [line for line in lines if not line.startswith(("—", "─"))]
    for line in lines:
        if line.startswith(("—", "─")):
            story.subheadline = line.lstrip("—─- ").strip()
    if len(plain) == 1:
        story.headline = plain[0]
    elif len(plain) >= 2:
        story.kicker, story.headline = plain[0], plain[1]
        if len(plain) == 3 and not story.subheadline:
            story.subheadline = plain[2]


def parse_page(text):
    """The stories on a page, as ParsedStory objects, in page order."""
    blocks = blocks_of(text)
    starts = story_starts(blocks)
    stories = []
    for number, (first, anchor) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(blocks)
        story = ParsedStory()
        short_item = not is_anchor(blocks[anchor])  # a 简讯 starts at its headline
        headings = [blocks[anchor].text] if short_item else [block.text for block in blocks[first:anchor]]
        assign_headings(story, headings)
        body = blocks[anchor + 1 : end]
        jump = JUMP.match(blocks[anchor].text)
        if jump:
            story.continued_from = int(jump.group(2))
            while body and body[0].text in headings:  # the headline repeated after 上接
                body = body[1:]
        elif not short_item:
            lead = LEAD.match(blocks[anchor].text)
            story.source = lead.group("source")
            story.contributors = credits_from(lead.group("byline") or lead.group("bracketed") or "")
            if lead.group("rest"):
                body = [Block(lead.group("rest"), 0), *body]
        fill_body(story, body)
        stories.append(story)
    return stories


def fill_body(story, blocks):
    blocks = list(blocks)
    while blocks and is_caption(blocks[-1], blocks):
        story.captions.insert(0, blocks.pop().text)
    paragraphs = []
    for block in blocks:
        text = block.text
        jump = JUMP.match(text) or TRAILING_JUMP.search(text)
        if jump:
            story.continues_on = int(jump.groups()[-1])
            text = TRAILING_JUMP.sub("", text).strip() if not JUMP.match(text) else ""
            if not text:
                continue
        if paragraphs and not normalise.is_complete(paragraphs[-1]):
            story.breaks.append(f"{paragraphs[-1][-8:]}⏎{text[:8]}")
            story.repairs.append(normalise.join_broken(paragraphs[-1][-8:], text[:8]))
            seam = [
                re.search(r"[\u4e00-\u9fff]{0,4}$", paragraphs[-1]).group(),
                re.match(r"[\u4e00-\u9fff]{0,4}", text).group(),
            ]
            if all(seam):
                story.joins.append(seam)
            paragraphs[-1] = normalise.join_broken(paragraphs[-1], text)
            continue
        paragraphs.append(text)
    story.paragraphs = [fix_punctuation(story, paragraph) for paragraph in paragraphs]
    story.repairs = [fix_punctuation(story, text, count=False) for text in story.repairs]
    story.captions = [fix_punctuation(story, caption) for caption in story.captions]
    for name in ("kicker", "headline", "subheadline"):
        setattr(story, name, fix_punctuation(story, getattr(story, name)))


def is_caption(block, blocks):
    return (block.gap >= 2 and len(block.text) <= CAPTION_MAX) or block.text.startswith("图为")


def fix_punctuation(story, text, count=True):
    fixed, changes = normalise.fullwidth(text)
    if count and changes:
        story.halfwidth += changes
        story.halfwidth_example = story.halfwidth_example or text[:30]
    return fixed
