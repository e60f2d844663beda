"""Fixed collocations of Party and union documents and meetings, to find a word that
lost a character in the middle of a line (持续扩大会精神: 扩大会议精神 lost 议).

A collocation of five characters or more is written one way; the same string with
one inner character missing is nearly always a copy-paste or typing slip. The
check derives those truncated forms itself, so the list holds only correct
phrases; the desk adds its own in 规范用语 (kind 固定搭配). A truncated form that is
itself part of a listed collocation (全委会精神 without 委 is 全会精神) is never
reported, nor one standing inside a listed collocation in the text (职工代表会 in
职工代表会议): list such correct neighbours here too.

Keep it to phrases that are always spelled in full; a short one (全会精神) would
make its truncated forms (会精神) common inside other words.
"""

MIN_LENGTH = 5

# Meetings whose 精神 is studied and passed on (扩大会议精神, 职代会精神).
MEETINGS = ["扩大会议", "代表大会", "职代会", "党代会", "全委会", "常委会", "重要讲话"]

# What a desk does with a plenum's 精神: 扩大全会精神的影响 losing 全 reads 扩大会精神,
# which is also 扩大会议精神 losing 议; the finding names both.
STUDIED = ["学习", "贯彻", "宣传", "宣讲", "传达", "落实", "扩大"]

COLLOCATIONS = [
    *(f"{meeting}精神" for meeting in MEETINGS),
    *(f"{verb}全会精神" for verb in STUDIED),
    *[
        "职工代表大会",
        "工会会员代表大会",
        "职工代表大会制度",
        "理论学习中心组",
        "党组理论学习中心组",
        "党组扩大会议",
        "党委扩大会议",
        "产业工人队伍建设改革",
        "新就业形态劳动者",
        "全心全意依靠工人阶级",
        "厂务公开民主管理",
        "习近平新时代中国特色社会主义思想",
        "守好红色根脉",
        "职工之家建设",
    ],
    # Correct neighbours: shorter or related phrases a truncated form may spell.
    *["全会精神", "大会精神", "会议精神", "职工代表会议", "工会会员代表会议"],
]


def truncations(phrase):
    """The phrase with one inner character left out (not the first or the last)."""
    return {phrase[:position] + phrase[position + 1 :] for position in range(1, len(phrase) - 1)}


def slips(phrases):
    """{truncated form: [the collocations it comes from]}, leaving out forms that
    are themselves part of a collocation."""
    found = {}
    for phrase in phrases:
        if len(phrase) < MIN_LENGTH:
            continue
        for form in truncations(phrase):
            if not any(form in other for other in phrases):
                found.setdefault(form, []).append(phrase)
    return found
