"""Read an uploaded or local page file: UTF-8 (with or without BOM) or GB18030."""

# A laid-out page is tens of kilobytes of text; anything far larger is not one.
MAX_BYTES = 2 * 1024 * 1024


def decode(raw):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("文件既不是 UTF-8 也不是 GB18030 编码的文本。")
