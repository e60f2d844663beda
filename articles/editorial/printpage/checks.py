"""Editorial QA checks on a plain story structure. Each finding is a dict:
{"code", "message" (Chinese), "excerpt", "segment" (union name or None)}.

Checks aim at real slips only; a well-written story must give no finding."""

import itertools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from articles.editorial.printpage import collocations, normalise, pairs

MIN_DUPLICATE = 15
PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "【": "】"}
CLOSERS = {closer: opener for opener, closer in PAIRS.items()}
# A place named right after these is visited, met or cooperated with, not mixed up.
VISIT_WORDS = ("赴", "到", "在", "与", "和", "同", "跟", "及", "、", "前往", "来自", "联合", "携手", "至", "对口")
TERM_MESSAGES = {
    "forbidden": "禁用词“{term}”，请改为“{preferred}”。",
    "outdated": "过时说法“{term}”，现在的说法是“{preferred}”。",
    "standard": "不规范表述“{term}”，规范表述为“{preferred}”。",
}


class Place(NamedTuple):
    short_name: str  # 金华
    union_name: str  # 金华市总工会


class BrandRef(NamedTuple):
    name: str  # 越工驿站
    city: str  # the short name of its union's city: 绍兴


class TermRef(NamedTuple):
    term: str
    preferred: str
    kind: str  # forbidden / outdated / standard


@dataclass
class SegmentText:
    union_name: str
    home: str | None  # the short name of the segment union's city, e.g. 绍兴
    paragraphs: list


@dataclass
class StoryText:
    kicker: str = ""
    headline: str = ""
    subheadline: str = ""
    source: str = ""
    contributors: list = field(default_factory=list)
    paragraphs: list = field(default_factory=list)  # before any segment
    segments: list = field(default_factory=list)  # [SegmentText]
    captions: list = field(default_factory=list)
    continued: bool = False  # starts on an earlier page not at hand (byline is there)
    joins: list = field(default_factory=list)  # [before, after]: where the import joined broken lines

    def units(self):
        """(segment name or None, paragraph) for every body paragraph, in order."""
        yield from ((None, paragraph) for paragraph in self.paragraphs)
        for segment in self.segments:
            yield from ((segment.union_name, paragraph) for paragraph in segment.paragraphs)


def finding(code, message, excerpt, segment=None):
    return {"code": code, "message": message, "excerpt": excerpt, "segment": segment}


def check_story(story, places=(), terms=(), brands=()):
    return [
        *duplicate_text(story),
        *segment_union_mismatch(story, places),
        *foreign_brands(story, brands),
        *broken_breaks(story),
        *halfwidth(story),
        *unbalanced_pairs(story),
        *term_findings(story, [term for term in terms if term.kind not in ("leader", "collocation")]),
        *leader_titles(story, [term for term in terms if term.kind == "leader"]),
        *truncated_collocations(story, [term.term for term in terms if term.kind == "collocation"]),
        *missing_byline(story),
        *unlikely_joins(story),
    ]


def sentences(paragraph):
    return [s for s in re.findall(r"[^。！？!?]+[。！？!?]*[”’」』）]*", paragraph) if s.strip()]


def _key(text):
    return normalise.fullwidth(re.sub(r"\s+", "", text))[0]


def duplicate_text(story):
    """Sentences of 15+ characters that appear again in the story, also inside a
    longer sentence; the later (or shorter) copy is reported, runs merged."""
    items = [
        (segment, number, _key(sentence), sentence)
        for number, (segment, paragraph) in enumerate(story.units())
        for sentence in sentences(paragraph)
    ]
    findings, run = [], None
    for position, (segment, number, key, sentence) in enumerate(items):
        copy = len(key) >= MIN_DUPLICATE and any(
            other != position and key in other_key and (len(other_key) > len(key) or other < position)
            for other, (_, _, other_key, _) in enumerate(items)
        )
        if copy and run and run["number"] == number and run["last"] == position - 1:
            run["excerpt"] += sentence
            run["last"] = position
        elif copy:
            run = {"number": number, "last": position, "excerpt": sentence, "segment": segment}
            findings.append(run)
    return [
        finding("duplicate-text", "这段文字在本稿中重复出现，请核对是否误贴。", run["excerpt"], run["segment"])
        for run in findings
    ]


