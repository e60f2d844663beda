"""Readable differences between two versions of a text, for editors.

Chinese is compared character by character, Latin words and numbers whole.
Rich text is compared with its markup: a change of formatting alone (bold, a
list, a link) shows as a marker such as 〔粗体〕, so it is never invisible.
Everything is escaped; the result is safe HTML with <ins> and <del>.
"""

import difflib
import html
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

# A Latin word or number, a run of spaces, or one character.
TOKEN = re.compile(r"[A-Za-z0-9_]+|\s+|.", re.S)
# In rich text also a whole tag or character reference.
RICH_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|[A-Za-z0-9_]+|\s+|.", re.S)
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
HREF = re.compile(r"""href\s*=\s*["']([^"']*)["']""")
# Tags that end a line of text.
LINE_ENDS = {"p", "h2", "h3", "h4", "li", "blockquote", "tr", "table", "ul", "ol"}
FORMAT_NAMES = {
    "strong": "粗体",
    "b": "粗体",
    "em": "斜体",
    "i": "斜体",
    "u": "下划线",
    "sub": "下标",
    "sup": "上标",
    "h2": "二级标题",
    "h3": "三级标题",
    "h4": "四级标题",
    "ul": "项目列表",
    "ol": "编号列表",
    "li": "列表项",
    "blockquote": "引用",
    "a": "链接",
    "table": "表格",
    "tr": "表格行",
    "td": "单元格",
    "th": "表头单元格",
    "hr": "分隔线",
    "br": "换行",
    "p": "段落",
}


def canonical_html(value):
    """Rich text with the differences that readers cannot see removed: tag case,
    b/i spelled strong/em (as the editor writes them), <br/> and whitespace between tags."""
    value = (value or "").replace("\r\n", "\n").strip()
    value = re.sub(r">\s+<", "><", value)
    value = re.sub(r"<(/?)b([\s>])", r"<\1strong\2", value, flags=re.I)
    value = re.sub(r"<(/?)i([\s>])", r"<\1em\2", value, flags=re.I)
    value = re.sub(r"<br\s*/?>", "<br>", value, flags=re.I)
    return TAG.sub(lambda m: f"<{m.group(1)}{m.group(2).lower()}{m.group(3).rstrip(' /')}>", value)


def _ops(old_tokens, new_tokens):
    return difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False).get_opcodes()


def _plain_changes(old, new):
    """(equal text, removed text, added text) runs of plain `old` → `new`, escaped."""
    old_tokens, new_tokens = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    for op, i1, i2, j1, j2 in _ops(old_tokens, new_tokens):
        removed, added = escape("".join(old_tokens[i1:i2])), escape("".join(new_tokens[j1:j2]))
        yield (removed, "", "") if op == "equal" else ("", removed, added)


def _wrapped(tag, text):
    return f"<{tag}>{text}</{tag}>" if text else ""


def diff_html(old, new):
    """`old` → `new` (plain text) with <del> and <ins> around what changed."""
    return mark_safe(
        "".join(
            same + _wrapped("del", removed) + _wrapped("ins", added)
            for same, removed, added in _plain_changes(old, new)
        )
    )


def _shown(token):
    """How a rich-text token reads when unchanged: text as text, a line end as a new line."""
    tag = TAG.fullmatch(token)
    if tag is None:
        return escape(html.unescape(token))
    closing, name = tag.group(1), tag.group(2).lower()
    if name == "br" or (closing and name in LINE_ENDS):
        return "\n"
    return ""


def _marker(token):
    """A changed token: text as text, a tag as a visible 〔粗体〕 / 〔/粗体〕 marker."""
    tag = TAG.fullmatch(token)
    if tag is None:
        return escape(html.unescape(token)), False
    closing, name, attributes = tag.group(1), tag.group(2).lower(), tag.group(3)
    label = FORMAT_NAMES.get(name, name)
    if name == "p":
        return ("¶\n" if closing else ""), True
    if name == "a" and not closing:
        href = HREF.search(attributes)
        label = f"{label}：{href.group(1)}" if href else label
    return escape(f"〔{'/' if closing else ''}{label}〕"), True


def _changed(tokens, wrapper):
    """Changed tokens wrapped in <ins> or <del>: runs of text together, each tag as its own marker."""
    parts, text = [], []
    for token in tokens:
        shown, is_format = _marker(token)
        if not is_format:
            text.append(shown)
            continue
        if text:
            parts.append(f"<{wrapper}>{''.join(text)}</{wrapper}>")
            text = []
        if shown:
            parts.append(f'<{wrapper} class="format">{shown}</{wrapper}>')
    if text:
        parts.append(f"<{wrapper}>{''.join(text)}</{wrapper}>")
    return "".join(parts)


def rich_sides(old, new):
    """(old, new) rich text as two readable panes: what was removed marked in the
    first, what was added in the second, formatting changes included."""
    old_tokens = RICH_TOKEN.findall(canonical_html(old))
    new_tokens = RICH_TOKEN.findall(canonical_html(new))
    left, right = [], []
    for op, i1, i2, j1, j2 in _ops(old_tokens, new_tokens):
        if op == "equal":
            same = "".join(_shown(token) for token in old_tokens[i1:i2])
            left.append(same)
            right.append(same)
            continue
        left.append(_changed(old_tokens[i1:i2], "del"))
        right.append(_changed(new_tokens[j1:j2], "ins"))
    return mark_safe("".join(left).strip()), mark_safe("".join(right).strip())


def rich_diff_html(old, new):
    """`old` → `new` rich text in one pane, with <del> and <ins>, formatting changes marked."""
    old_tokens = RICH_TOKEN.findall(canonical_html(old))
    new_tokens = RICH_TOKEN.findall(canonical_html(new))
    parts = []
    for op, i1, i2, j1, j2 in _ops(old_tokens, new_tokens):
        if op == "equal":
            parts.append("".join(_shown(token) for token in old_tokens[i1:i2]))
            continue
        parts.append(_changed(old_tokens[i1:i2], "del"))
        parts.append(_changed(new_tokens[j1:j2], "ins"))
    return mark_safe("".join(parts).strip())


def plain_sides(old, new):
    """(old, new) plain text as two panes, removals marked in the first, additions in the second."""
    runs = list(_plain_changes(old, new))
    left = "".join(same + _wrapped("del", removed) for same, removed, _ in runs)
    right = "".join(same + _wrapped("ins", added) for same, _, added in runs)
    return mark_safe(left), mark_safe(right)
