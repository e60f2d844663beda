"""Repair what print layout leaves in text: words split across breaks and
half-width punctuation inside Chinese text."""

import re

CJK = r"\u3400-\u9fff\uf900-\ufaff"
CJK_OR_PUNCT = CJK + r"\u3000-\u303f\uff00-\uffef“”‘’…—·"
# A paragraph ending with one of these is complete; anything else continues.
TERMINAL = tuple("。！？!?…”’」』）)：:")
URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'*+=%]+")
HALFWIDTH = {",": "，", ";": "；", "(": "（", ")": "）", ":": "：", "?": "？", "!": "！"}


def is_complete(line):
    return line.rstrip().endswith(TERMINAL)


def join_broken(first, second):
    """`first` and `second` as one line: no space between Chinese, numbers or
    a Chinese/Latin pair; one space between two Latin words."""
    first, second = first.rstrip(), second.lstrip()
    if re.search(r"[A-Za-z]$", first) and re.match(r"[A-Za-z]", second):
        return f"{first} {second}"
    return first + second


def _is_cjk_side(char):
    return bool(char) and re.match(f"[{CJK_OR_PUNCT}]", char) is not None


def _neighbours(text, start, end):
    before = text[:start].rstrip()[-1:]
    after = text[end:].lstrip()[:1]
    return before, after


def halfwidth_spots(text):
    """Positions of half-width , ; ( ) : ? ! that stand in Chinese text.

    A mark counts when a Chinese character or mark is next to it (ignoring
    spaces), or for brackets when the bracketed text is Chinese. Digits on both
    sides (1,000), Latin text and URLs are left alone.
    """
    masked = URL.sub(lambda match: "\0" * len(match.group()), text)
    spots = set()
    for match in re.finditer(r"\(([^()\n]*)\)", masked):
        if re.search(f"[{CJK}]", match.group(1)) or any(
            _is_cjk_side(side) for side in _neighbours(masked, match.start(), match.end())
        ):
            spots.update({match.start(), match.end() - 1})
    for index, char in enumerate(masked):
        if char not in HALFWIDTH or index in spots:
            continue
        before, after = _neighbours(masked, index, index + 1)
        if char in ",:" and before.isdigit() and after.isdigit():
            continue
        if _is_cjk_side(before) or _is_cjk_side(after):
            spots.add(index)
    return sorted(spots)


def fullwidth(text):
    """`text` with its Chinese-context half-width marks made full-width, and how many."""
    spots = halfwidth_spots(text)
    chars = list(text)
    for index in spots:
        chars[index] = HALFWIDTH[chars[index]]
    result = "".join(chars)
    # Spaces around a full-width mark are layout leftovers.
    result = re.sub(r"\s*([，；：？！）])\s*", r"\1", result) if spots else result
    return result, len(spots)
