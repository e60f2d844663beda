"""The QA checks on plain stories: each slip is found, and a clean story stays silent."""

from articles.editorial.printpage.checks import BrandRef, Place, SegmentText, StoryText, TermRef, check_story

PLACES = [Place("绍兴", "绍兴市总工会"), Place("金华", "金华市总工会"), Place("舟山", "舟山市总工会")]


def clean_roundup(**changes):
    fields = {
        "headline": "两市总工会部署下半年工作",
        "source": "本报讯",
        "contributors": [("林晓燕", "记者")],
        "paragraphs": ["日前，两市总工会分别召开会议，部署下半年重点工作。"],
        "segments": [
            SegmentText("绍兴市总工会", "绍兴", ["绍兴市总工会召开全委会，赴金华学习职工服务阵地建设经验。"]),
            SegmentText("舟山市总工会", "舟山", ["舟山市总工会召开党组会议，研究海岛职工服务工作。"]),
        ],
        "captions": ["会议现场（记者 林晓燕 摄）。"],
    }
    return StoryText(**{**fields, **changes})


def codes(story, **kwargs):
    return [finding["code"] for finding in check_story(story, PLACES, **kwargs)]


def test_a_clean_story_gives_no_finding():
    assert check_story(clean_roundup(), PLACES, [TermRef("农民工", "进城务工人员", "outdated")]) == []


def test_a_sentence_pasted_into_another_segment_is_a_duplicate_in_that_segment():
    story = clean_roundup()
    story.segments[1].paragraphs.append("会议要求，持续深化产业工人队伍建设改革，切实维护职工合法权益。")
    story.segments[0].paragraphs.append("会议要求，持续深化产业工人队伍建设改革，切实维护职工合法权益。")
    [duplicate] = [f for f in check_story(story, PLACES) if f["code"] == "duplicate-text"]
    assert duplicate["segment"] == "舟山市总工会"
    assert duplicate["excerpt"].startswith("会议要求")


def test_a_shorter_copy_inside_a_longer_sentence_counts_too():
    story = clean_roundup(
        paragraphs=[
            "围绕首要任务，深入推进产业工人队伍建设改革和工会改革创新。",
            "深入推进产业工人队伍建设改革和工会改革创新。",
        ]
    )
    assert codes(story) == ["duplicate-text"]


def test_another_citys_name_in_a_segment_is_a_mismatch_but_a_visit_is_not():
    story = clean_roundup()
    story.segments[0].paragraphs.append("谱写中国式现代化的金华篇章。")
    [mismatch] = check_story(story, PLACES)
    assert (mismatch["code"], mismatch["segment"]) == ("segment-union-mismatch", "绍兴市总工会")
    assert "金华篇章" in mismatch["excerpt"]


def test_a_paragraph_broken_mid_sentence_is_reported():
    assert codes(clean_roundup(paragraphs=["嘉兴市总工会召开全市工", "会半年度工作会议。"])) == ["broken-break"]


def test_halfwidth_punctuation_and_unbalanced_pairs_are_reported():
    assert codes(clean_roundup(paragraphs=["会议强调,要抓好落实。"])) == ["halfwidth-punctuation"]
    assert codes(clean_roundup(paragraphs=["开展“守好红色根脉活动。"])) == ["unbalanced-pair"]
    assert codes(clean_roundup(paragraphs=["他说：“第一段。", "“第二段。”"])) == []


def test_terms_are_found_with_their_preferred_form_unless_part_of_it():
    terms = [TermRef("农民工", "进城务工人员", "outdated"), TermRef("劳模", "劳动模范", "standard")]
    [found] = check_story(clean_roundup(paragraphs=["组织农民工参加培训。"]), PLACES, terms)
    assert found["code"] == "term" and "进城务工人员" in found["message"]
    terms = [TermRef("工匠", "大国工匠", "standard")]
    assert codes(clean_roundup(paragraphs=["表彰大国工匠。"]), terms=terms) == []


def test_a_news_story_needs_a_source_or_a_contributor_unless_continued():
    assert codes(clean_roundup(source="", contributors=[])) == ["missing-byline"]
    assert codes(clean_roundup(source="", contributors=[], continued=True)) == []


