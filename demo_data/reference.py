"""Static reference data: regions, branches, industries and the vocabulary used to build names."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# --- geography ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class City:
    name: str  # e.g. 深圳
    code: str  # 6-digit administrative division of the city
    districts: tuple[tuple[str, str], ...]  # (district name, division code)


@dataclass(frozen=True)
class Region:
    code: str
    province: str  # 广东省 / 北京市
    short: str  # 广东 / 北京
    division: str  # 440000
    municipality: bool  # 直辖市


REGIONS: tuple[Region, ...] = (
    Region("R11", "北京市", "北京", "110000", True),
    Region("R31", "上海市", "上海", "310000", True),
    Region("R44", "广东省", "广东", "440000", False),
    Region("R32", "江苏省", "江苏", "320000", False),
    Region("R33", "浙江省", "浙江", "330000", False),
    Region("R51", "四川省", "四川", "510000", False),
)
REGION_BY_CODE = {r.code: r for r in REGIONS}

CITIES: dict[str, City] = {
    c.name: c
    for c in (
        City("北京", "110000", (("东城区", "110101"), ("西城区", "110102"), ("朝阳区", "110105"),
                                ("海淀区", "110108"), ("丰台区", "110106"), ("通州区", "110112"))),
        City("上海", "310000", (("黄浦区", "310101"), ("徐汇区", "310104"), ("长宁区", "310105"),
                                ("浦东新区", "310115"), ("闵行区", "310112"))),
        City("广州", "440100", (("越秀区", "440104"), ("天河区", "440106"), ("白云区", "440111"),
                                ("番禺区", "440113"))),
        City("深圳", "440300", (("福田区", "440304"), ("南山区", "440305"), ("宝安区", "440306"),
                                ("龙岗区", "440307"))),
        City("佛山", "440600", (("禅城区", "440604"), ("南海区", "440605"), ("顺德区", "440606"))),
        City("东莞", "441900", (("东城街道", "441900"), ("长安镇", "441900"))),
        City("南京", "320100", (("玄武区", "320102"), ("秦淮区", "320104"), ("鼓楼区", "320106"),
                                ("江宁区", "320115"))),
        City("苏州", "320500", (("虎丘区", "320505"), ("吴中区", "320506"), ("姑苏区", "320508"))),
        City("无锡", "320200", (("梁溪区", "320213"), ("新吴区", "320214"))),
        City("杭州", "330100", (("上城区", "330102"), ("拱墅区", "330105"), ("西湖区", "330106"),
                                ("滨江区", "330108"))),
        City("宁波", "330200", (("海曙区", "330203"), ("鄞州区", "330212"))),
        City("温州", "330300", (("鹿城区", "330302"), ("瓯海区", "330304"))),
        City("成都", "510100", (("锦江区", "510104"), ("青羊区", "510105"), ("武侯区", "510107"),
                                ("双流区", "510116"))),
        City("绵阳", "510700", (("涪城区", "510703"), ("游仙区", "510704"))),
    )
}  # fmt: skip


@dataclass(frozen=True)
class Branch:
    code: str
    region: str
    city: str
    weight: float  # share of customers


BRANCHES: tuple[Branch, ...] = (
    Branch("BR001", "R11", "北京", 9.0),
    Branch("BR002", "R11", "北京", 6.0),
    Branch("BR003", "R11", "北京", 6.0),
    Branch("BR004", "R11", "北京", 3.0),
    Branch("BR005", "R31", "上海", 9.0),
    Branch("BR006", "R31", "上海", 6.0),
    Branch("BR007", "R31", "上海", 4.0),
    Branch("BR008", "R44", "广州", 7.0),
    Branch("BR009", "R44", "深圳", 7.0),
    Branch("BR010", "R44", "深圳", 4.0),
    Branch("BR011", "R44", "佛山", 3.0),
    Branch("BR012", "R44", "东莞", 3.0),
    Branch("BR013", "R32", "南京", 5.0),
    Branch("BR014", "R32", "苏州", 5.0),
    Branch("BR015", "R32", "无锡", 3.0),
    Branch("BR016", "R33", "杭州", 6.0),
    Branch("BR017", "R33", "宁波", 4.0),
    Branch("BR018", "R33", "温州", 2.5),
    Branch("BR019", "R51", "成都", 6.0),
    Branch("BR020", "R51", "绵阳", 1.5),
)
BRANCH_CODES = tuple(b.code for b in BRANCHES)
BRANCH_WEIGHTS = np.array([b.weight for b in BRANCHES]) / sum(b.weight for b in BRANCHES)

# --- organisation types ---------------------------------------------------------------------------

ORG_TYPES = ("ENT", "GOV", "PUB", "SOC")
ENT, GOV, PUB, SOC = range(4)
ORG_TYPE_P_CUSTOMERS = (0.82, 0.05, 0.08, 0.05)
ORG_TYPE_P_PROSPECTS = (0.88, 0.02, 0.06, 0.04)
ADMIN_LEVELS = ("CENTRAL", "PROVINCIAL", "MUNICIPAL", "COUNTY")
ADMIN_LEVEL_P = (0.05, 0.20, 0.40, 0.35)

# --- industries (GB/T 4754-2017 class codes) ------------------------------------------------------


@dataclass(frozen=True)
class Industry:
    code: str
    weight: float
    words: tuple[str, ...]  # business words used in company names
    size: float = 1.0  # multiplier of the sales median
    assets: float = 1.1  # median total assets / sales


ENT_INDUSTRIES: tuple[Industry, ...] = (
    Industry("C3612", 2.5, ("新能源汽车", "汽车工业"), 2.0, 1.2),
    Industry("C3670", 3.0, ("汽车零部件", "汽配"), 1.0, 0.9),
    Industry("C3911", 2.0, ("电子科技", "计算机"), 1.2, 0.8),
    Industry("C3914", 1.5, ("智能装备", "自动化"), 0.8, 0.9),
    Industry("C2614", 2.0, ("化工", "新材料"), 1.3, 1.0),
    Industry("C2710", 2.0, ("医药", "生物制药"), 1.0, 1.3),
    Industry("C3311", 1.5, ("钢结构", "金属制品"), 0.8, 0.9),
    Industry("C1711", 2.0, ("纺织", "棉纺"), 0.7, 0.8),
    Industry("C3421", 2.0, ("机械", "机床"), 0.8, 1.0),
    Industry("C1440", 1.0, ("乳业", "食品"), 1.0, 0.8),
    Industry("C3120", 0.8, ("钢铁", "特钢"), 3.0, 1.4),
    Industry("D4411", 0.8, ("电力", "热电"), 2.5, 3.0),
    Industry("D4415", 0.7, ("风电", "新能源"), 1.2, 4.0),
    Industry("D4416", 0.8, ("光伏", "太阳能"), 1.0, 3.0),
    Industry("B0610", 0.8, ("煤业", "矿业"), 2.0, 2.0),
    Industry("A0111", 1.0, ("农业发展", "粮食"), 0.4, 1.2),
    Industry("A0311", 0.5, ("牧业", "畜牧"), 0.4, 1.2),
    Industry("E4710", 3.5, ("建设工程", "建筑"), 1.5, 1.1),
    Industry("E4812", 1.5, ("路桥建设", "交通建设"), 2.0, 1.5),
    Industry("E4910", 1.0, ("电气安装", "机电安装"), 0.6, 0.8),
    Industry("F5123", 2.0, ("农产品贸易", "果蔬"), 0.6, 0.5),
    Industry("F5162", 1.5, ("能源贸易", "煤炭销售"), 1.5, 0.4),
    Industry("F5176", 2.0, ("电子商贸", "科技贸易"), 0.7, 0.4),
    Industry("F5211", 1.5, ("百货", "商贸"), 1.0, 0.7),
    Industry("F5212", 1.0, ("超市", "连锁商业"), 1.2, 0.6),
    Industry("F5261", 1.0, ("汽车销售", "汽车贸易"), 1.0, 0.5),
    Industry("G5430", 2.0, ("物流", "运输"), 0.7, 0.9),
    Industry("G5990", 1.0, ("仓储", "供应链"), 0.6, 1.2),
    Industry("G5821", 1.0, ("国际货运代理", "国际物流"), 0.8, 0.5),
    Industry("H6110", 1.0, ("酒店管理", "大酒店"), 0.5, 2.5),
    Industry("H6210", 1.0, ("餐饮管理", "餐饮"), 0.3, 0.6),
    Industry("I6410", 1.5, ("网络科技", "互联网科技"), 0.8, 1.0),
    Industry("I6432", 1.2, ("电子商务", "网络技术"), 0.8, 0.8),
    Industry("I6510", 2.5, ("软件", "信息技术"), 0.6, 1.0),
    Industry("I6531", 1.5, ("信息系统", "数据科技"), 0.6, 0.9),
    Industry("K7010", 5.0, ("房地产开发", "置业", "地产"), 1.5, 4.0),
    Industry("K7020", 1.5, ("物业管理", "物业服务"), 0.3, 0.6),
    Industry("K7030", 0.5, ("房产经纪", "房地产营销"), 0.2, 0.5),
    Industry("K7090", 0.3, ("不动产", "房地产服务"), 0.3, 2.0),
    Industry("L7211", 2.0, ("实业", "投资"), 1.5, 2.5),
    Industry("L7212", 1.0, ("资产管理", "投资管理"), 0.8, 3.0),
    Industry("L7119", 0.6, ("租赁", "设备租赁"), 0.7, 3.5),
    Industry("L7259", 0.6, ("广告传媒", "文化传播"), 0.3, 0.6),
    Industry("M7320", 1.0, ("工程技术", "科技研发"), 0.4, 1.0),
    Industry("M7484", 1.0, ("建筑设计", "工程设计"), 0.3, 0.8),
    Industry("N7810", 0.6, ("市政工程", "城市建设"), 0.8, 2.0),
    Industry("N7721", 0.8, ("环保科技", "水务"), 0.5, 1.5),
    Industry("J6620", 0.3, ("金融服务", "小额贷款"), 0.3, 5.0),
    Industry("P8391", 0.5, ("教育科技", "培训"), 0.2, 0.8),
    Industry("Q8411", 0.4, ("医院管理", "医疗"), 0.4, 1.2),
    Industry("R8710", 0.5, ("文化传媒", "影视"), 0.3, 1.0),
    Industry("O8010", 0.3, ("家政服务", "生活服务"), 0.1, 0.5),
    Industry("O8111", 0.3, ("汽车服务", "汽车维修"), 0.2, 0.6),
)
ENT_INDUSTRY_CODES = tuple(i.code for i in ENT_INDUSTRIES)
ENT_INDUSTRY_P = np.array([i.weight for i in ENT_INDUSTRIES]) / sum(i.weight for i in ENT_INDUSTRIES)
ENT_INDUSTRY_SIZE = np.array([i.size for i in ENT_INDUSTRIES])
ENT_INDUSTRY_ASSETS = np.array([i.assets for i in ENT_INDUSTRIES])

# --- company names --------------------------------------------------------------------------------

BRAND_CHARS = tuple(
    "华信恒泰宏达鑫瑞安盛通元嘉德正远兴丰隆汇明科新金利天中永宝海东阳光博锦福祥鼎凯辉创智诚和美联润翔立昌荣"
    "益佳伟豪航祺晟鸿腾越泓晨昊弘卓越晶耀启铭骏宸"
)
COMPANY_SUFFIXES = ("有限公司", "股份有限公司", "有限责任公司", "集团有限公司")
COMPANY_SUFFIX_P = (0.68, 0.15, 0.10, 0.07)

# --- institution names: (template, industry code); {p} province, {ps} province short, {c} city, {d} district,
# {n} ordinal number, {b} brand --------------------------------------------------------------------

GOV_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "CENTRAL": (
        ("财政部{ps}监管局", "S9225"),
        ("国家统计局{c}调查队", "S9225"),
        ("国家税务总局{p}税务局", "S9225"),
        ("海关总署{c}海关", "S9226"),
        ("国家能源局{ps}监管办公室", "S9225"),
        ("国家粮食和物资储备局{ps}局", "S9225"),
        ("中国气象局{c}气象台", "S9224"),
        ("国家金融监督管理总局{ps}监管局", "S9226"),
    ),
    "PROVINCIAL": (
        ("{p}财政{t}", "S9225"),
        ("{p}交通运输{t}", "S9225"),
        ("{p}教育{t}", "S9224"),
        ("{p}卫生健康委员会", "S9224"),
        ("{p}自然资源{t}", "S9225"),
        ("{p}水利{t}", "S9225"),
        ("{p}人力资源和社会保障{t}", "S9420"),
        ("{p}生态环境{t}", "S9226"),
        ("{p}商务{t}", "S9225"),
        ("{p}公安{t}", "S9223"),
    ),
    "MUNICIPAL": (
        ("{c}市财政局", "S9225"),
        ("{c}市教育局", "S9224"),
        ("{c}市公安局", "S9223"),
        ("{c}市交通运输局", "S9225"),
        ("{c}市住房和城乡建设局", "S9225"),
        ("{c}市卫生健康委员会", "S9224"),
        ("{c}市市场监督管理局", "S9226"),
        ("{c}市自然资源和规划局", "S9225"),
        ("{c}市水务局", "S9225"),
        ("{c}市人力资源和社会保障局", "S9420"),
        ("{c}市医疗保障局", "S9420"),
        ("{c}市民政局", "S9224"),
        ("{c}市生态环境局", "S9226"),
        ("{c}市城市管理局", "S9224"),
    ),
    "COUNTY": (
        ("{c}市{d}财政局", "S9225"),
        ("{c}市{d}教育局", "S9224"),
        ("{c}市{d}卫生健康局", "S9224"),
        ("{c}市{d}住房和城乡建设局", "S9225"),
        ("{c}市{d}人民政府{d2}街道办事处", "S9221"),
        ("{c}市{d}农业农村局", "S9225"),
        ("{c}市{d}市场监督管理局", "S9226"),
        ("{c}市{d}人力资源和社会保障局", "S9420"),
    ),
}
PUB_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "CENTRAL": (
        ("中国科学院{c}{f}研究所", "M7310"),
        ("国家{f}工程技术研究中心", "M7320"),
        ("{ps}{b}大学", "P8341"),
        ("中国{f}研究院{c}分院", "M7320"),
    ),
    "PROVINCIAL": (
        ("{p}人民医院", "Q8411"),
        ("{p}{f}科学研究院", "M7320"),
        ("{ps}{b}学院", "P8341"),
        ("{p}疾病预防控制中心", "Q8431"),
        ("{p}广播电视台", "R8720"),
        ("{p}博物馆", "R8850"),
        ("{p}肿瘤医院", "Q8415"),
    ),
    "MUNICIPAL": (
        ("{c}市第{n}人民医院", "Q8411"),
        ("{c}市中医医院", "Q8412"),
        ("{c}市第{n}中学", "P8334"),
        ("{c}职业技术学院", "P8341"),
        ("{c}市疾病预防控制中心", "Q8431"),
        ("{c}市图书馆", "R8831"),
        ("{c}市住房公积金管理中心", "S9420"),
        ("{c}市{f}研究所", "M7320"),
    ),
    "COUNTY": (
        ("{c}市{d}人民医院", "Q8411"),
        ("{c}市{d}第{n}小学", "P8321"),
        ("{c}市{d}第{n}中学", "P8334"),
        ("{c}市{d}妇幼保健院", "Q8432"),
        ("{c}市{d}社区卫生服务中心", "Q8421"),
        ("{c}市{d}文化馆", "R8870"),
    ),
}
SOC_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "CENTRAL": (
        ("中国{f}协会", "S9522"),
        ("中国{b}{f}基金会", "S9530"),
        ("中国{f}学会", "S9521"),
    ),
    "PROVINCIAL": (
        ("{p}{f}行业协会", "S9522"),
        ("{p}{b}慈善基金会", "S9530"),
        ("{p}{f}学会", "S9521"),
    ),
    "MUNICIPAL": (
        ("{c}市{f}商会", "S9522"),
        ("{c}市{f}协会", "S9522"),
        ("{c}市{b}公益基金会", "S9530"),
        ("{c}{b}外国语学校", "P8334"),
        ("{c}市{b}养老服务中心", "Q8514"),
    ),
    "COUNTY": (
        ("{c}市{d}{f}协会", "S9522"),
        ("{c}市{d}{b}社会工作服务中心", "Q8529"),
        ("{c}市{d}个体劳动者协会", "S9529"),
    ),
}
INSTITUTION_NAMES = {"GOV": GOV_NAMES, "PUB": PUB_NAMES, "SOC": SOC_NAMES}
FIELDS = (
    "软件", "房地产", "物流", "汽车", "建筑", "餐饮", "电子商务", "律师", "注册会计师", "医师", "环境科学",
    "农业", "水利", "材料", "能源", "信息技术", "机械工程", "生物医学", "文化", "旅游",
)  # fmt: skip

# --- products -------------------------------------------------------------------------------------

CURRENCIES = ("CNY", "USD", "EUR", "HKD")
CNY, USD, EUR, HKD = range(4)
FX_NOMINAL = np.array([1.0, 7.2, 7.8, 0.92])
FX_RANGE = {"USD": (7.1, 7.3), "EUR": (7.6, 8.0), "HKD": (0.91, 0.93)}

LOAN_PRODUCTS = (
    "WORKING_CAPITAL",
    "FIXED_ASSET",
    "PROJECT",
    "TRADE_FINANCE",
    "DISCOUNT",
    "ACCEPTANCE",
    "GUARANTEE",
    "LETTER_OF_CREDIT",
)
WORKING_CAPITAL, FIXED_ASSET, PROJECT, TRADE_FINANCE, DISCOUNT, ACCEPTANCE, GUARANTEE, LETTER_OF_CREDIT = (
    range(8)
)
LOAN_PRODUCT_P_ENT = (0.40, 0.15, 0.08, 0.10, 0.07, 0.12, 0.05, 0.03)
LOAN_PRODUCT_P_INST = (0.50, 0.25, 0.15, 0.0, 0.0, 0.0, 0.10, 0.0)
OFF_BALANCE = (ACCEPTANCE, GUARANTEE, LETTER_OF_CREDIT)
LOAN_TERMS: tuple[tuple[int, ...], ...] = (
    (3, 6, 12, 12, 12, 12, 24, 36),  # WORKING_CAPITAL
    (36, 60, 60, 84, 120),  # FIXED_ASSET
    (60, 84, 120, 120),  # PROJECT
    (3, 6, 9, 12),  # TRADE_FINANCE
    (3, 6, 6, 12),  # DISCOUNT
    (3, 6, 6, 12),  # ACCEPTANCE
    (6, 12, 24, 36),  # GUARANTEE
    (3, 6, 12),  # LETTER_OF_CREDIT
)
COLLATERAL_TYPES = ("UNSECURED", "GUARANTEED", "MORTGAGE", "PLEDGE")
COLLATERAL_P = (
    (0.30, 0.35, 0.25, 0.10),  # WORKING_CAPITAL
    (0.05, 0.15, 0.70, 0.10),  # FIXED_ASSET
    (0.05, 0.20, 0.55, 0.20),  # PROJECT
    (0.30, 0.30, 0.05, 0.35),  # TRADE_FINANCE
    (0.00, 0.10, 0.00, 0.90),  # DISCOUNT
    (0.20, 0.30, 0.05, 0.45),  # ACCEPTANCE
    (0.40, 0.40, 0.10, 0.10),  # GUARANTEE
    (0.30, 0.30, 0.00, 0.40),  # LETTER_OF_CREDIT
)
RISK_GRADE_P = (0.03, 0.07, 0.15, 0.22, 0.20, 0.15, 0.08, 0.05, 0.03, 0.02)
FIVE_LEVEL_CLASSES = ("NORMAL", "SPECIAL_MENTION", "SUBSTANDARD", "DOUBTFUL", "LOSS")
WORSE_CLASS_P = (0.62, 0.20, 0.11, 0.07)

ACCOUNT_TYPES = ("BASIC", "GENERAL", "SPECIAL", "TEMPORARY")
EXTRA_ACCOUNT_TYPE_P = (0.0, 0.6, 0.3, 0.1)
DEPOSIT_PRODUCTS = ("DEMAND", "TIME", "NOTICE", "AGREEMENT")
DEMAND, TIME, NOTICE, AGREEMENT = range(4)
BASIC_PRODUCT_P = (0.80, 0.0, 0.0, 0.20)
EXTRA_PRODUCT_P = (0.45, 0.355, 0.14, 0.055)
TIME_TERMS = np.array([3, 6, 12, 24, 36, 60])
TIME_TERM_P = (0.15, 0.20, 0.30, 0.15, 0.12, 0.08)
TIME_RATE_RANGE = np.array(
    [
        [0.0120, 0.0140],
        [0.0135, 0.0160],
        [0.0150, 0.0180],
        [0.0170, 0.0200],
        [0.0190, 0.0230],
        [0.0210, 0.0250],
    ]
)
DEPOSIT_RATE_RANGE = {DEMAND: (0.0010, 0.0035), NOTICE: (0.0080, 0.0140), AGREEMENT: (0.0080, 0.0120)}

FEE_TYPES = (
    "SETTLEMENT",
    "INTL_SETTLEMENT",
    "GUARANTEE_FEE",
    "CASH_MANAGEMENT",
    "ADVISORY",
    "CUSTODY",
    "UNDERWRITING",
)
# median income per fee event in CNY for a median-sized customer, and log-sd
FEE_MEDIAN_CNY = np.array([450.0, 3500.0, 18000.0, 6000.0, 150000.0, 25000.0, 1200000.0])
FEE_SIGMA = np.array([0.8, 0.9, 1.0, 0.7, 1.0, 0.8, 0.8])

COST_POOLS = (
    "ACCOUNT_MAINTENANCE",
    "TRANSACTION_PROCESSING",
    "RELATIONSHIP_MANAGEMENT",
    "CREDIT_ADMINISTRATION",
    "OVERHEAD",
)
# monthly cost per branch customer (CNY) and fixed monthly amount per branch (CNY)
COST_PER_CUSTOMER = np.array([900.0, 1500.0, 2800.0, 1200.0, 1600.0])
COST_FIXED = np.array([60000.0, 50000.0, 80000.0, 40000.0, 120000.0])

FTP_TERMS = np.array([1, 3, 6, 12, 24, 36, 60, 120])
FTP_HISTORY_START = (1995, 1, 1)  # relationship_start_date >= 1995-01-01, so the curve covers every start

EMERGING_TAGS = ("INTERNET", "IOT", "MOBILE_PAYMENT")
OTHER_TAGS = ("GREEN", "SPECIALIZED", "HIGH_TECH")
LIFECYCLE_STAGES = ("STARTUP", "GROWTH", "MATURE", "DECLINE")