def segment_union_mismatch(story, places):
    findings = []
    for segment in story.segments:
        text = "".join(segment.paragraphs)
        for place in places:
            if place.short_name == segment.home or place.union_name == segment.union_name:
                continue
            for match in re.finditer(re.escape(place.short_name), text):
                if text[: match.start()].endswith(VISIT_WORDS):
                    continue
                excerpt = text[max(0, match.start() - 12) : match.end() + 12]
                message = f"{segment.union_name}的分段中出现“{place.short_name}”，请核对是否误用了其他地方的内容。"
                findings.append(finding("segment-union-mismatch", message, excerpt, segment.union_name))
                break
    return findings


def foreign_brands(story, brands):
    """A segment naming another city's brand (嘉兴's part promoting 绍兴's 越工驿站)."""
    findings = []
    for segment in story.segments:
        text = "".join(segment.paragraphs)
        for brand in brands:
            if segment.home is None or brand.city == segment.home:
                continue
            for match in re.finditer(re.escape(brand.name), text):
                if text[: match.start()].rstrip("“").endswith(VISIT_WORDS):
                    continue
                excerpt = text[max(0, match.start() - 12) : match.end() + 12]
                message = (
                    f"{segment.union_name}的分段中出现{brand.city}的工作品牌“{brand.name}”，"
                    "请核对是否误用了其他地方的内容。"
                )
                findings.append(finding("segment-union-mismatch", message, excerpt, segment.union_name))
                break
    return findings


def broken_breaks(story):
    """A paragraph that stops mid-sentence and goes on in the next one."""
    findings = []
    groups = [(None, story.paragraphs)] + [(s.union_name, s.paragraphs) for s in story.segments]
    for segment, paragraphs in groups:
        for first, second in itertools.pairwise(paragraphs):
            if not normalise.is_complete(first) and re.search(r"[\w，,、；;]$", first):
                excerpt = f"{first[-8:]}⏎{second[:8]}"
                findings.append(
                    finding("broken-break", "段落在句中断开，疑为转行或分栏造成，请接合。", excerpt, segment)
                )
    return findings


def all_texts(story):
    yield None, story.kicker
    yield None, story.headline
    yield None, story.subheadline
    yield from story.units()
    yield from ((None, caption) for caption in story.captions)


def halfwidth(story):
    findings = []
    for segment, text in all_texts(story):
        spots = normalise.halfwidth_spots(text)
        if spots:
            excerpt = text[max(0, spots[0] - 10) : spots[0] + 10]
            message = f"中文里有{len(spots)}处半角标点（, ; ( ) 等），应为全角。"
            findings.append(finding("halfwidth-punctuation", message, excerpt, segment))
    return findings


def unbalanced_pairs(story):
    findings = []
    texts = list(all_texts(story))
    for index, (segment, text) in enumerate(texts):
        following = texts[index + 1][1] if index + 1 < len(texts) else ""
        for mark, position in unmatched(text):
            # A quotation running over several paragraphs opens each with “ and closes once.
            if mark == "“" and following.startswith("“"):
                continue
            excerpt = text[max(0, position - 10) : position + 10]
            findings.append(finding("unbalanced-pair", f"“{mark}”没有配对，请检查引号或括号。", excerpt, segment))
    return findings


def unmatched(text):
    stack, lonely = [], []
    for position, char in enumerate(text):
        if char == "’" and re.match(r"[A-Za-z]’[A-Za-z]", text[position - 1 : position + 2]):
            continue  # an apostrophe in Latin text
        if char in PAIRS:
            stack.append((char, position))
        elif char in CLOSERS:
            if stack and stack[-1][0] == CLOSERS[char]:
                stack.pop()
            else:
                lonely.append((char, position))
    return sorted(lonely + stack, key=lambda item: item[1])