def test_a_join_leaving_a_character_that_fits_no_word_is_reported_but_clean_joins_are_not():
    lost = clean_roundup(
        paragraphs=["今年以来，全市各基层单位会始终把职工冷暖放在心上。"], joins=[["基层单位", "会始终把"]]
    )
    [found] = check_story(lost, PLACES)
    assert found["code"] == "unlikely-join" and "“会”前后不成词" in found["message"]
    assert "基层单位会始终" in found["excerpt"]
    clean = [["召开全市工", "会半年度"], ["围绕全市", "重大工程"], ["企业单位", "的职工"], ["重点", "工作创新"]]
    text = "召开全市工会半年度会议。围绕全市重大工程。企业单位的职工。重点工作创新。"
    assert codes(clean_roundup(paragraphs=[text], joins=clean)) == []


def test_a_join_an_editor_has_since_mended_is_not_reported():
    mended = clean_roundup(paragraphs=["全市各基层单位工会始终把职工冷暖放在心上。"], joins=[["基层单位", "会始终把"]])
    assert codes(mended) == []


def test_another_citys_brand_in_a_segment_is_a_mismatch_but_not_in_its_own_citys():
    brands = [BrandRef("越工驿站", "绍兴")]
    story = clean_roundup()
    story.segments[1].paragraphs.append("持续推进“越工驿站”等服务阵地建设。")
    [mismatch] = check_story(story, PLACES, brands=brands)
    assert (mismatch["code"], mismatch["segment"]) == ("segment-union-mismatch", "舟山市总工会")
    assert "绍兴的工作品牌“越工驿站”" in mismatch["message"]

    story = clean_roundup()
    story.segments[0].paragraphs.append("持续推进“越工驿站”等服务阵地建设。")
    assert check_story(story, PLACES, brands=brands) == []


LEADER = TermRef("张三", "省总工会党组书记、主席张三", "leader")


def test_a_leader_first_named_without_the_preferred_title_is_reported():
    story = clean_roundup(paragraphs=["张三主席出席会议并讲话。", "省总工会党组书记、主席张三强调，要抓好落实。"])
    [found] = check_story(story, PLACES, [LEADER])
    assert found["code"] == "leader-title"
    assert "“张三”首次出现时应写作“省总工会党组书记、主席张三”" in found["message"]
    assert found["excerpt"].startswith("张三主席")


def test_a_leader_named_in_full_first_may_then_be_named_alone():
    story = clean_roundup(
        headline="张三调研职工服务", paragraphs=["省总工会党组书记、主席张三出席会议。", "张三强调，要抓好落实。"]
    )
    assert check_story(story, PLACES, [LEADER]) == []


def test_a_collocation_missing_an_inner_character_is_reported_with_its_full_form():
    story = clean_roundup()
    story.segments[1].paragraphs.append("会议传达了市第十三次党会精神，要求持续扩大会议精神在一线的影响。")
    [slip] = check_story(story, PLACES)
    assert (slip["code"], slip["segment"]) == ("truncated-collocation", "舟山市总工会")
    assert slip["message"] == "“党会精神”疑缺一字，固定搭配应为“党代会精神”，请核对原稿。"
    assert "第十三次党会精神" in slip["excerpt"]


def test_a_slip_two_collocations_could_explain_names_both():
    story = clean_roundup(paragraphs=["各地工会持续扩大会精神在职工中的影响。"])
    [slip] = check_story(story, PLACES)
    assert slip["message"] == "“扩大会精神”疑缺一字，固定搭配应为“扩大会议精神”或“扩大全会精神”，请核对原稿。"


def test_correct_neighbours_of_a_collocation_are_not_slips():
    story = clean_roundup(
        paragraphs=[
            "学习贯彻全会精神和市第十三次党代会精神，召开全委会，传达职代会精神。",
            "职工代表会议审议通过集体合同，持续扩大会员覆盖面，扩大会议规模。",
        ]
    )
    assert check_story(story, PLACES) == []


def test_the_desk_adds_its_own_collocations_as_terms():
    story = clean_roundup(paragraphs=["各级工会组织开展安全生月活动。"])
    assert check_story(story, PLACES) == []
    [slip] = check_story(story, PLACES, [TermRef("安全生产月活动", "", "collocation")])
    assert slip["message"] == "“安全生月活动”疑缺一字，固定搭配应为“安全生产月活动”，请核对原稿。"
