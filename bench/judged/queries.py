"""The judged queries, by language and kind. Each query is judged either by the names
of what it asks for ("forms": one list of names per concept; a document is relevant
when it names every concept, in any of its names) or, for a reader's phrase, by the
subject its documents were written about ("subject"). build.py applies the judgements
to the corpus and writes queries.jsonl with the relevant ids.

Kinds: exact (the word as the documents write it), traditional (traditional
characters), fullwidth (full-width Latin and digits), synonym (another name or an
abbreviation), phrase (several words a reader types; judged by subject), particle
(Tibetan word with a case particle), tsheg (Tibetan typed with another tsheg or a
shad), spelling (Mongolian typed without selectors or with look-alike letters),
suffix (Mongolian with a plain space before the case suffix)."""

WHO = {
    "zh-hans": ["世界卫生组织", "世卫组织", "WHO"],
    "bo": ["འཛམ་གླིང་འཕྲོད་བསྟེན་ཚོགས་པ", "WHO"],
    "mn": ["ᠳᠡᠯᠡᠬᠡᠢ_ᠶᠢᠨ ᠡᠷᠡᠭᠦᠯ ᠮᠡᠨᠳᠦ_ᠶᠢᠨ ᠪᠠᠢᠭᠤᠯᠤᠯᠭ᠎ᠠ", "WHO"],
}
CPR = {
    "zh-hans": ["心肺复苏", "CPR"],
    "bo": ["སྙིང་གློ་སླར་གསོ", "CPR"],
    "mn": ["ᠵᠢᠷᠦᠬᠡ ᠤᠤᠰᠬᠠ ᠰᠡᠷᠭᠦᠭᠡᠬᠦ", "CPR"],
}
ALTITUDE = {"zh-hans": ["高原反应", "高反", "急性高原病"], "bo": ["ལ་དུག", "ལ་ནད"]}
HYDATID = ["包虫病", "棘球蚴病"]
CARP = ["湟鱼", "青海湖裸鲤"]
SEVEN_STEPS = ["七步洗手法", "7步洗手法"]
PLA = {
    "zh-hans": ["中国人民解放军", "解放军", "人民子弟兵"],
    "bo": ["ཀྲུང་གོ་མི་དམངས་བཅིངས་འགྲོལ་དམག", "བཅིངས་འགྲོལ་དམག"],
    "mn": ["ᠳᠤᠮᠳᠠᠳᠤ ᠤᠯᠤᠰ_ᠤᠨ ᠠᠷᠠᠳ_ᠤᠨ ᠴᠢᠯᠦᠭᠡᠯᠡᠬᠦ ᠴᠡᠷᠢᠭ", "ᠴᠢᠯᠦᠭᠡᠯᠡᠬᠦ ᠴᠡᠷᠢᠭ"],
}


def word(*forms):
    return {"forms": [list(forms)]}


def words(*concepts):
    return {"forms": [list(c) if isinstance(c, list | tuple) else [c] for c in concepts]}


def subject(key):
    return {"subject": key}


