"""From a page's text lines (with positions and type sizes) to its stories and where they sit.

Pure Python, no Django: pdf.Line-like objects in (text, size, box in points from the top-left
corner), stories out, each with its headings, body paragraphs in reading order, the jumps
(下转第N版 / 上接第N版) and its area as one or more rectangles.

How a page is read:
- Lines in larger type than the body text (the page's most common size) are headings; heading
  lines standing together (引题, 主题, 副题) are one story's heading group, and start a story.
- Body lines standing together in a column are a block. A block belongs to the nearest heading
  group above it that it lies under; a block with no heading above it continues the story at the
  bottom of the column to its left (text jumping columns). Photos are given out the same way.
- A story's rectangles are its heading and its blocks and photos per column, stacked ones merged.
- Stories are matched to the stories the CMS has by headline and opening text, normalised
  (width, spaces and punctuation ignored), so print artefacts do not get in the way.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

HEADING_RATIO = 1.2  # a line this much larger than body type is a heading
PAD = 3.0  # points added around the text of an area, so it covers the type's whitespace
TERMINAL = tuple("。！？!?…”’」』）)")
JUMP_ON = re.compile(r"[（(]?\s*下转第\s*(\d+)\s*版\s*[）)]?")
JUMP_FROM = re.compile(r"[（(]?\s*上接第\s*(\d+)\s*版\s*[）)]?")
JUMP_LINE = re.compile(r"^[（(]\s*(上接|下转)第\s*\d+\s*版\s*[）)]$")


@dataclass
class Block:
    lines: list
    heading: bool
    story: object = None

    @property
    def box(self):
        return bounds(line.box for line in self.lines)

    @property
    def size(self):
        return max(line.size for line in self.lines)


@dataclass
class Story:
    heading: list  # heading lines (pdf.Line), top to bottom
    blocks: list = field(default_factory=list)  # body Blocks
    images: list = field(default_factory=list)  # photo boxes
    kicker: str = ""
    headline: str = ""
    subheadline: str = ""
    paragraphs: list = field(default_factory=list)
    boxes: list = field(default_factory=list)
    continued_from: int | None = None
    continues_on: int | None = None

    @property
    def heading_box(self):
        return bounds(line.box for line in self.heading)

    @property
    def opening(self):
        """The first body text, the lead line's 本报讯 and byline left out."""
        text = "".join(p for p in self.paragraphs if not JUMP_LINE.match(p))
        return re.sub(r"^(本报讯|本报[\u4e00-\u9fff]{1,8}电)\s*([（(][^）)]{0,40}[）)]|[^。，]{0,40}?报道)?", "", text)

    def text(self):
        """The story as page text in the shape articles/editorial/printpage parses."""
        lines = [self.kicker, self.headline, f"——{self.subheadline}" if self.subheadline else ""]
        return "\n".join(line for line in lines + self.paragraphs if line)


def bounds(boxes):
    boxes = list(boxes)
    return [
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    ]


def overlap(a, b):
    """How much of the narrower of a and b lies in the other's x range (0..1)."""
    shared = min(a[2], b[2]) - max(a[0], b[0])
    narrower = min(a[2] - a[0], b[2] - b[0]) or 1
    return max(0.0, shared) / narrower


def body_size(lines):
    sizes = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def blocks_of(lines, body):
    """Lines into blocks: lines standing directly under each other, in the same column and kind."""
    blocks = []
    for line in sorted(lines, key=lambda line: (line.box[1], line.box[0])):
        heading = line.size >= body * HEADING_RATIO
        best, best_gap = None, None
        for block in blocks:
            if block.heading != heading:
                continue
            last = block.lines[-1]
            gap = line.box[1] - last.box[3]
            if heading:
                fits = -0.3 * line.size <= gap <= 1.2 * max(line.size, last.size) and overlap(block.box, line.box) > 0
            else:
                fits = (
                    abs(line.size - last.size) <= 0.15 * line.size
                    and -0.3 * line.size <= gap <= 1.2 * line.size
                    and overlap(last.box, line.box) >= 0.5
                    and abs(line.box[0] - block.box[0]) < 3 * line.size
                )
            if fits and (best_gap is None or gap < best_gap):
                best, best_gap = block, gap
        if best is None:
            blocks.append(Block([line], heading))
        else:
            best.lines.append(line)
    return blocks


def join_headings(blocks):
    """A 引题 or 副题 in smaller type set apart from its 主题 (left-aligned over a centred
    headline) joins it when it stands right above or below it and close beside it."""
    headings = [block for block in blocks if block.heading]
    joined = True
    while joined:
        joined = False
        for upper in headings:
            for lower in headings:
                if upper is lower:
                    continue
                size = max(upper.size, lower.size)
                gap = lower.box[1] - upper.box[3]
                apart = max(upper.box[0], lower.box[0]) - min(upper.box[2], lower.box[2])
                if -0.3 * size <= gap <= 1.2 * size and apart < 3 * size and min(upper.size, lower.size) <= 0.8 * size:
                    upper.lines = sorted(upper.lines + lower.lines, key=lambda line: line.box[1])
                    blocks.remove(lower)
                    headings.remove(lower)
                    joined = True
                    break
            if joined:
                break
    return blocks


