"""Hand-made gold lists for the sample articles in ``samples/``.

``GOLD`` maps each sample's file name to the names and jargon a translator must
render consistently in that article, as ``(english, chinese)`` tuples:

* ``english`` is the canonical ``english`` of the matching entry in the shipped
  ``terms.csv`` when there is one (the article may use a variant of it, e.g.
  "Wu Yongming", "Double 11", "MIIT", "Feishu"); otherwise it is the form used
  in the article.
* ``chinese`` is that entry's simplified Chinese, or ``None`` when the shipped
  glossary has no entry for the term.

Every gold English form, or one of its glossary variants, occurs in the article
text (case-insensitively, possibly as a plural or possessive). For
``smart_china_expo.html`` that means the ``<article>`` body, not the page's
navigation, script or footer. Generic words that happen to be glossary entries
("e-commerce", "chatbot", "CEO", "chip") are deliberately left out.

This module holds data only.
"""

GOLD: dict[str, list[tuple[str, str | None]]] = {
    "alibaba_ceo_letter.md": [
        ("Alibaba Group", "阿里巴巴集团"),
        ("Alibaba", "阿里巴巴"),
        ("Eddie Wu", "吴泳铭"),
        ("Jack Ma", "马云"),
        ("Hangzhou", "杭州"),
        ("Vision Plus Capital", "元璟资本"),
        ("Taobao and Tmall Group", "淘宝天猫集团"),
        ("Daniel Zhang", "张勇"),
        ("Joe Tsai", "蔡崇信"),
        ("user first", "用户为先"),
        ("AI-driven", "AI驱动"),
        ("start-up mindset", "创业心态"),
        ("Alibaba Cloud", "阿里云"),
        ("Tongyi Qianwen", "通义千问"),
        ("large language model", "大语言模型"),
        ("six business groups", "六大业务集团"),
        ("Cloud Intelligence Group", "阿里云智能集团"),
        ("Cainiao", "菜鸟"),
        ("post-85s", "85后"),
        ("post-90s", "90后"),
    ],
    "smart_china_expo.html": [
        ("Smart China Expo", "中国国际智能产业博览会"),
        ("Chongqing", "重庆"),
        ("Liangjiang New Area", "两江新区"),
        ("Ministry of Industry and Information Technology", "工业和信息化部"),
        ("new quality productive forces", "新质生产力"),
        ("computing power", "算力"),
        ("large model", "大模型"),
        ("Baidu", "百度"),
        ("Ernie Bot", "文心一言"),
        ("Tencent", "腾讯"),
        ("Hunyuan", "混元"),
        ("ByteDance", "字节跳动"),
        ("Doubao", "豆包"),
        ("Huawei", "华为"),
        ("Seres", "赛力斯"),
        ("Aito", "问界"),
        ("Changan Automobile", "长安汽车"),
        ("intelligent connected vehicles", None),
        ("Xiaomi", "小米"),
        ("humanoid robot", "人形机器人"),
    ],
    "singles_day.txt": [
        ("Singles' Day", "双十一"),
        ("Alibaba", "阿里巴巴"),
        ("Taobao", "淘宝"),
        ("Tmall", "天猫"),
        ("JD.com", "京东"),
        ("Pinduoduo", "拼多多"),
        ("88VIP", "88VIP"),
        ("gross merchandise volume", "商品交易总额"),
        ("618 shopping festival", "618"),
        ("livestream selling", "直播带货"),
        ("Douyin", "抖音"),
        ("Li Jiaqi", "李佳琦"),
        ("involution", "内卷"),
        ("refund-only", "仅退款"),
        ("State Administration for Market Regulation", "国家市场监督管理总局"),
        ("Cainiao", "菜鸟"),
        ("State Post Bureau", "国家邮政局"),
        ("Alipay", "支付宝"),
        ("Temu", "Temu"),
    ],
    "workplace_culture.txt": [
        ("996", "996工作制"),
        ("996.ICU", "996.ICU"),
        ("Alibaba", "阿里巴巴"),
        ("Jack Ma", "马云"),
        ("fubao", "福报"),
        ("Ministry of Human Resources and Social Security", "人力资源和社会保障部"),
        ("Supreme People's Court", "最高人民法院"),
        ("common prosperity", "共同富裕"),
        ("Kuaishou", "快手"),
        ("ByteDance", "字节跳动"),
        ("big-small week", "大小周"),
        ("Meituan", "美团"),
        ("involution", "内卷"),
        ("lying flat", "躺平"),
        ("post-90s", "90后"),
        ("post-00s", "00后"),
        ("optimization", "优化"),
        ("35-year-old crisis", "35岁危机"),
        ("DingTalk", "钉钉"),
        ("Lark", "飞书"),
    ],
}

# Every Chinese form the dictionary proposes for a new candidate in the top 30 of a sample article, checked
# by hand: (sample, english in lower case) → the proposal a reader accepts. A proposal missing here, or
# another Chinese for one of these, fails the test (tests/test_sample_quality.py): a wrong Chinese shown
# with confidence is worse than none. 分销店 and 电脑语言 are CC-CEDICT's own first senses, less usual
# than 零售店 and 编程语言 but not wrong.
NEW_PROPOSALS: dict[tuple[str, str], str] = {
    ("huawei_developer_conference.md", "programming language"): "电脑语言",
    ("huawei_developer_conference.md", "press release"): "新闻稿",
    ("huawei_developer_conference.md", "operating system"): "操作系统",
    ("singles_day.txt", "fair competition"): "公平竞争",
    ("singles_day.txt", "social science"): "社会科学",
    ("smart_china_expo.html", "opening ceremony"): "开幕式",
    ("workplace_culture.txt", "product managers"): "产品经理",
    ("workplace_culture.txt", "middle class"): "中产阶级",
    ("workplace_culture.txt", "intensive care unit"): "重症监护室",  # CC-CEDICT 'intensive care unit (ICU)'
    ("xiaomi_press_release.txt", "retail stores"): "分销店",
    ("xiaomi_press_release.txt", "press release"): "新闻稿",
    ("xiaomi_press_release.txt", "operating system"): "操作系统",
}