ZH = [
    *[
        ("exact", q, word(q))
        for q in (
            "湿地 牦牛 藏羚羊 黑颈鹤 雪豹 高原鼠兔 冰川 鼠疫 旱獭 紫外线 雪盲 地震 余震 雪灾 "
            "暴风雪 山洪 泥石流 急救 国防教育 防空警报 兵役登记 征兵 洗手 晒伤 驱虫"
        ).split()
    ],
    ("exact", "高原反应", word(*ALTITUDE["zh-hans"])),
    ("exact", "包虫病", word(*HYDATID)),
    ("exact", "湟鱼", word(*CARP)),
    ("exact", "心肺复苏", word(*CPR["zh-hans"])),
    ("exact", "世界卫生组织", word(*WHO["zh-hans"])),
    ("exact", "七步洗手法", word(*SEVEN_STEPS)),
    ("traditional", "濕地", word("湿地")),
    ("traditional", "犛牛", word("牦牛")),
    ("traditional", "黑頸鶴", word("黑颈鹤")),
    ("traditional", "湟魚", word(*CARP)),
    ("traditional", "高原反應", word(*ALTITUDE["zh-hans"])),
    ("traditional", "包蟲病", word(*HYDATID)),
    ("traditional", "紫外線", word("紫外线")),
    ("traditional", "雪災", word("雪灾")),
    ("traditional", "暴風雪", word("暴风雪")),
    ("traditional", "心肺復甦", word(*CPR["zh-hans"])),
    ("traditional", "國防教育", word("国防教育")),
    ("traditional", "防空警報", word("防空警报")),
    ("traditional", "兵役登記", word("兵役登记")),
    ("traditional", "徵兵", word("征兵")),
    ("traditional", "旱獺", word("旱獭")),
    ("traditional", "世界衛生組織", word(*WHO["zh-hans"])),
    ("traditional", "餘震", word("余震")),
    ("traditional", "驅蟲", word("驱虫")),
    ("fullwidth", "ＷＨＯ", word(*WHO["zh-hans"])),
    ("fullwidth", "７步洗手法", word(*SEVEN_STEPS)),
    ("fullwidth", "１２０", word("120")),
    ("fullwidth", "ＣＰＲ", word(*CPR["zh-hans"])),
    ("fullwidth", "ＳＰＦ３０", word("SPF30")),
    ("fullwidth", "ＡＥＤ", word("AED")),
    ("fullwidth", "Ｂ超", word("B超")),
    ("fullwidth", "７.４级", word("7.4级")),
    ("fullwidth", "１１０", word("110")),
    ("synonym", "高反", word(*ALTITUDE["zh-hans"])),
    ("synonym", "急性高原病", word(*ALTITUDE["zh-hans"])),
    ("synonym", "棘球蚴病", word(*HYDATID)),
    ("synonym", "青海湖裸鲤", word(*CARP)),
    ("synonym", "WHO", word(*WHO["zh-hans"])),
    ("synonym", "世卫组织", word(*WHO["zh-hans"])),
    ("synonym", "CPR", word(*CPR["zh-hans"])),
    ("synonym", "7步洗手法", word(*SEVEN_STEPS)),
    ("synonym", "解放军", word(*PLA["zh-hans"])),
    ("synonym", "人民子弟兵", word(*PLA["zh-hans"])),
    ("phrase", "牦牛 冬天 吃什么", subject("yak")),
    ("phrase", "冬天牦牛吃什么", subject("yak")),
    ("phrase", "高原 头痛 怎么办", subject("altitude")),
    ("phrase", "雪豹 吃 牛羊 赔偿", subject("leopard")),
    ("phrase", "地震 躲 桌子 下面", subject("quake")),
    ("phrase", "地震时躲在哪里", subject("quake")),
    ("phrase", "山洪 往哪 跑", subject("flood")),
    ("phrase", "狗 驱虫 包虫病", subject("hydatid")),
    ("phrase", "黑颈鹤 冬天 飞 哪里", subject("crane")),
    ("phrase", "藏羚羊 过 公路 停车", subject("antelope")),
    ("phrase", "旱獭 能 吃 吗", subject("plague")),
    ("phrase", "防空警报 响了 怎么办", subject("airraid")),
    ("phrase", "湟鱼 产卵 季节", subject("carp")),
    ("phrase", "防晒霜 多久 涂 一次", subject("uv")),
    ("phrase", "冰川 融化 影响", subject("glacier")),
    ("phrase", "暴风雪 迷路", subject("snow")),
    ("phrase", "兵役登记 网上 办理", subject("draft")),
    ("phrase", "鼠兔为什么多", subject("pika")),
]

