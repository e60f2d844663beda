"""Recognise unions in text: full names (湖州市总工会) anywhere, short names
(湖州, 南太湖新区) only in a union context (湖州工会, 南太湖新区总工会).
Works on plain UnionRef tuples so it stays free of the database."""

import re
from typing import NamedTuple

# Organisation-like phrases that are not a particular union: 全市工会, 各级工会 …
GENERIC_PREFIXES = ("全", "各", "本", "该", "基层", "县级", "市级", "省级", "区级", "上级", "新时代")
STOP_CHARS = "的在和与及向对由把被将从让了是开办到赴同为等经据时中上下后前"
ORG_MARKERS = re.compile(r"(省|市|区|县|镇|乡|街道|公司|集团|厂|局|院|校|大学|中心|协会)(?:总)?工会$")


class UnionRef(NamedTuple):
    name: str
    short_name: str
    level: str
    path: str


class UnionIndex:
    """Finds the unions named in a text; build it once per import."""

    def __init__(self, unions):
        self.unions = list(unions)
        self.by_name = {union.name: union for union in self.unions}
        patterns = {}
        for union in self.unions:
            patterns[re.escape(union.name)] = union
            if union.short_name and union.short_name != union.name:
                short = re.escape(union.short_name)
                patterns[f"{short}(?:市|区|县)?(?:总工会|工会)"] = union
        ordered = sorted(patterns, key=len, reverse=True)
        self.pattern = re.compile("|".join(f"({pattern})" for pattern in ordered)) if ordered else None
        self.union_of_group = [patterns[pattern] for pattern in ordered]

    def mentions(self, text):
        """[(union, start, end)] for each union named in `text`, left to right."""
        if not self.pattern:
            return []
        return [
            (self.union_of_group[match.lastindex - 1], match.start(), match.end())
            for match in self.pattern.finditer(text)
        ]

    def named_in(self, text):
        """The unions named in `text`, first mention first, each once."""
        found = []
        for union, _, _ in self.mentions(text):
            if union not in found:
                found.append(union)
        return found

    def opening_union(self, paragraph):
        """The union a roundup paragraph opens with (湖州市总工会召开…), or None."""
        mentions = self.mentions(paragraph)
        if mentions and mentions[0][1] == 0:
            return mentions[0][0]
        return None

    def cities(self):
        return [union for union in self.unions if union.level == "city"]

    def city_of(self, union):
        return next((city for city in self.cities() if union.path.startswith(city.path)), None)

    def unknown_organisations(self, text):
        """Union-like names (…市…工会, …公司工会) that match no known union."""
        known = [(start, end) for _, start, end in self.mentions(text)]
        found = []
        for match in re.finditer(r"[\u4e00-\u9fff]{2,24}?(?:总工会|工会)", text):
            if any(start < match.end() and match.start() < end for start, end in known):
                continue
            candidate = trim_left(match.group())
            if (
                ORG_MARKERS.search(candidate)
                and not candidate.startswith(GENERIC_PREFIXES)
                and not re.search(r"[全各本该](?:省|市|区|县|级|地)", candidate)
                and len(candidate) > 4
                and candidate not in found
            ):
                found.append(candidate)
        return found


def trim_left(candidate):
    """Drop words before the name: 同时南浔区工会 → 南浔区工会."""
    cut = max(candidate.rfind(char, 0, len(candidate) - 2) for char in STOP_CHARS)
    return candidate[cut + 1 :] if cut >= 0 else candidate


def split_segments(paragraphs, index):
    """(intro paragraphs, [(union, [paragraphs])]) for a roundup, or (paragraphs, [])
    when fewer than two distinct unions open a paragraph. Paragraphs after an
    opening one belong to its segment."""
    openers = [index.opening_union(paragraph) for paragraph in paragraphs]
    if len({union for union in openers if union}) < 2:
        return list(paragraphs), []
    intro, segments = [], []
    for paragraph, union in zip(paragraphs, openers):
        if union:
            segments.append((union, [paragraph]))
        elif segments:
            segments[-1][1].append(paragraph)
        else:
            intro.append(paragraph)
    return intro, segments
