"""A small list of common two-character words of union news, to judge line-break joins.

When print layout breaks a line, the import joins the two pieces. Knowing a few
hundred frequent words is enough to tell three cases apart at the seam:

- a word split by the break (全市工⏎会半年度: 工会 is a word), a clean join;
- a break between two words (围绕全市⏎重大工程: 全市 and 重大), also clean;
- a character lost at a column break (企事业单位⏎会始终: 单位 and 始终 are words,
  but 会 forms a word with neither neighbour), which the desk wants to see.

The list is hand-kept and deliberately small: a pair missing from it makes a
check stay silent (a join is only flagged when the words on both sides are
known), never report a slip. Add the words of a real missed slip here.
"""

import itertools

WORDS = """
工会 职工 会议 工作 全会 精神 学习 贯彻 宣传 落实 组织 建设 改革 发展 推进 推动 深入 开展 活动 服务
单位 企业 企事 事业 基层 干部 群众 劳动 劳模 工匠 技能 竞赛 技术 创新 产业 工人 队伍 质量 高质 首要
任务 重要 重大 重点 工程 项目 全市 全省 全国 全面 全体 市总 省总 总工 主席 书记 党组 党的 中央 省委
部署 召开 举办 举行 参加 参与 出席 传达 研究 强调 要求 提出 指出 表示 介绍 了解 据悉 日前 近日 今年
去年 此次 本次 目前 当前 今后 始终 持续 不断 进一步 加强 加快 提升 提高 促进 保障 维护 权益 合法 民生
思想 政治 引领 教育 引导 理论 中心 领导 负责 相关 有关 部门 单位 机关 系统 体系 机制 制度 政策 措施
阵地 品牌 特色 形式 方式 方法 内容 主题 平台 载体 资源 经费 基础 能力 水平 作用 影响 成效 成果 经验
问题 需求 困难 帮扶 救助 慰问 关爱 温暖 送清 清凉 安全 生产 一线 岗位 班组 车间 园区 楼宇 社区 街道
乡镇 区县 县级 市级 省级 地区 城市 农村 浙江 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水
宣讲 培训 比赛 决赛 球队 篮球 体育 文化 文体 健康 生活 家庭 妇女 青年 女职 新就 就业 形态 劳动者 骑手
司机 快递 外卖 货运 物流 公司 集团 有限 工厂 医院 学校 协会 委员 委员会 代表 大会 会员 入会 会费 经济
社会 国家 人民 时代 新时 现代 数字 数智 智能 网络 线上 线下 微信 网站 媒体 融媒 新闻 报道 记者 通讯
全力 努力 积极 主动 扎实 切实 认真 广泛 充分 深化 强化 优化 完善 健全 巩固 拓展 拓宽 聚焦 围绕 紧扣
结合 统一 统筹 协调 联系 交流 合作 共同 携手 共建 共享 示范 先进 优秀 典型 表彰 奖励 荣誉 称号 集体
个人 人员 人次 同志 大家 他们 我们 自己 这一 一个 一批 一支 一步 进行 作为 通过 按照 根据 为了 对于
关于 以及 并且 同时 此外 其中 已经 正在 将会 能够 可以 需要 应当 必须 继续 不仅 而且 还是 还有 所有
各项 各级 各类 各地 各个 多种 多样 形成 打造 构建 实现 确保 取得 获得 赢得 完成 实施 执行 落地 生根
人心 深入人心 走进 走近 身边 心里 心中 实践 实际 实效 实地 参观 调研 考察 走访 蹲点 下沉 力量 动力
"""

PAIRS = frozenset(pair for word in WORDS.split() for pair in map("".join, itertools.pairwise(word)))

# Characters that stand alone as words (的, 在 …): never an orphan at a seam.
SINGLE = frozenset("的了在和与及是将对把被从向为也都就而并或又这那其之以于由到上下中个各每本该此所等着过来去")


def is_pair(text):
    return text in PAIRS
