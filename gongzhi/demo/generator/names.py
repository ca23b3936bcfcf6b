"""Name pools for the demo city: jurisdictions, roads, projects, companies, developers.

Pure data plus one helper that draws unique names deterministically from a pool. Names
are fictional but follow the patterns of real ones (幸福社区, 东城街道, 机械厂宿舍 …).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


@dataclass(frozen=True)
class Region:
    """Where the demo city pretends to be: codes for its root node, phones and ID numbers."""

    division_code: str  # GB/T 2260, 6 digits
    area_code: str  # landline prefix
    province: str  # short province name for company names
    id_prefixes: tuple[str, ...]  # resident-ID region prefixes of local people


# Real region codes; a prefix is used for a birth year only if stdnum accepts it then.
REGIONS: dict[str, Region] = {
    "national": Region("430502", "0739", "湖南", ("430500", "430502", "430503", "430581")),
    "hunan-shaoyang": Region("430581", "0739", "湖南", ("430500", "430581", "430502", "430503")),
    "jiangxi-zhanggong": Region("360702", "0797", "江西", ("360702", "360700")),
    "henan-draft": Region("410100", "0371", "河南", ("410100", "410102")),
    "hunan-ziyang": Region("430902", "0737", "湖南", ("430902", "430900", "430500")),
    "shaanxi-xixian": Region("611100", "029", "陕西", ("610400", "610402", "610100", "610102")),
}
# People who moved in from elsewhere (Shaoyang, Zhanggong, Ziyang, Xianyang, Xi'an, Zhengzhou).
OTHER_ID_PREFIXES = ("430500", "360702", "430902", "610400", "610100", "410100")

ROOT_NAMES = {"city": "共治市", "district": "共治区", "new_area": "共治新区"}
MIDDLE_NAMES = {"new_city": ("东湖新城", "西岭新城", "南塬新城", "北河新城")}

STREET_BASES = _words(
    "东城 西城 南湖 北苑 城关 和平 解放 人民 新华 建设 朝阳 红旗 胜利 光明 "
    "长安 江北 滨江 桃花 青龙 白云 金山 双桥 文昌 龙泉 凤凰 七里 雨花 清水 "
    "望城 石桥 梅林 高新 迎春 东塘 西湖 塔山 五里 花桥 枫林 洞口 长乐 柳林 "
    "黄桥 永丰 "
)
COMMUNITY_BASES = _words(
    "幸福 和谐 光明 朝阳 桃园 春晖 康乐 锦绣 金桥 望江 青年 团结 友谊 育才 "
    "书院 翠竹 百花 玉兰 丹桂 柳营 梧桐 银杏 月塘 湖滨 长青 永安 迎宾 建国 "
    "五一 东风 向阳 民主 文化 体育 学院 南门 北门 双拥 民生 安居 乐业 嘉禾 "
    "兴隆 福寿 松坡 北塔 莲荷 水府 白马 紫薇 新桥 车站 西关 东关 龙山 桂花 "
    "荷花 芙蓉 金鹰 先锋 "
)
ROADS = _words(
    "人民路 建设路 解放路 中山路 新华路 五一路 迎宾大道 滨江路 文化路 学院路 "
    "东风路 青年路 红旗路 长安路 书院路 桃花路 龙泉路 城南路 城北路 梅园路 "
    "金桥路 世纪大道 站前路 工业路 江北路 体育路 胜利路 健康路 和平路 朝阳路 "
)
NEW_PROJECT_HEADS = _words(
    "锦绣 阳光 翠湖 金色 学府 滨江 东方 盛世 碧水 紫金 书香 御景 江南 香樟 "
    "星河 山水 康桥 天悦 富华 中央 明珠 润泽 恒安 云顶 翡翠 南山 北辰 时代 "
    "都市 春天 名都 清华 桃李 凤凰 湖畔 泰和 锦江 玫瑰 枫丹 丽景 "
)
NEW_PROJECT_TAILS = _words(
    "花园 华府 名苑 公馆 家园 雅居 壹号院 新城 湾 天地 尚城 丽都 悦府 华庭 佳苑 国际 豪庭 世家 "
)
OLD_PROJECT_UNITS = _words(
    "机械厂 纺织厂 粮食局 供销社 化工厂 棉纺厂 电业局 水泥厂 印刷厂 邮电局 "
    "建筑公司 卫生局 交通局 酒厂 造纸厂 农机厂 烟草公司 二轻局 商业局 氮肥厂 "
    "汽车站 物资局 自来水公司 食品公司 "
)
OLD_UNIT_FORMS = ("宿舍", "家属院", "生活区")
OLD_AREA_FORMS = ("新村", "小区")
RESETTLEMENT_FORMS = ("安置小区", "还建小区", "安置区")
PUBLIC_RENTAL_FORMS = ("公租房小区", "保障房小区", "人才公寓")
COMPANY_CORES = _words(
    "安居 佳和 万家 鑫源 盛和 恒泰 金盾 嘉园 康居 绿洲 诚信 华宇 天成 宏达 "
    "瑞丰 锦程 和美 益家 润达 家和 德馨 美好 同心 顺安 祥和 星辰 中和 博雅 "
    "晟泰 民生 乐居 舒心 悦家 宜居 泰安 永盛 合力 众诚 信达 汇丰 "
)
COMPANY_FORMS = ("物业服务有限公司", "物业管理有限公司", "物业服务股份有限公司")
DEVELOPER_CORES = _words(
    "鸿基 兴业 嘉泰 天源 华远 宏图 金辉 恒昌 景泰 建业 盛达 富源 中天 联创 "
    "华茂 宝通 新城 广厦 远洋 华信 "
)
DEVELOPER_FORMS = ("房地产开发有限公司", "置业有限公司", "实业发展有限公司")
HOUSING_CENTRE = "住房保障服务中心"

# Chinese names of the functional departments; an unknown kind falls back to its label.
DEPARTMENT_NAMES = {
    "housing": "住房和城乡建设局",
    "market_regulation": "市场监督管理局",
    "urban_management": "城市管理综合执法局",
    "public_security": "公安局",
    "fire_rescue": "消防救援大队",
    "emergency": "应急管理局",
    "health": "卫生健康局",
    "education": "教育局",
    "ecology": "生态环境分局",
    "natural_resources": "自然资源和规划局",
    "human_resources": "人力资源和社会保障局",
    "civil_affairs": "民政局",
    "justice": "司法局",
    "petitions": "信访局",
    "industry": "工业和信息化局",
    "culture_tourism": "文化旅游广电体育局",
    "finance": "财政局",
    "development_reform": "发展和改革局",
    "utilities": "公用事业服务中心",
}
# (qualification, issuer): certificates a property company shows on filing.
QUALIFICATIONS = (
    ("ISO 9001 质量管理体系认证证书", "中国质量认证中心"),
    ("ISO 14001 环境管理体系认证证书", "中国质量认证中心"),
    ("ISO 45001 职业健康安全管理体系认证证书", "中国质量认证中心"),
    ("物业管理行业协会会员证书", "省物业管理协会"),
    ("企业信用等级AAA证书", "中国物业管理协会"),
    ("消防设施维护保养资格证书", "省消防协会"),
)
ENGINEER_SPECIALTIES = _words("电气 给排水 暖通空调 电梯 消防 房屋建筑 智能化")
OFFICE_ROOMS = ("物业用房", "业委会办公室", "社区议事厅")
OFFICE_HOURS = ("每周六 9:00–11:30", "每周三 19:00–21:00", "每周日 14:30–17:00")
MOBILE_PREFIXES = _words(
    "130 131 132 133 135 136 137 138 139 150 "
    "151 152 153 155 156 157 158 159 166 173 "
    "175 176 177 178 180 181 182 183 185 186 "
    "187 188 189 191 198 199 "
)


class NamePicker:
    """Draws names that are unique within the picker, from ``make`` (called with the rng);
    after ``tries`` collisions it appends 二期, 三期 … so it never loops forever."""

    SUFFIXES = ("二期", "三期", "四期", "五期", "六期", "七期", "八期", "九期")

    def __init__(self, rng: random.Random, tries: int = 30) -> None:
        self._rng = rng
        self._tries = tries
        self._taken: set[str] = set()

    def pick(self, make: Callable[[random.Random], str]) -> str:
        name = ""
        for _ in range(self._tries):
            name = make(self._rng)
            if name not in self._taken:
                self._taken.add(name)
                return name
        for suffix in self.SUFFIXES:
            if name + suffix not in self._taken:
                self._taken.add(name + suffix)
                return name + suffix
        n = 10
        while f"{name}{n}号" in self._taken:
            n += 1
        self._taken.add(f"{name}{n}号")
        return f"{name}{n}号"


def combined(bases: tuple[str, ...], suffix: str) -> Callable[[random.Random], str]:
    """A base name, or for large cities two bases' first characters (东城 + 新华 → 东新)."""

    def make(rng: random.Random) -> str:
        if rng.random() < 0.85:
            return rng.choice(bases) + suffix
        first, second = rng.sample(bases, 2)
        return first[0] + second[0] + suffix

    return make
