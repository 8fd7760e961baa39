"""Demo values of the site identity (content/models/identity.py), and the about page and
privacy notice in the three languages.

``seed_identity()`` is idempotent: it creates the two pages where missing and fills
the identity's empty fields; what an administrator has set stays. The organisations,
address, telephone, e-mail and filing numbers are DEMO values: they look like the real
thing so the footer can be judged, and the operator replaces them in the admin
(设置 → 网站标识与备案, docs/operators.md). The filing numbers end in zeros and the
admin's help text calls them placeholders.

The privacy notice says what this software keeps (reading-mode cookies, the offline
copies on the reader's phone, server logs, editors' login records) and for how long;
change it if a deployment keeps more. The Tibetan and Mongolian texts need review by
native speakers before a launch.
"""

from django.db import transaction

from wagtail.models import Locale, Site

from cms import languages
from cms.scripts import PLAIN_SPACE_BEFORE_SUFFIX
from cms.translated_fields import column
from content import publish_gate
from content.models import HomePage, InfoPage, SiteIdentity

DEMO = {
    "sponsor": {
        "zh-hans": "青海省科学技术协会",
        "bo": "མཚོ་སྔོན་ཞིང་ཆེན་ཚན་རིག་ལག་རྩལ་མཉམ་འབྲེལ་ཚོགས་པ",
        "mn": "ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ ᠮᠤᠵᠢ ᠶᠢᠨ ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠲᠧᠬᠨᠢᠭ ᠦᠨ ᠬᠣᠯᠪᠣᠭ᠎ᠠ",
    },
    "organiser": {
        "zh-hans": "青海省科普信息中心",
        "bo": "མཚོ་སྔོན་ཞིང་ཆེན་ཚན་རིག་དར་སྤེལ་ཆ་འཕྲིན་ལྟེ་གནས",
        "mn": "ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ ᠮᠤᠵᠢ ᠶᠢᠨ ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠳᠡᠯᠭᠡᠷᠡᠭᠦᠯᠬᠦ ᠮᠡᠳᠡᠭᠡ ᠶᠢᠨ ᠲᠥᠪ",
    },
    "address": {
        "zh-hans": "青海省西宁市城西区（演示地址） 邮编 810000",
        "bo": "མཚོ་སྔོན་ཞིང་ཆེན་ཟི་ལིང་གྲོང་ཁྱེར། སྦྲག་ཨང 810000",
        "mn": "ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ ᠮᠤᠵᠢ ᠶᠢᠨ ᠰᠢᠨᠢᠩ ᠬᠣᠲᠠ ᠂ ᠱᠤᠤᠳᠠᠨ ᠤ ᠳ᠋ᠤᠭᠠᠷ 810000",
    },
}
DEMO_PLAIN = {
    "phone": "0971-0000000",
    "email": "kepu@example.cn",
    "icp_number": "青ICP备2026000000号-1",
    "police_number": "青公网安备 63010202000000号",
}


def _mongolian(text):
    """Case suffixes joined by U+202F, as the glossary writes them."""
    return PLAIN_SPACE_BEFORE_SUFFIX.sub("\u202f", text)


