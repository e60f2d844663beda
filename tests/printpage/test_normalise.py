from articles.editorial.printpage.normalise import fullwidth, is_complete, join_broken


def test_it_makes_chinese_commas_semicolons_and_brackets_fullwidth():
    text, count = fullwidth("召开党组(扩大)会议,深入学习;研究部署")
    assert (text, count) == ("召开党组（扩大）会议，深入学习；研究部署", 4)


def test_it_leaves_numbers_latin_text_and_urls_alone():
    for text in ["共1,000人", "see (MVP), please; ok", "详见 https://example.org/a,b;c(d)"]:
        assert fullwidth(text) == (text, 0)


def test_it_rejoins_words_and_numbers_without_a_space_but_keeps_latin_words_apart():
    assert join_broken("召开全市工", "会半年度工作会议") == "召开全市工会半年度工作会议"
    assert join_broken("活动1", "万余场次") == "活动1万余场次"
    assert join_broken("the union", "members") == "the union members"


def test_a_paragraph_is_complete_only_at_a_sentence_end():
    assert is_complete("会议结束。") and is_complete("他说：“好。”")
    assert not is_complete("围绕全市") and not is_complete("高质量发展,")
