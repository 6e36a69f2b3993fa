"""A labelled set for calibrating and testing lookup's fuzzy fallback on the shipped glossary.

``MISSPELLINGS`` pairs a misspelt query with the canonical ``english`` of the shipped entry it means:
transpositions, missing, doubled and wrong letters, wrong pinyin spellings (a missing or extra
*g* or *n*, a wrong vowel), misspelt multi-word terms and people, and misspelt single words of
multi-word names. None of them finds anything by exact, prefix or substring lookup.

``NONSENSE`` holds made-up strings and ordinary English words that occur in no field of any shipped
entry (checked against terms.csv, case-insensitively): a lookup of them must find nothing.

``CHINESE_MISSPELLINGS`` and ``CHINESE_NONSENSE`` do the same for Chinese queries: a character typed
wrong by a pinyin input method (a homophone), against everyday words of three or more characters.

This module holds data only.
"""

MISSPELLINGS: list[tuple[str, str]] = [
    # companies and products: transpositions, missing and doubled letters
    ("Tencnet", "Tencent"), ("Huawie", "Huawei"), ("Xaiomi", "Xiaomi"), ("Alibbaba", "Alibaba"),
    ("Alibaba Clod", "Alibaba Cloud"), ("Pinduodou", "Pinduoduo"), ("Bytedacne", "ByteDance"),
    ("Meitaun", "Meituan"), ("Kuaishuo", "Kuaishou"), ("Bilibilli", "Bilibili"), ("Douyn", "Douyin"),
    ("Nvidai", "Nvidia"), ("Qualcoom", "Qualcomm"), ("Samsnug", "Samsung"), ("Microsfot", "Microsoft"),
    ("DeepSeak", "DeepSeek"), ("Moonshot IA", "Moonshot AI"), ("Hikvison", "Hikvision"), ("Lenvo", "Lenovo"),
    ("Cambricorn", "Cambricon"), ("HarmoneyOS", "HarmonyOS"), ("DingTallk", "DingTalk"),
    ("AliExprss", "AliExpress"), ("Freshipo", "Freshippo"), ("Cainaio", "Cainiao"), ("Shien", "Shein"),
    ("Tencent Clowd", "Tencent Cloud"), ("Ant Grup", "Ant Group"),
    ("Alibaba Clud Intelligence", "Cloud Intelligence Group"),  # the start of a long name, misspelt
    # pinyin names and places: wrong spellings
    ("Tongyi Qianwn", "Tongyi Qianwen"), ("tongyi qiangwen", "Tongyi Qianwen"),
    ("tong yi qiang wen", "Tongyi Qianwen"), ("Tongyi Qienwen", "Tongyi Qianwen"), ("Qianwn", "Tongyi Qianwen"),
    ("Xiaohongshou", "Xiaohongshu"), ("Hongmneg", "HarmonyOS"), ("Wenxin Yiyang", "Ernie Bot"),
    ("neijun", "involution"), ("chonqing", "Chongqing"), ("Shenzen", "Shenzhen"), ("Guangzou", "Guangzhou"),
    ("Hangzou", "Hangzhou"), ("Beijng", "Beijing"), ("Shanghia", "Shanghai"), ("Zhongguangcun", "Zhongguancun"),
    ("Zhejaing", "Zhejiang"), ("Xinjang", "Xinjiang"),
    # people
    ("Eddie Wuu", "Eddie Wu"), ("Wu Yonming", "Eddie Wu"), ("Jak Ma", "Jack Ma"), ("Ma Huatang", "Pony Ma"),
    ("Huatang", "Pony Ma"), ("Ren Zhenfei", "Ren Zhengfei"), ("Zhang Yimng", "Zhang Yiming"),
    ("Liang Wenfeg", "Liang Wenfeng"), ("Xi Jingping", "Xi Jinping"), ("Li Keqaing", "Li Keqiang"),
    ("Jensen Haung", "Jensen Huang"), ("Mark Zuckerburg", "Mark Zuckerberg"), ("Zuckerburg", "Mark Zuckerberg"),
    ("Elon Muks", "Elon Musk"), ("Masayoshi Sun", "Masayoshi Son"), ("Wang Xign", "Wang Xing"),
    ("Robbin Li", "Robin Li"),
    # events and jargon
    ("Singels Day", "Singles' Day"), ("Spring Festivel", "Spring Festival"),
    ("Boao Froum for Asia", "Boao Forum for Asia"), ("involutoin", "involution"),
    ("comon prosperity", "common prosperity"), ("artifical intelligence", "artificial intelligence"),
    ("large langauge model", "large language model"), ("semiconducter", "semiconductor"),
    ("cryptocurency", "cryptocurrency"),
]

NONSENSE: list[str] = [
    # made up, or keyboard rows
    "blorptastic", "qwertyuiop", "glorbnax", "zxcvbnm", "asdfghjkl", "flibbertigibbet", "snickerdoodle",
    # everyday English
    "banana", "keyboard", "giraffe", "sandwich", "umbrella", "pancake", "trombone", "zebra", "penguin",
    "spaghetti", "saxophone", "cucumber", "elephant", "kangaroo", "bicycle", "lighthouse", "marmalade",
    "dinosaur", "butterfly", "tomato", "avocado", "hamburger", "flamingo", "snorkel", "wobble", "pickle",
    "doorknob", "toothbrush", "cabbage", "walrus", "pineapple", "grapefruit", "hedgehog", "octopus",
    "mushroom", "xylophone", "jellybean", "waffle", "noodle", "crayon", "lollipop", "parrot", "tortoise",
    "chimney", "harmonica", "quokka", "platypus", "kettle", "carpet", "blanket", "ladder", "garlic", "onion",
    "pretzel", "muffin", "cupcake", "teapot", "sofa", "igloo", "llama", "otter", "raccoon", "badger",
    "moose", "squirrel", "beetle", "tulip", "daisy", "mango", "lemon", "pencil", "horse", "tiger", "piano",
    "cookie",
]

CHINESE_MISSPELLINGS: list[tuple[str, str]] = [
    ("吴泳明", "Eddie Wu"), ("马化藤", "Pony Ma"), ("任正飞", "Ren Zhengfei"), ("张一明", "Zhang Yiming"),
    ("习进平", "Xi Jinping"), ("李彦红", "Robin Li"), ("小红薯", "Xiaohongshu"), ("字节条动", "ByteDance"),
    ("通义千文", "Tongyi Qianwen"), ("阿里巴吧", "Alibaba"),
]

CHINESE_NONSENSE: list[str] = [
    "长颈鹿", "三明治", "自行车", "西红柿", "巧克力", "冰淇淋", "图书馆", "动物园", "火车站", "洗衣机",
    "电冰箱", "棒棒糖", "向日葵", "萤火虫", "圣诞节", "生日快乐", "大熊猫", "牛肉面", "羽毛球", "北京烤鸭",
    "人工湖", "飞机场", "小笼包", "足球场", "电视机",
    "香蕉", "熊猫", "老虎",  # two characters, one shared with an entry (香港, 天猫, 老板)
]