# (title, blocks): ("h", heading) or ("p", rich text HTML).
ABOUT = {
    "zh-hans": (
        "关于我们",
        [
            (
                "p",
                "<p>青海科普是面向青海农牧区群众的科普网站，用中文、藏文和蒙古文发布生态环保、健康、应急避险和国防教育方面的科学知识。</p>",
            ),
            (
                "p",
                "<p>每篇文章都经过编辑部审核和科学审核后才发布。三种语言的版本由各自的编辑团队撰写、翻译和审核。</p>",
            ),
            ("p", "<p>本网站的主办单位、承办单位和联系方式列在每个页面的底部。</p>"),
        ],
    ),
    "bo": (
        "ང་ཚོའི་སྐོར",
        [
            (
                "p",
                "<p>མཚོ་སྔོན་ཚན་རིག་དར་སྤེལ་ནི་མཚོ་སྔོན་གྱི་ཞིང་འབྲོག་ས་ཁུལ་གྱི་མང་ཚོགས་ལ་དམིགས་པའི་ཚན་རིག་དར་སྤེལ་དྲ་ཚིགས་ཤིག་ཡིན། ང་ཚོས་རྒྱ་ཡིག་དང་བོད་ཡིག་སོག་ཡིག་བཅས་ཀྱིས་སྐྱེ་ཁམས་དང་ཁོར་ཡུག་སྲུང་སྐྱོབ། བདེ་ཐང་། ཛ་དྲག་ཐབས་འཁོས་དང་ཉེན་ཁ་ལས་གཡོལ་བ། རྒྱལ་སྲུང་སློབ་གསོ་བཅས་ཀྱི་ཚན་རིག་ཤེས་བྱ་འགྲེམས་སྤེལ་བྱེད།</p>",
            ),
            (
                "p",
                "<p>རྩོམ་ཡིག་རེ་རེ་རྩོམ་སྒྲིག་ཁང་དང་ཚན་རིག་ཞིབ་བཤེར་བས་ཞིབ་བཤེར་བྱས་རྗེས་འགྲེམས་སྤེལ་བྱེད། སྐད་ཡིག་སོ་སོའི་རྩོམ་ཡིག་ནི་རང་རང་གི་རྩོམ་སྒྲིག་རུ་ཁག་གིས་འབྲི་བ་དང་སྒྱུར་བ། ཞིབ་བཤེར་བཅས་བྱེད།</p>",
            ),
            (
                "p",
                "<p>དྲ་ཚིགས་འདིའི་གཙོ་སྒྲིག་ལས་ཁུངས་དང་འགན་ལེན་ལས་ཁུངས། འབྲེལ་གཏུག་བྱེད་ཐབས་བཅས་ཤོག་ངོས་རེ་རེའི་མཇུག་ཏུ་གསལ།</p>",
            ),
        ],
    ),
    "mn": (
        "ᠪᠢᠳᠡᠨ ᠦ ᠲᠤᠬᠠᠢ",
        [
            (
                "p",
                "<p>ᠡᠨᠡ ᠰᠦᠯᠵᠢᠶᠡᠨ ᠥᠷᠲᠡᠭᠡ ᠬᠥᠬᠡ ᠨᠠᠭᠤᠷ ᠤᠨ ᠲᠠᠷᠢᠶᠠᠯᠠᠩ ᠮᠠᠯᠵᠢᠯ ᠤᠨ ᠣᠷᠣᠨ ᠤ ᠠᠷᠠᠳ ᠲᠦᠮᠡᠨ ᠳᠦ ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠤ ᠮᠡᠳᠡᠯᠭᠡ ᠬᠦᠷᠭᠡᠨ᠎ᠡ ᠃ ᠬᠢᠲᠠᠳ ᠂ ᠲᠥᠪᠡᠳ ᠂ ᠮᠣᠩᠭᠣᠯ ᠭᠤᠷᠪᠠᠨ ᠬᠡᠯᠡ ᠪᠢᠴᠢᠭ ᠢᠶᠡᠷ ᠡᠺᠣᠯᠣᠭᠢ ᠪᠠ ᠣᠷᠴᠢᠨ ᠲᠣᠭᠣᠷᠢᠨ ᠢ ᠬᠠᠮᠠᠭᠠᠯᠠᠬᠤ ᠂ ᠡᠷᠡᠭᠦᠯ ᠮᠡᠨᠳᠦ ᠂ ᠶᠠᠭᠠᠷᠠᠯᠲᠠᠢ ᠪᠠᠶᠢᠳᠠᠯ ᠳᠤ ᠠᠶᠤᠯ ᠠᠴᠠ ᠵᠠᠶᠢᠯᠠᠬᠤ ᠂ ᠤᠯᠤᠰ ᠬᠠᠮᠠᠭᠠᠯᠠᠯᠲᠠ ᠶᠢᠨ ᠬᠦᠮᠦᠵᠢᠯ ᠤᠨ ᠮᠡᠳᠡᠯᠭᠡ ᠶᠢ ᠨᠡᠶᠢᠲᠡᠯᠡᠨ᠎ᠡ ᠃</p>",
            ),
            (
                "p",
                "<p>ᠥᠭᠦᠯᠡᠯ ᠪᠦᠷᠢ ᠨᠠᠢᠷᠠᠭᠤᠯᠬᠤ ᠬᠡᠯᠲᠡᠰ ᠪᠠ ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ ᠤ ᠬᠢᠨᠠᠨ ᠬᠠᠷᠭᠤᠭᠤᠯᠤᠭᠴᠢ ᠶᠢᠨ ᠬᠢᠨᠠᠯᠲᠠ ᠶᠢ ᠳᠠᠭᠠᠵᠤ ᠨᠡᠶᠢᠲᠡᠯᠡᠭᠳᠡᠨ᠎ᠡ ᠃</p>",
            ),
            (
                "p",
                "<p>ᠡᠨᠡ ᠰᠦᠯᠵᠢᠶᠡᠨ ᠥᠷᠲᠡᠭᠡ ᠶᠢ ᠡᠷᠬᠢᠯᠡᠨ ᠶᠠᠪᠤᠭᠤᠯᠤᠭᠴᠢ ᠪᠠ ᠬᠠᠷᠢᠭᠤᠴᠠᠨ ᠶᠠᠪᠤᠭᠤᠯᠤᠭᠴᠢ ᠨᠢᠭᠡᠴᠡ ᠂ ᠬᠠᠷᠢᠯᠴᠠᠬᠤ ᠠᠷᠭ᠎ᠠ ᠨᠢ ᠬᠤᠤᠳᠠᠰᠤ ᠪᠦᠷᠢ ᠶᠢᠨ ᠡᠴᠦᠰ ᠲᠦ ᠪᠤᠢ ᠃</p>",
            ),
        ],
    ),
}