BO = [
    *[
        ("exact", q, word(q))
        for q in (
            "ས་རློན གཡག གཙོད ཁྲུང་ཁྲུང་མགྲིན་ནག གསའ ཉ་ཤུན་མེད ཨབ་ར འཁྱགས་རོམ བྱི་རིམས འཕྱི་བ "
            "ཁམ་ཕྱིའི་འོད་སྐུད ས་ཡོམ རྗེས་ཡོམ བུ་ཡུག ཆུ་ལོག ཛ་དྲག་བཅོས་སྐྱོབ རྒྱལ་སྲུང་སློབ་གསོ "
            "མཁའ་སྲུང་ཉེན་བརྡ དམག་ཞབས་ཐོ་འགོད སྦུ་འབུའི་ནད ལག་པ་འཁྲུ ཁ་བའི་མིག་ནད"
        ).split()
    ],
    ("exact", "ལ་དུག", word(*ALTITUDE["bo"])),
    ("exact", "སྙིང་གློ་སླར་གསོ", word(*CPR["bo"])),
    ("particle", "ཨབ་རའི", word("ཨབ་ར")),
    ("particle", "འཕྱི་བའི", word("འཕྱི་བ")),
    ("particle", "གསའ་ཡི", word("གསའ")),
    ("particle", "ས་རློན་གྱི", word("ས་རློན")),
    ("particle", "ཆུ་ལོག་གི", word("ཆུ་ལོག")),
    ("particle", "ས་ཡོམ་གྱི", word("ས་ཡོམ")),
    ("particle", "གཙོད་ཀྱི", word("གཙོད")),
    ("particle", "འཁྱགས་རོམ་གྱི", word("འཁྱགས་རོམ")),
    ("particle", "བུ་ཡུག་ནང", word("བུ་ཡུག")),
    ("particle", "ལ་དུག་གི", word(*ALTITUDE["bo"])),
    ("particle", "གཡག་གིས", word("གཡག")),
    ("particle", "ཁྱི་ལ", word("ཁྱི")),
    ("tsheg", "ས༌ཡོམ", word("ས་ཡོམ")),
    ("tsheg", "གཡག།", word("གཡག")),
    ("tsheg", "ཆུ་ལོག་", word("ཆུ་ལོག")),
    ("tsheg", "ས་རློན།", word("ས་རློན")),
    ("tsheg", "ཁྲུང་ཁྲུང་མགྲིན་ནག་", word("ཁྲུང་ཁྲུང་མགྲིན་ནག")),
    ("tsheg", "འཕྱི༌བ", word("འཕྱི་བ")),
    ("tsheg", "༄༅། །གསའ", word("གསའ")),
    ("fullwidth", "ＷＨＯ", word(*WHO["bo"])),
    ("fullwidth", "ＣＰＲ", word(*CPR["bo"])),
    ("fullwidth", "１２０", word("120")),
    ("fullwidth", "ＳＰＦ３０", word("SPF30")),
    ("fullwidth", "ＡＥＤ", word("AED")),
    ("fullwidth", "１１０", word("110")),
    ("synonym", "ལ་ནད", word(*ALTITUDE["bo"])),
    ("synonym", "WHO", word(*WHO["bo"])),
    ("synonym", "འཛམ་གླིང་འཕྲོད་བསྟེན་ཚོགས་པ", word(*WHO["bo"])),
    ("synonym", "CPR", word(*CPR["bo"])),
    ("synonym", "བཅིངས་འགྲོལ་དམག", word(*PLA["bo"])),
    ("phrase", "གཡག་ དགུན་ཁ་ རྩྭ", subject("yak")),
    ("phrase", "མགོ་ན་ ལ་དུག་ ཅི་བྱ", subject("altitude")),
    ("phrase", "གསའ་ ཕྱུགས་ གུན་གསབ", subject("leopard")),
    ("phrase", "ས་ཡོམ་ ཅོག་ཙེ", subject("quake")),
    ("phrase", "ཆུ་ལོག་ ས་མཐོ", subject("flood")),
    ("phrase", "ཁྱི་ འབུ་སྨན", subject("hydatid")),
    ("phrase", "ཁྲུང་ཁྲུང་ དགུན་ཁ", subject("crane")),
    ("phrase", "གཙོད་ ལམ་ཆེན་ ཁ་ལོ་བ", subject("antelope")),
    ("phrase", "འཕྱི་བ་ ཟ་ ཆོག་གམ", subject("plague")),
    ("phrase", "མཁའ་སྲུང་ ཉེན་བརྡ་ ས་འོག་ཁང", subject("airraid")),
    ("phrase", "ཉ་ སྒོང་ དབྱར་ཁ", subject("carp")),
    ("phrase", "ཉི་འགོག་ཞོ་ མིག་ཤེལ", subject("uv")),
    ("phrase", "འཁྱགས་རོམ་ ཞུ་ཆུ", subject("glacier")),
    ("phrase", "བུ་ཡུག་ ལམ་ནོར", subject("snow")),
    ("phrase", "དམག་ཞབས་ དྲ་ཐོག", subject("draft")),
]

