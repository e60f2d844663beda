"""Two recent print editions. A story listed on two pages jumps: part 1 on the first, part 2 on the next."""

# (day relative to today, [(page number, page name, [story keys])])
EDITIONS = [
    (
        -2,
        [
            (1, "要闻", ["plenum-roundup", "hangzhou-new-workers", "shaoxing-speakers"]),
            (2, "要闻", ["plenum-roundup", "shengbushu-meeting"]),
            (3, "地方新闻", ["keqiao-new-workers", "zhoushan-seafarers", "haining-micro-class", "yongkang-wage-talks"]),
            (4, "职工文化", ["huzhou-night-school", "changxing-team-profile"]),
        ],
    ),
    (
        -9,
        [
            (1, "要闻", ["gongba-final", "haigang-contest"]),
            (2, "地方新闻", ["ningbo-retreat", "juhua-craftsmen", "jiaxing-chairs-training", "yiwu-outdoor"]),
            (3, "职工文化", ["gongba-opening", "hanggang-cool"]),
        ],
    ),
]

# The edition whose pages come as PDFs (unionnews/demo/epaper/, made by `python -m tests.epaper_pdfs`
# from the demo stories' text): its 数字报 has page images with clickable story areas.
EPAPER = EDITIONS[1]
