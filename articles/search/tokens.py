"""The search tokeniser, shared by indexing and querying (pure Python, no database).

Chinese has no spaces, so words cannot be found by splitting. Instead every run
of letters and digits (CJK, Latin and digits alike, e.g. "职工ba联赛2024年") is cut
into overlapping character bigrams: "职工", "工b", "ba", "a联", ... Any substring
of two or more characters of a run is then covered by bigrams the document is
sure to hold, so an AND of a query's bigrams never misses a story (recall 1.0).
It may over-match ("工会" and "会议" without "工会议"), so the candidates are
checked against the text afterwards (precision 1.0).
"""

import re
import unicodedata
from functools import cache

# Longest query we accept, in characters; longer input is cut to this.
MAX_QUERY_CHARS = 100
# More terms than this are ignored (each costs a substring check).
MAX_TERMS = 8

_NOT_WORD = re.compile(r"[^\w]|_")


@cache
def _compatibility_table():
    """str.translate() table: each character whose NFKC form is letters or digits, to that form.

    Full-width ＢＡ and ２０２４, circled ①, ㎡, compatibility ideographs (CJK
    U+F900…) read as BA, 2024, 1, m2 and the unified ideograph. Punctuation is left as
    written (NFKC would make ，：（ ASCII), so snippets and titles still read as Chinese.
    Built once per process, about 50 ms.
    """
    table = {}
    for code in range(0x80, 0x30000):
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        if folded != char and folded.isalnum():
            table[code] = folded
    return table


def fold(text):
    """`text` with compatibility letters and digits as their NFKC forms (ＢＡ → BA), case kept.

    Applied to the indexed texts (SearchDocument) and to queries, so ＢＡ and BA find the
    same stories, and a search document shows the folded text in snippets.
    """
    return text if text.isascii() else text.translate(_compatibility_table())


def normalize(text):
    """Folded (fold()), lower-case, without NUL bytes; what tokens and substring checks compare."""
    return fold(text.replace("\x00", "")).lower()


def runs(text):
    """Maximal runs of letters and digits, lower-cased: "工BA（2024）" → ["工ba", "2024"]."""
    return [run for run in _NOT_WORD.split(normalize(text)) if run]


def bigrams(run):
    return [run[index : index + 2] for index in range(len(run) - 1)]


def document_tokens(text):
    """The distinct bigrams of every run of two or more characters in `text`."""
    tokens = set()
    for run in runs(text):
        tokens.update(bigrams(run))
    return tokens


def query_terms(raw):
    """The terms of a reader's query: cut to MAX_QUERY_CHARS, split on spaces,
    deduplicated in order, at most MAX_TERMS. Terms keep their punctuation
    ("C++"), because the final check is a plain substring match."""
    text = normalize(raw)[:MAX_QUERY_CHARS]
    terms = []
    for term in text.split():
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def term_tokens(term):
    """Bigrams every story containing `term` must hold (empty for one character)."""
    tokens = []
    for run in runs(term):
        for token in bigrams(run):
            if token not in tokens:
                tokens.append(token)
    return tokens


def is_exact(term):
    """True when holding the term's single bigram already proves the substring."""
    return len(term) == 2 and runs(term) == [term]