def term_findings(story, terms):
    findings = []
    for segment, text in all_texts(story):
        for term in terms:
            for match in re.finditer(re.escape(term.term), text):
                if term.preferred and term.term in term.preferred and _inside_preferred(text, match, term.preferred):
                    continue
                template = TERM_MESSAGES.get(term.kind, TERM_MESSAGES["standard"])
                message = template.format(term=term.term, preferred=term.preferred or "（删去）")
                excerpt = text[max(0, match.start() - 10) : match.end() + 10]
                findings.append(finding("term", message, excerpt, segment))
                break
    return findings


def leader_titles(story, leaders):
    """A leader's first mention in the body must be their full preferred form (name and title);
    later mentions may use the name alone. Headlines are free to be short."""
    findings = []
    texts = [*story.units(), *((None, caption) for caption in story.captions)]
    for leader in leaders:
        first = next(
            ((segment, text, match) for segment, text in texts for match in re.finditer(re.escape(leader.term), text)),
            None,
        )
        if first is None or _inside_preferred(first[1], first[2], leader.preferred):
            continue
        segment, text, match = first
        message = f"领导姓名职务：“{leader.term}”首次出现时应写作“{leader.preferred}”，请核对姓名和职务。"
        findings.append(finding("leader-title", message, text[max(0, match.start() - 10) : match.end() + 10], segment))
    return findings


def _inside_preferred(text, match, preferred):
    offset = preferred.index(match.group())
    start = match.start() - offset
    return start >= 0 and text[start : start + len(preferred)] == preferred


def truncated_collocations(story, extra=()):
    """A fixed collocation missing an inner character (扩大会精神 for 扩大会议精神), from the
    built-in list in collocations.py and the desk's own (terms of kind collocation)."""
    slips = collocations.slips([*collocations.COLLOCATIONS, *extra])
    if not slips:
        return []
    pattern = re.compile("|".join(map(re.escape, sorted(slips, key=len, reverse=True))))
    findings = []
    for segment, text in all_texts(story):
        for match in pattern.finditer(text):
            meant = "”或“".join(slips[match.group()])
            message = f"“{match.group()}”疑缺一字，固定搭配应为“{meant}”，请核对原稿。"
            excerpt = text[max(0, match.start() - 10) : match.end() + 10]
            findings.append(finding("truncated-collocation", message, excerpt, segment))
    return findings


def missing_byline(story):
    if story.source.strip() or story.contributors or story.continued:
        return []
    return [finding("missing-byline", "这篇新闻稿没有稿源和作者署名，请补上（如：本报讯 记者××）。", story.headline)]


def orphan_at_seam(before, after):
    """The character at a line-break seam that forms a word with neither neighbour,
    between two known words (单位⏎会始终: 会), or None. See pairs.py."""
    if len(after) >= 3 and pairs.is_pair(before[-2:]) and pairs.is_pair(after[1:3]):
        orphan, left, right = after[0], before[-1] + after[0], after[:2]
    elif len(before) >= 3 and pairs.is_pair(before[-3:-1]) and pairs.is_pair(after[:2]):
        orphan, left, right = before[-1], before[-2:], before[-1] + after[0]
    else:
        return None
    if orphan in pairs.SINGLE or pairs.is_pair(left) or pairs.is_pair(right):
        return None
    return orphan


def unlikely_joins(story):
    """A line-break join that leaves a character belonging to no word: one was likely lost
    at a column break. Only joins still in the text count (an editor may have fixed it)."""
    findings = []
    for before, after in story.joins:
        orphan = orphan_at_seam(before, after)
        joined = before + after
        spot = next(((segment, text) for segment, text in story.units() if joined in text), None)
        if orphan is None or spot is None:
            continue
        segment, text = spot
        start = text.index(joined)
        excerpt = text[max(0, start - 6) : start + len(joined) + 6]
        message = f"转行接合处“{joined}”中的“{orphan}”前后不成词，疑为分栏时丢了字，请核对原稿。"
        findings.append(finding("unlikely-join", message, excerpt, segment))
    return findings