def _owner(box, stories, size):
    """The story whose heading stands nearest above box and over it."""
    best = None
    for story in stories:
        heading = story.heading_box
        above = heading[3] <= box[1] + 0.5 * size and overlap(heading, box) >= 0.3
        if above and (best is None or heading[3] > best.heading_box[3]):
            best = story
    return best


FURNITURE = re.compile(r"^(本版)?(责任编辑|责编|美术编辑|美编|版式设计|版式|校对|组版|照排)[:：\s]")


def furniture(lines, body, page_height):
    """The page's running head and foot in small type, and the 责任编辑 line: not part of any story."""
    found = []
    for line in lines:
        small = line.size < body * 0.98
        edge = page_height and (line.box[3] < 0.06 * page_height or line.box[1] > 0.95 * page_height)
        if (small and edge) or FURNITURE.match(line.text.strip()):
            found.append(line)
    return found


def readable(lines):
    """Whether the text layer is text: mostly Chinese, Latin letters, digits and punctuation,
    not the private-use or replacement characters of a font without a Unicode map."""
    text = "".join(line.text for line in lines).replace(" ", "")
    if not text:
        return False
    good = sum(
        1
        for char in text
        if "\u4e00" <= char <= "\u9fff" or char.isascii() or unicodedata.category(char).startswith(("P", "N"))
    )
    return good / len(text) >= 0.8


def find_stories(lines, images=(), page_width=None, page_height=None):
    """The stories on a page, in reading order (top to bottom, then left to right, by heading)."""
    lines = [line for line in lines if line.text.strip()]
    if not lines:
        return []
    body = body_size(lines)
    skip = {id(line) for line in furniture(lines, body, page_height)}
    lines = [line for line in lines if id(line) not in skip]
    blocks = join_headings(blocks_of(lines, body))
    stories = [Story(heading=block.lines) for block in blocks if block.heading]
    if not stories:
        return []
    top = min(story.heading_box[1] for story in stories)
    assigned = []
    # Left columns first, so a block jumping columns finds the story it continues assigned already.
    for block in sorted((b for b in blocks if not b.heading), key=lambda b: (b.box[0], b.box[1])):
        box = block.box
        owner = _owner(box, stories, block.size)
        if owner is None and box[3] > top:
            left = [b for b in assigned if b.box[2] <= box[0] + block.size and b.box[3] > box[1]]
            if left:
                owner = max(left, key=lambda b: (b.box[2], b.box[3])).story
        if owner is not None:
            block.story = owner
            owner.blocks.append(block)
            assigned.append(block)
    for image in images:
        owner = _owner(image, stories, body)
        if owner is not None:
            owner.images.append(list(image))
    for story in stories:
        _read(story, body)
        story.boxes = areas(story, page_width, page_height)
    stories = [story for story in stories if story.headline and (story.blocks or story.images)]
    return sorted(stories, key=lambda s: (round(s.heading_box[1] / (4 * body)), s.heading_box[0]))


def columns(blocks):
    """Blocks grouped by column (x ranges overlapping), left to right, each top to bottom."""
    groups = []
    for block in sorted(blocks, key=lambda b: b.box[0]):
        for group in groups:
            if overlap(bounds(b.box for b in group), block.box) >= 0.5:
                group.append(block)
                break
        else:
            groups.append([block])
    return [sorted(group, key=lambda b: b.box[1]) for group in groups]


def _read(story, body):
    heading = sorted(story.heading, key=lambda line: line.box[1])
    largest = max(line.size for line in heading)
    main = [i for i, line in enumerate(heading) if line.size >= largest * 0.9]
    first, last = main[0], main[-1]
    story.kicker = "".join(line.text for line in heading[:first]).strip()
    story.headline = "".join(line.text for line in heading[first : last + 1]).strip()
    story.subheadline = "".join(line.text for line in heading[last + 1 :]).strip().lstrip("—─- ").strip()
    if story.kicker.startswith(("—", "─")):
        story.kicker = ""
    paragraphs = []
    for group in columns(story.blocks):
        for block in group:
            left = block.box[0]
            right = block.box[2]
            previous = None
            for line in block.lines:
                text = line.text.strip()
                indented = line.box[0] - left >= 1.2 * line.size
                after_short = previous is not None and previous.box[2] < right - 2 * line.size
                jump = JUMP_LINE.match(text.replace(" ", ""))
                if not paragraphs or indented or jump or after_short or _is_jump(paragraphs[-1]):
                    paragraphs.append(text.replace(" ", "") if jump else text)
                else:
                    paragraphs[-1] = _join(paragraphs[-1], text)
                previous = line
    story.paragraphs = paragraphs
    whole = "".join(paragraphs)
    on, back = JUMP_ON.search(whole), JUMP_FROM.search(whole)
    story.continues_on = int(on.group(1)) if on else None
    story.continued_from = int(back.group(1)) if back else None


