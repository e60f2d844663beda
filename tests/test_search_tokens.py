"""The tokeniser: what a story is indexed under and what a query asks for."""

from articles.search import tokens


def test_chinese_latin_and_digits_in_one_run_become_overlapping_bigrams():
    assert tokens.document_tokens("职工BA联赛") == {"职工", "工b", "ba", "a联", "联赛"}


def test_punctuation_and_spaces_split_runs():
    assert tokens.document_tokens("“工BA”，2024年") == {"工b", "ba", "20", "02", "24", "4年"}


def test_a_query_asks_only_for_bigrams_every_containing_story_holds():
    assert tokens.term_tokens("工BA") == ["工b", "ba"]
    assert tokens.document_tokens("职工BA").issuperset(tokens.term_tokens("工BA"))
    assert tokens.document_tokens("CBA联赛").issuperset(tokens.term_tokens("BA"))
    assert tokens.document_tokens("2024年").issuperset(tokens.term_tokens("2024"))


def test_query_is_lowercased_split_on_spaces_and_deduplicated():
    assert tokens.query_terms("  MVP　工BA mvp ") == ["mvp", "工ba"]


def test_long_query_is_cut_to_the_documented_limit():
    assert tokens.query_terms("工" * 10_000) == ["工" * tokens.MAX_QUERY_CHARS]


def test_nul_bytes_are_dropped():
    assert tokens.query_terms("工\x00会") == ["工会"]


def test_metacharacters_and_emoji_give_no_tokens():
    assert tokens.term_tokens("&|!:*()'\"\\") == []
    assert tokens.term_tokens("😀😀") == []


def test_only_a_two_character_run_is_proven_by_its_bigram():
    assert tokens.is_exact("工会")
    assert not tokens.is_exact("总工会")
    assert not tokens.is_exact("工!")
