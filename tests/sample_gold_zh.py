"""Hand-made gold lists for the Chinese sample articles in ``samples/zh/`` (our own words).

``GOLD_ZH`` maps each sample's file name to the names and jargon a translator must render consistently
in it, as ``(chinese, english)`` tuples:

* ``chinese`` is the simplified form (the traditional sample's terms too: rows report the glossary's
  simplified Chinese for known terms, and the text as written for new ones, compared simplified).
* ``english`` is the canonical ``english`` of the shipped glossary's entry when it has one, else ``None``
  (a new term: its English is a proposal).

Every gold term occurs in its article. Generic words that happen to be glossary entries (董事长, 芯片,
互联网) are left out. This module holds data only.
"""

GOLD_ZH: dict[str, list[tuple[str, str | None]]] = {
    "alibaba_ceo_letter.txt": [
        ("吴泳铭", "Eddie Wu"),
        ("阿里巴巴集团", "Alibaba Group"),
        ("首席执行官", "chief executive officer"),
        ("用户为先", "user first"),
        ("AI驱动", "AI-driven"),
        ("通义千问", "Tongyi Qianwen"),
        ("六大业务集团", "six business groups"),
        ("85后", "post-85s"),
        ("90后", "post-90s"),
        ("阿里云", "Alibaba Cloud"),
        ("创业心态", "start-up mindset"),
    ],
    "harmonyos_launch.txt": [
        ("华为Mate 70", "Huawei Mate 70"),
        ("鸿蒙", "HarmonyOS"),
        ("纯血鸿蒙", None),
        ("鸿蒙原生应用", None),
        ("鸿蒙座舱", None),
        ("余承东", "Richard Yu"),
        ("问界M9", "Aito M9"),
        ("享界S9", None),
        ("小米SU7", "Xiaomi SU7"),
        ("理想L9", "Li Auto L9"),
        ("麒麟", "Kirin"),
        ("雷军", "Lei Jun"),
    ],
    "market_regulator_notice.txt": [
        ("国家市场监督管理总局", "State Administration for Market Regulation"),
        ("国家市场监督管理总局网络交易监督管理司", None),
        ("反不正当竞争法", "Anti-Unfair Competition Law"),
        ("网络数据安全管理条例", None),
        ("平台经济", "platform economy"),
        ("内卷", "involution"),
        ("仅退款", "refund-only"),
        ("大数据杀熟", None),
        ("算力网络", None),
        ("数字经济", "digital economy"),
        ("数据要素", "data element"),
        ("十五五", None),
        ("反内卷", "anti-involution"),
    ],
    "tsmc_traditional.txt": [
        ("台积电", "TSMC"),
        ("魏哲家", "C.C. Wei"),
        ("先进封装", "advanced packaging"),
        ("先进制程", "advanced process node"),
        ("新竹科学园区", "Hsinchu Science Park"),
        ("竹南", None),
        ("亚利桑那州", None),
        ("毛利率", "gross margin"),
        ("良率", None),
    ],
    "workplace_jargon.txt": [
        ("996工作制", "996"),
        ("996.ICU", "996.ICU"),
        ("反内卷", "anti-involution"),
        ("打工人", "dagongren"),
        ("大小周", "big-small week"),
        ("摸鱼", "touching fish"),
        ("躺平", "lying flat"),
        ("35岁危机", "35-year-old crisis"),
        ("整顿职场", None),
        ("职场反内卷", None),
        ("00后", "post-00s"),
        ("绩效考核", "performance review"),
        ("降本增效", "cost reduction and efficiency improvement"),
    ],
    "xinghe_results.txt": [
        ("星河智能科技有限公司", None),
        ("星河智能", None),
        ("林晓峰", None),
        ("周雅琴", None),
        ("具身智能机器人", None),
        ("具身智能", "embodied intelligence"),
        ("算力网络", None),
        ("人形机器人", "humanoid robot"),
        ("星河X7", None),
        ("星河S3", None),
        ("天枢", None),
        ("上海证券交易所", "Shanghai Stock Exchange"),
        ("科创板", "STAR Market"),
        ("首席财务官", "chief financial officer"),
        ("算力基础设施", None),
    ],
}