def _is_jump(text):
    return JUMP_LINE.match(text) is not None


def _join(first, second):
    if re.search(r"[A-Za-z0-9]$", first) and re.match(r"[A-Za-z0-9]", second):
        return f"{first} {second}"
    return first + second


def areas(story, page_width=None, page_height=None):
    """The story's rectangles: its heading, and per column its blocks and photos, stacked ones merged."""
    pieces = [story.heading_box] + [block.box for block in story.blocks] + story.images
    size = story.blocks[0].size if story.blocks else 10.0
    boxes = [_pad(box, page_width, page_height) for box in pieces]
    # The heading stands over the columns of its text: its area reaches across them and down to them.
    heading = boxes[0]
    below = [box for box in boxes[1:] if box[1] >= heading[3] - 2 * PAD and overlap(heading, box) >= 0.5]
    if below:
        top = min(box[1] for box in below)
        first = [box for box in below if box[1] - top < 3 * size]
        heading[0] = min([heading[0]] + [box[0] for box in first])
        heading[2] = max([heading[2]] + [box[2] for box in first])
        if top - heading[3] < 8 * size:
            heading[3] = max(heading[3], top)
    merged = True
    while merged:
        merged = False
        boxes.sort(key=lambda b: (b[1], b[0]))
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                b = boxes[j]
                aligned = abs(a[0] - b[0]) < 2 * size and abs(a[2] - b[2]) < 2 * size
                stacked = b[1] - a[3] < 3 * size and a[1] - b[3] < 3 * size
                inside = _contains(a, b) or _contains(b, a)
                if (aligned and stacked) or inside:
                    boxes[i] = bounds([a, b])
                    del boxes[j]
                    merged = True
                    break
            if merged:
                break
    return [[round(value, 1) for value in box] for box in boxes]


def _contains(outer, inner):
    return (
        outer[0] <= inner[0] + 1 and outer[1] <= inner[1] + 1 and outer[2] >= inner[2] - 1 and outer[3] >= inner[3] - 1
    )


def _pad(box, width, height):
    x0, y0, x1, y1 = box[0] - PAD, box[1] - PAD, box[2] + PAD, box[3] + PAD
    return [max(0.0, x0), max(0.0, y0), min(width or x1, x1), min(height or y1, y1)]


# Matching stories on the page to stories in the CMS.


def normalise(text):
    """Text for comparing: full-width folded, spaces and punctuation gone."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(char for char in text if char.isalnum())


def similarity(a, b):
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return 0.0
    if len(a) >= 6 and len(b) >= 6 and (a in b or b in a):
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass
class Candidate:
    id: int
    headline: str
    kicker: str = ""
    subheadline: str = ""
    opening: str = ""  # the first couple of hundred characters of its text
    body: str = ""  # all its text: a jumped part's text is found in it


def score(story, candidate):
    """0..1: how surely the story on the page is the candidate."""
    headline = max(
        similarity(story.headline, candidate.headline),
        similarity(story.kicker + story.headline + story.subheadline, candidate.headline) * 0.9,
    )
    opening = 0.0
    if candidate.opening and story.opening:
        length = 40
        opening = similarity(normalise(story.opening)[:length], normalise(candidate.opening)[:length])
    if story.continued_from and candidate.body:
        # The part after 上接第N版 (its headline shortened or left out) is the story's text from the middle.
        snippet = normalise(story.opening)[:30]
        if len(snippet) >= 12 and snippet in normalise(candidate.body):
            headline = max(headline, 0.95)
    if headline >= 0.85:
        return max(headline, opening)
    if headline >= 0.5 and opening >= 0.6:
        return (headline + opening) / 2 + 0.2
    if opening >= 0.85:
        return opening * 0.95
    return 0.0


def match(stories, candidates, threshold=0.75):
    """{story index: candidate id}: best pairs first, each candidate used once."""
    pairs = []
    for index, story in enumerate(stories):
        for candidate in candidates:
            value = score(story, candidate)
            if value >= threshold:
                pairs.append((value, index, candidate.id))
    found, used = {}, set()
    for _, index, candidate in sorted(pairs, key=lambda pair: -pair[0]):
        if index not in found and candidate not in used:
            found[index] = candidate
            used.add(candidate)
    return found