PRIVACY = {
    "zh-hans": (
        "隐私声明",
        [
            ("p", "<p>阅读本网站不需要注册或登录。我们不使用任何访问统计、广告或第三方跟踪工具；网页用到的字体、脚本和图片都来自本网站自己的服务器。</p>"),
            ("h", "我们保存什么、为什么、保存多久"),
            ("p", "<p><b>阅读偏好。</b>只有当您点击页面底部的“省流量：只看文字”或“大字号”时，您的浏览器才会保存一个小 Cookie（kepu_lite 或 kepu_large），内容只有“1”或“0”，用来在下次打开时记住您的选择。它不含任何能识别您的信息，不用于统计，一年后自动失效；再点一次即可切换回来，也可以在浏览器设置中随时清除。</p>"),
            ("p", "<p><b>离线阅读。</b>为了在没有网络时也能阅读，浏览器会在您的手机里保存最近打开或您选择保存的文章（各最多 50 篇）。这些内容只在您的手机上，不会发送给我们；清除浏览器中本网站的数据即可删除。</p>"),
            ("p", "<p><b>服务器日志。</b>您访问时，我们的服务器记录：IP 地址、时间、所访问的网址（包括您输入的搜索词）、响应状态、数据量和一个请求编号，不记录浏览器型号和来源页面。日志只用于保障网站安全和排查故障，不用于识别个人，除法律规定外不提供给任何人。按照《中华人民共和国网络安全法》的要求，日志保存六个月，期满后删除。</p>"),
            ("h", "编辑和管理人员"),
            ("p", "<p>登录后台时，网站使用一个登录 Cookie，退出或关闭浏览器后失效。为防止有人猜测密码，登录失败的 IP 地址在最后一次失败后保存一天；成功登录过某个账号的 IP 地址保存 90 天，以便本人登录不受限制。</p>"),
            ("h", "联系我们"),
            ("p", "<p>如对本声明有疑问，或希望查询、删除与您有关的记录，请通过页面底部的电子邮箱或电话与我们联系。</p>"),
        ],
    ),
    "bo": (
        "སྒེར་གྱི་གསང་དོན་གསལ་བསྒྲགས",
        [
            ("p", "<p>དྲ་ཚིགས་འདི་ཀློག་པར་ཐོ་འགོད་དང་ནང་འཛུལ་མི་དགོས། ང་ཚོས་ལྟ་བཤེར་གྲངས་རྩིས་དང་རྒྱང་བསྒྲགས། ཕྱི་ཕྱོགས་ཀྱི་རྗེས་འདེད་ལག་ཆ་གང་ཡང་བཀོལ་སྤྱོད་མི་བྱེད། ཤོག་ངོས་ཀྱི་ཡིག་གཟུགས་དང་བརྙན་རིས་ཚང་མ་དྲ་ཚིགས་འདི་རང་གི་ཞབས་ཞུ་ཆས་ནས་ཡོང་།</p>"),
            ("h", "ང་ཚོས་ཅི་ཞིག་ཉར་བ་དང་། ཅིའི་ཕྱིར། ཡུན་ཇི་ཙམ"),
            ("p", "<p><b>ཀློག་སྟངས་འདེམས་པ།</b> ཁྱེད་ཀྱིས་ཤོག་ངོས་མཇུག་གི་ཀློག་སྟངས་འདེམས་སྒོ་མནན་ན་ཁོ་ན་ལྟ་ཆས་ནང་དུ་ཐོ་ཆུང་ཞིག་ཉར་ནས་ཁྱེད་ཀྱི་འདེམས་ཀ་དྲན་པར་བྱེད། དེའི་ནང་ཁྱེད་ངོས་འཛིན་ཐུབ་པའི་ཆ་འཕྲིན་གང་ཡང་མེད། གྲངས་རྩིས་ལ་མི་སྤྱོད། ལོ་གཅིག་རྗེས་རང་འགུལ་གྱིས་ནུས་མེད་དུ་འགྱུར། ཡང་བསྐྱར་མནན་ན་སྔར་བཞིན་ལོག་ཐུབ།</p>"),
            ("p", "<p><b>དྲ་མེད་ཀློག་པ།</b> དྲ་རྒྱ་མེད་སྐབས་ཀྱང་ཀློག་ཐུབ་པའི་ཆེད་དུ། ཁྱེད་ཀྱིས་ཉེ་ཆར་ཁ་ཕྱེ་བའམ་ཉར་བའི་རྩོམ་ཡིག་(རེ་རེར་ཆེས་མང་ན་50)ཁྱེད་རང་གི་ཁ་པར་ནང་ཁོ་ནར་ཉར་ཞིང་ང་ཚོར་མི་གཏོང་། ལྟ་ཆས་ནང་གི་དྲ་ཚིགས་འདིའི་གཞི་གྲངས་བསུབ་ན་མེད་པར་འགྱུར།</p>"),
            ("p", "<p><b>ཞབས་ཞུ་ཆས་ཀྱི་ཉིན་ཐོ།</b> ཁྱེད་ཀྱིས་ལྟ་སྐབས་ང་ཚོའི་ཞབས་ཞུ་ཆས་ཀྱིས་དྲ་རྒྱའི་ཁ་བྱང་དང་དུས་ཚོད། ལྟ་བའི་ཤོག་ངོས་ཀྱི་ཁ་བྱང་(འཚོལ་ཞིབ་ཀྱི་ཚིག་ཀྱང་ཚུད)། ལན་གྱི་གནས་སྟངས་བཅས་ཐོ་འགོད་བྱེད། འདི་དག་དྲ་ཚིགས་ཀྱི་བདེ་འཇགས་དང་སྐྱོན་འཚོལ་ཁོ་ནའི་ཆེད་དུ་སྤྱོད་ཅིང་མི་སུ་ཡིན་ངོས་འཛིན་པར་མི་སྤྱོད། ཁྲིམས་ལུགས་ལྟར་ཟླ་བ་དྲུག་ཉར་རྗེས་བསུབ།</p>"),
            ("h", "རྩོམ་སྒྲིག་པ་དང་དོ་དམ་པ"),
            ("p", "<p>རྒྱབ་སྟེགས་སུ་ནང་འཛུལ་བྱེད་སྐབས་ནང་འཛུལ་ཐོ་ཆུང་ཞིག་བཀོལ་ཞིང་ཕྱིར་ཐོན་རྗེས་ནུས་མེད་དུ་འགྱུར། གསང་གྲངས་ཚོད་དཔག་འགོག་ཆེད་ནང་འཛུལ་ཕམ་པའི་དྲ་རྒྱའི་ཁ་བྱང་ཉིན་གཅིག་ཉར། ནང་འཛུལ་ལེགས་གྲུབ་བྱུང་བའི་ཁ་བྱང་ཉིན་90ཉར།</p>"),
            ("h", "འབྲེལ་གཏུག"),
            ("p", "<p>གསལ་བསྒྲགས་འདིའི་སྐོར་དྲི་བ་ཡོད་ན། ཡང་ན་ཁྱེད་དང་འབྲེལ་བའི་ཐོ་འགོད་ལྟ་བའམ་བསུབ་འདོད་ན། ཤོག་ངོས་མཇུག་གི་གློག་འཕྲིན་ནམ་ཁ་པར་བརྒྱུད་ང་ཚོར་འབྲེལ་བ་གནང་རོགས།</p>"),
        ],
    ),
    "mn": (
        "ᠬᠤᠪᠢ ᠬᠦᠮᠦᠨ ᠦ ᠨᠢᠭᠤᠴᠠ ᠶᠢᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ",
        [
            ("p", "<p>ᠡᠨᠡ ᠰᠦᠯᠵᠢᠶᠡᠨ ᠥᠷᠲᠡᠭᠡ ᠶᠢ ᠤᠩᠰᠢᠬᠤ ᠳᠤ ᠪᠦᠷᠢᠳᠬᠡᠯ ᠬᠡᠷᠡᠭ ᠦᠭᠡᠢ ᠃ ᠪᠢᠳᠡ ᠣᠷᠣᠯᠴᠠᠭᠰᠠᠳ ᠤᠨ ᠲᠣᠭ᠎ᠠ ᠪᠦᠷᠢᠳᠬᠡᠯ ᠂ ᠵᠠᠷ ᠤᠷᠤᠰᠬᠠᠯ ᠂ ᠭᠠᠳᠠᠨᠠᠬᠢ ᠮᠥᠷᠳᠡᠯᠲᠡ ᠶᠢᠨ ᠪᠠᠭᠠᠵᠢ ᠬᠡᠷᠡᠭᠯᠡᠬᠦ ᠦᠭᠡᠢ ᠃ ᠦᠰᠦᠭ ᠦᠨ ᠬᠡᠯᠪᠡᠷᠢ ᠪᠠ ᠵᠢᠷᠤᠭ ᠪᠦᠬᠦ ᠨᠢ ᠡᠨᠡ ᠰᠦᠯᠵᠢᠶᠡᠨ ᠥᠷᠲᠡᠭᠡ ᠶᠢᠨ ᠥᠪᠡᠷ ᠤᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠴᠢ ᠮᠠᠰᠢᠨ ᠠᠴᠠ ᠢᠷᠡᠳᠡᠭ ᠃</p>"),
            ("h", "ᠪᠢᠳᠡ ᠶᠠᠮᠠᠷ ᠮᠡᠳᠡᠭᠡ ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ ᠪᠤᠢ"),
            ("p", "<p><b>ᠤᠩᠰᠢᠬᠤ ᠬᠡᠯᠪᠡᠷᠢ ᠃</b> ᠲᠠ ᠬᠤᠤᠳᠠᠰᠤ ᠶᠢᠨ ᠡᠴᠦᠰ ᠲᠦᠬᠢ ᠤᠩᠰᠢᠬᠤ ᠬᠡᠯᠪᠡᠷᠢ ᠶᠢ ᠰᠣᠩᠭᠣᠪᠠᠯ ᠯᠠ ᠂ ᠬᠠᠢᠭᠤᠷ ᠲᠤ ᠵᠢᠵᠢᠭ ᠲᠡᠮᠳᠡᠭᠯᠡᠯ ᠬᠠᠳᠠᠭᠠᠯᠠᠵᠤ ᠲᠠᠨ ᠤ ᠰᠣᠩᠭᠣᠯᠲᠠ ᠶᠢ ᠰᠠᠨᠠᠨ᠎ᠠ ᠃ ᠲᠡᠭᠦᠨ ᠳᠦ ᠲᠠᠨ ᠢ ᠲᠠᠨᠢᠬᠤ ᠮᠡᠳᠡᠭᠡ ᠦᠭᠡᠢ ᠂ ᠲᠣᠭ᠎ᠠ ᠪᠦᠷᠢᠳᠬᠡᠯ ᠳᠦ ᠬᠡᠷᠡᠭᠯᠡᠬᠦ ᠦᠭᠡᠢ ᠂ ᠨᠢᠭᠡ ᠵᠢᠯ ᠤᠨ ᠳᠠᠷᠠᠭ᠎ᠠ ᠠᠶᠠᠨᠳᠠᠭᠠ ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ ᠪᠣᠯᠤᠨ᠎ᠠ ᠃</p>"),
            ("p", "<p><b>ᠰᠦᠯᠵᠢᠶ᠎ᠡ ᠦᠭᠡᠢ ᠤᠩᠰᠢᠬᠤ ᠃</b> ᠲᠠᠨ ᠤ ᠰᠠᠶᠢᠬᠠᠨ ᠨᠡᠭᠡᠭᠡᠭᠰᠡᠨ ᠪᠤᠶᠤ ᠬᠠᠳᠠᠭᠠᠯᠠᠭᠰᠠᠨ ᠥᠭᠦᠯᠡᠯ ( ᠲᠤᠰ ᠪᠦᠷᠢ 50 ᠬᠦᠷᠲᠡᠯ᠎ᠡ ) ᠵᠥᠪᠬᠡᠨ ᠲᠠᠨ ᠤ ᠭᠠᠷ ᠤᠲᠠᠰᠤᠨ ᠳᠤ ᠬᠠᠳᠠᠭᠠᠯᠠᠭᠳᠠᠬᠤ ᠪᠥᠭᠡᠳ ᠪᠢᠳᠡᠨ ᠳᠦ ᠢᠯᠡᠭᠡᠭᠳᠡᠬᠦ ᠦᠭᠡᠢ ᠃ ᠬᠠᠢᠭᠤᠷ ᠲᠤᠬᠢ ᠡᠨᠡ ᠰᠦᠯᠵᠢᠶᠡᠨ ᠥᠷᠲᠡᠭᠡ ᠶᠢᠨ ᠮᠡᠳᠡᠭᠡ ᠶᠢ ᠠᠷᠢᠯᠭᠠᠪᠠᠯ ᠤᠰᠠᠳᠬᠠᠭᠳᠠᠨ᠎ᠠ ᠃</p>"),
            ("p", "<p><b>ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠴᠢ ᠮᠠᠰᠢᠨ ᠤ ᠲᠡᠮᠳᠡᠭᠯᠡᠯ ᠃</b> ᠲᠠ ᠣᠷᠣᠬᠤ ᠦᠶ᠎ᠡ ᠳᠦ ᠪᠢᠳᠡᠨ ᠦ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠴᠢ ᠮᠠᠰᠢᠨ ᠰᠦᠯᠵᠢᠶᠡᠨ ᠦ ᠬᠠᠶᠢᠭ ᠂ ᠴᠠᠭ ᠬᠤᠭᠤᠴᠠᠭ᠎ᠠ ᠂ ᠤᠩᠰᠢᠭᠰᠠᠨ ᠬᠤᠤᠳᠠᠰᠤ ᠶᠢᠨ ᠬᠠᠶᠢᠭ ( ᠡᠷᠢᠭᠰᠡᠨ ᠦᠭᠡ ᠶᠢ ᠣᠷᠣᠭᠤᠯᠵᠤ ) ᠂ ᠬᠠᠷᠢᠭᠤ ᠶᠢᠨ ᠪᠠᠶᠢᠳᠠᠯ ᠢ ᠲᠡᠮᠳᠡᠭᠯᠡᠨ᠎ᠡ ᠃ ᠡᠳᠡᠭᠡᠷ ᠢ ᠵᠥᠪᠬᠡᠨ ᠠᠶᠤᠯᠭᠦᠢ ᠪᠠᠶᠢᠳᠠᠯ ᠪᠠ ᠠᠯᠳᠠᠭ᠎ᠠ ᠵᠠᠰᠠᠬᠤ ᠳᠤ ᠬᠡᠷᠡᠭᠯᠡᠬᠦ ᠪᠥᠭᠡᠳ ᠬᠦᠮᠦᠨ ᠢ ᠲᠠᠨᠢᠬᠤ ᠳᠤ ᠬᠡᠷᠡᠭᠯᠡᠬᠦ ᠦᠭᠡᠢ ᠃ ᠬᠠᠤᠯᠢ ᠶᠢᠨ ᠳᠠᠭᠤᠤ ᠵᠢᠷᠭᠤᠭᠠᠨ ᠰᠠᠷ᠎ᠠ ᠬᠠᠳᠠᠭᠠᠯᠠᠭᠠᠳ ᠤᠰᠠᠳᠬᠠᠨ᠎ᠠ ᠃</p>"),
            ("h", "ᠨᠠᠢᠷᠠᠭᠤᠯᠤᠭᠴᠢ ᠪᠠ ᠬᠠᠮᠢᠶᠠᠷᠤᠭᠴᠢ"),
            ("p", "<p>ᠠᠷᠤ ᠲᠠᠯ᠎ᠠ ᠳᠤ ᠨᠡᠪᠲᠡᠷᠡᠬᠦ ᠦᠶ᠎ᠡ ᠳᠦ ᠨᠡᠪᠲᠡᠷᠡᠯᠲᠡ ᠶᠢᠨ ᠵᠢᠵᠢᠭ ᠲᠡᠮᠳᠡᠭᠯᠡᠯ ᠬᠡᠷᠡᠭᠯᠡᠬᠦ ᠪᠥᠭᠡᠳ ᠭᠠᠷᠤᠭᠰᠠᠨ ᠤ ᠳᠠᠷᠠᠭ᠎ᠠ ᠬᠦᠴᠦᠨ ᠦᠭᠡᠢ ᠪᠣᠯᠤᠨ᠎ᠠ ᠃ ᠨᠢᠭᠤᠴᠠ ᠦᠭᠡ ᠲᠠᠭᠠᠮᠠᠭᠯᠠᠬᠤ ᠶᠢ ᠰᠠᠭᠠᠳ ᠬᠣᠷᠢᠭᠯᠠᠬᠤ ᠶᠢᠨ ᠲᠤᠯᠠᠳ ᠂ ᠨᠡᠪᠲᠡᠷᠡᠬᠦ ᠳᠦ ᠢᠯᠠᠭᠳᠠᠭᠰᠠᠨ ᠰᠦᠯᠵᠢᠶᠡᠨ ᠦ ᠬᠠᠶᠢᠭ ᠢ ᠨᠢᠭᠡ ᠡᠳᠦᠷ ᠂ ᠠᠮᠵᠢᠯᠲᠠ ᠲᠠᠢ ᠨᠡᠪᠲᠡᠷᠡᠭᠰᠡᠨ ᠬᠠᠶᠢᠭ ᠢ 90 ᠡᠳᠦᠷ ᠬᠠᠳᠠᠭᠠᠯᠠᠨ᠎ᠠ ᠃</p>"),
            ("h", "ᠪᠢᠳᠡᠨ ᠲᠡᠢ ᠬᠠᠷᠢᠯᠴᠠᠬᠤ"),
            ("p", "<p>ᠡᠨᠡ ᠮᠡᠳᠡᠭᠳᠡᠯ ᠦᠨ ᠲᠤᠬᠠᠢ ᠠᠰᠠᠭᠤᠯᠲᠠ ᠪᠠᠶᠢᠪᠠᠯ ᠪᠤᠶᠤ ᠲᠠᠨ ᠤ ᠲᠤᠬᠠᠢ ᠲᠡᠮᠳᠡᠭᠯᠡᠯ ᠢ ᠦᠵᠡᠬᠦ ᠂ ᠤᠰᠠᠳᠬᠠᠬᠤ ᠭᠡᠪᠡᠯ ᠂ ᠬᠤᠤᠳᠠᠰᠤ ᠶᠢᠨ ᠡᠴᠦᠰ ᠲᠦᠬᠢ ᠴᠠᠬᠢᠮ ᠱᠤᠤᠳᠠᠨ ᠪᠤᠶᠤ ᠤᠲᠠᠰᠤ ᠪᠠᠷ ᠪᠢᠳᠡᠨ ᠲᠡᠢ ᠬᠠᠷᠢᠯᠴᠠᠭᠠᠷᠠᠢ ᠃</p>"),
        ],
    ),
}  # fmt: skip
PAGES = {"about": ABOUT, "privacy": PRIVACY}


