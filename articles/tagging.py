"""Tag parsing that understands Chinese separators.

Editors type tags the way they write Chinese: 学习贯彻，工会、工BA. Full-width
commas, enumeration commas (、) and semicolons become plain commas, and
django-taggit's own parser does the rest (quotes, spaces, duplicates).
"""

import re

from taggit.utils import _parse_tags

CHINESE_SEPARATORS = re.compile(r"[，、;；\n]")


def parse_tags(tagstring):
    if not tagstring:
        return []
    return _parse_tags(CHINESE_SEPARATORS.sub(",", tagstring))