MN = [
    *[
        ("exact", q.replace("+", " "), word(q.replace("+", " ")))
        for q in (
            "ᠨᠣᠶᠢᠲᠠ+ᠭᠠᠵᠠᠷ ᠰᠠᠷᠯᠢᠭ ᠲᠥᠪᠡᠳ+ᠵᠡᠭᠡᠷᠡ ᠢᠷᠪᠢᠰ ᠮᠥᠰᠦᠨ+ᠭᠣᠣᠯ ᠲᠠᠷᠪᠠᠭ᠎ᠠ ᠭᠠᠵᠠᠷ+ᠬᠥᠳᠡᠯᠭᠡᠨ ᠦᠶᠡᠷ "
            "ᠴᠠᠰᠤᠨ+ᠰᠢᠭᠤᠷᠭ᠎ᠠ ᠣᠬᠣᠳᠣᠢ ᠲᠣᠭᠣᠷᠢᠭ᠎ᠠ ᠵᠢᠭᠠᠰᠤ ᠴᠠᠰᠤᠨ+ᠰᠣᠬᠣᠷ ᠲᠠᠷᠪᠠᠭᠠᠨ+ᠲᠠᠬᠠᠯ ᠪᠣᠭᠴᠤ+ᠬᠣᠷᠤᠬᠠᠢ "
            "ᠭᠠᠷ+ᠤᠭᠠᠬᠤ ᠬᠡᠲᠦ+ᠶᠠᠩᠨᠠᠭ+ᠲᠤᠶᠠᠭ᠎ᠠ ᠤᠯᠤᠰ+ᠬᠠᠮᠠᠭᠠᠯᠠᠯᠲᠠ ᠰᠡᠷᠡᠮᠵᠢᠯᠡᠬᠦ+ᠳᠣᠬᠢᠶ᠎ᠠ ᠪᠦᠷᠢᠳᠬᠡᠯ ᠮᠠᠯᠴᠢᠨ"
        ).split()
    ],
    ("exact", "ᠵᠢᠷᠦᠬᠡ ᠤᠤᠰᠬᠠ ᠰᠡᠷᠭᠦᠭᠡᠬᠦ", word(*CPR["mn"])),
    ("spelling", "ᠲᠠᠷᠪᠠᠭᠠ", word("ᠲᠠᠷᠪᠠᠭ᠎ᠠ")),
    ("spelling", "ᠲᠣᠭᠣᠷᠢᠭᠠ", word("ᠲᠣᠭᠣᠷᠢᠭ᠎ᠠ")),
    ("spelling", "ᠮᠥᠰᠤᠨ ᠭᠣᠣᠯ", word("ᠮᠥᠰᠦᠨ ᠭᠣᠣᠯ")),
    ("spelling", "ᠲᠦᠪᠡᠳ ᠵᠡᠭᠡᠷᠡ", word("ᠲᠥᠪᠡᠳ ᠵᠡᠭᠡᠷᠡ")),
    ("spelling", "ᠦᠶᠠᠷ", word("ᠦᠶᠡᠷ")),
    ("spelling", "ᠭᠠᠵᠠᠷ ᠬᠦᠳᠡᠯᠭᠡᠨ", word("ᠭᠠᠵᠠᠷ ᠬᠥᠳᠡᠯᠭᠡᠨ")),
    ("spelling", "ᠣᠬᠤᠳᠤᠢ", word("ᠣᠬᠣᠳᠣᠢ")),
    ("spelling", "ᠰᠠᠷᠯᠢᠬ", word("ᠰᠠᠷᠯᠢᠭ")),
    ("spelling", "ᠴᠠᠰᠣᠨ ᠰᠢᠭᠣᠷᠭᠠ", word("ᠴᠠᠰᠤᠨ ᠰᠢᠭᠤᠷᠭ᠎ᠠ")),
    ("spelling", "ᠮᠢᠨᠦᠲ", word("ᠮᠢᠨᠦ᠋ᠲ")),
    ("spelling", "ᠨᠣᠶᠢᠳᠠ ᠭᠠᠵᠠᠷ", word("ᠨᠣᠶᠢᠲᠠ ᠭᠠᠵᠠᠷ")),
    ("spelling", "ᠵᠢᠭᠠᠰᠣ", word("ᠵᠢᠭᠠᠰᠤ")),
    ("suffix", "ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ ᠤᠨ ᠵᠢᠭᠠᠰᠤ", words("ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ", "ᠵᠢᠭᠠᠰᠤ")),
    ("suffix", "ᠴᠠᠰᠤᠨ ᠤ ᠭᠠᠮᠰᠢᠭ", word("ᠴᠠᠰᠤᠨ_ᠤ ᠭᠠᠮᠰᠢᠭ")),
    ("suffix", "ᠲᠠᠷᠪᠠᠭᠠᠨ ᠲᠠᠬᠠᠯ ᠤᠨ ᠰᠢᠨᠵᠢ ᠲᠡᠮᠳᠡᠭ", words("ᠲᠠᠷᠪᠠᠭᠠᠨ ᠲᠠᠬᠠᠯ", "ᠰᠢᠨᠵᠢ ᠲᠡᠮᠳᠡᠭ")),
    ("suffix", "ᠥᠨᠳᠦᠷᠯᠢᠭ ᠦᠨ ᠡᠪᠡᠳᠴᠢᠨ", word("ᠥᠨᠳᠦᠷᠯᠢᠭ_ᠦᠨ ᠡᠪᠡᠳᠴᠢᠨ")),
    ("suffix", "ᠰᠠᠷᠯᠢᠭ ᠤᠨ ᠰᠦᠦ", word("ᠰᠠᠷᠯᠢᠭ_ᠤᠨ ᠰᠦᠦ")),
    ("suffix", "ᠴᠡᠷᠢᠭ ᠦᠨ ᠠᠯᠪᠠᠨ ᠤ ᠪᠦᠷᠢᠳᠬᠡᠯ", word("ᠴᠡᠷᠢᠭ_ᠦᠨ ᠠᠯᠪᠠᠨ_ᠤ ᠪᠦᠷᠢᠳᠬᠡᠯ")),
    ("suffix", "ᠨᠣᠬᠠᠢ ᠶᠢ", word("ᠨᠣᠬᠠᠢ")),
    ("fullwidth", "ＷＨＯ", word(*WHO["mn"])),
    ("fullwidth", "ＣＰＲ", word(*CPR["mn"])),
    ("fullwidth", "１２０", word("120")),
    ("fullwidth", "ＳＰＦ３０", word("SPF30")),
    ("fullwidth", "ＡＥＤ", word("AED")),
    ("fullwidth", "１１０", word("110")),
    ("synonym", "WHO", word(*WHO["mn"])),
    ("synonym", "ᠳᠡᠯᠡᠬᠡᠢ ᠶᠢᠨ ᠡᠷᠡᠭᠦᠯ ᠮᠡᠨᠳᠦ ᠶᠢᠨ ᠪᠠᠢᠭᠤᠯᠤᠯᠭ᠎ᠠ", word(*WHO["mn"])),
    ("synonym", "CPR", word(*CPR["mn"])),
    ("synonym", "ᠴᠢᠯᠦᠭᠡᠯᠡᠬᠦ ᠴᠡᠷᠢᠭ", word(*PLA["mn"])),
    ("phrase", "ᠰᠠᠷᠯᠢᠭ ᠥᠪᠦᠯ ᠡᠪᠡᠰᠦ", subject("yak")),
    ("phrase", "ᠭᠠᠵᠠᠷ ᠬᠥᠳᠡᠯᠭᠡᠨ ᠱᠢᠷᠡᠭᠡ ᠳᠣᠣᠷ᠎ᠠ", subject("quake")),
    ("phrase", "ᠲᠣᠯᠣᠭᠠᠢ ᠥᠪᠳᠡᠬᠦ ᠥᠨᠳᠦᠷᠯᠢᠭ", subject("altitude")),
    ("phrase", "ᠦᠶᠡᠷ ᠥᠨᠳᠦᠷ ᠭᠠᠵᠠᠷ", subject("flood")),
    ("phrase", "ᠨᠣᠬᠠᠢ ᠬᠣᠷᠤᠬᠠᠢ ᠡᠮ", subject("hydatid")),
    ("phrase", "ᠢᠷᠪᠢᠰ ᠮᠠᠯ ᠬᠣᠬᠢᠷᠠᠯ", subject("leopard")),
    ("phrase", "ᠲᠠᠷᠪᠠᠭ᠎ᠠ ᠢᠳᠡᠵᠦ ᠪᠣᠯᠬᠤ ᠤᠤ", subject("plague")),
    ("phrase", "ᠲᠥᠪᠡᠳ ᠵᠡᠭᠡᠷᠡ ᠵᠠᠮ ᠮᠠᠰᠢᠨ", subject("antelope")),
    ("phrase", "ᠲᠣᠭᠣᠷᠢᠭ᠎ᠠ ᠥᠪᠦᠯ ᠨᠢᠰᠬᠦ", subject("crane")),
    ("phrase", "ᠮᠥᠰᠦᠨ ᠭᠣᠣᠯ ᠤᠰᠤ ᠪᠠᠭᠠᠰᠬᠤ", subject("glacier")),
    ("phrase", "ᠴᠠᠰᠤᠨ ᠰᠢᠭᠤᠷᠭ᠎ᠠ ᠵᠠᠮ ᠠᠯᠳᠠᠬᠤ", subject("snow")),
    ("phrase", "ᠰᠡᠷᠡᠮᠵᠢᠯᠡᠬᠦ ᠳᠣᠬᠢᠶ᠎ᠠ ᠭᠠᠵᠠᠷ ᠳᠣᠣᠷ᠎ᠠ", subject("airraid")),
    ("phrase", "ᠵᠢᠭᠠᠰᠤ ᠦᠷᠡᠵᠢᠬᠦ ᠵᠤᠨ", subject("carp")),
]

QUERIES = {"zh-hans": ZH, "bo": BO, "mn": MN}