def _body(blocks, code):
    from wagtail.rich_text import RichText

    fix = _mongolian if code == "mn" else (lambda text: text)
    return [
        ("heading", fix(text)) if kind == "h" else ("paragraph", RichText(fix(text)))
        for kind, text in blocks
    ]


def _set(page, texts, code):
    title, blocks = texts[code]
    page.title = _mongolian(title) if code == "mn" else title
    page.body = _body(blocks, code)


def _ensure_pages(slug):
    """The page ``slug`` under every language's home, as translations of the Chinese one."""
    texts = PAGES[slug]
    default = Locale.objects.get(language_code=languages.DEFAULT)
    home = HomePage.objects.get(locale=default)
    source = InfoPage.objects.child_of(home).filter(slug=slug).first()
    if source is None:
        source = InfoPage(slug=slug, locale=default)
        _set(source, texts, languages.DEFAULT)
        home.add_child(instance=source)
        source.save_revision().publish()
    for lang in languages.LANGUAGES[1:]:
        locale = Locale.objects.get(language_code=lang.code)
        if source.get_translation_or_none(locale) is not None:
            continue
        copy = source.copy_for_translation(locale)
        _set(copy, texts, lang.code)
        copy.save_revision().publish()
    return source


@transaction.atomic
@publish_gate.operator("site_identity")  # an operator's command: its pages need no review
def ensure_info_pages(site=None):
    """The about page and the privacy notice in every language, chosen in the identity of
    ``site`` (the default site) unless other pages are; for production too
    (``manage.py setup_site``): the privacy notice describes this software."""
    site = site or Site.objects.get(is_default_site=True)
    about, privacy = _ensure_pages("about"), _ensure_pages("privacy")
    identity = SiteIdentity.for_site(site)
    identity.about_page = identity.about_page or about
    identity.privacy_page = identity.privacy_page or privacy
    identity.save()
    return identity


@transaction.atomic
def seed_identity(site=None):
    """``ensure_info_pages`` and the DEMO identity (demo mode only: ``seed_demo``);
    fills only what is empty."""
    identity = ensure_info_pages(site)
    for name, values in DEMO.items():
        for lang in languages.LANGUAGES:
            field = column(name, lang.code)
            if not getattr(identity, field):
                value = values[lang.code]
                setattr(identity, field, _mongolian(value) if lang.code == "mn" else value)
    for name, value in DEMO_PLAIN.items():
        if not getattr(identity, name):
            setattr(identity, name, value)
    identity.save()
    return identity
