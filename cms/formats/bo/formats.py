# Tibetan dates with Arabic digits, as Qinghai's Tibetan-language press writes them
# (docs/glossary.md, key date-format): 2026ལོའི་ཟླ་11ཚེས་27ཉིན
DATE_FORMAT = "Yལོའི་ཟླ་nཚེས་jཉིན"
DATETIME_FORMAT = "Yལོའི་ཟླ་nཚེས་jཉིན H:i"
SHORT_DATE_FORMAT = "Y-m-d"
MONTH_DAY_FORMAT = "ཟླ་nཚེས་jཉིན"
FIRST_DAY_OF_WEEK = 1
