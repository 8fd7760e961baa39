# Traditional-script Mongolian dates (docs/glossary.md, key date-format):
# 2026 ᠣᠨ<NNBSP>ᠤ 11 ᠰᠠᠷ<MVS>ᠠ<NNBSP>ᠶᠢᠨ 27. Django's own mn formats are for Cyrillic Mongolian.
DATE_FORMAT = "Y ᠣᠨ\u202fᠤ n ᠰᠠᠷ\u180eᠠ\u202fᠶᠢᠨ j"
DATETIME_FORMAT = "Y ᠣᠨ\u202fᠤ n ᠰᠠᠷ\u180eᠠ\u202fᠶᠢᠨ j H:i"
SHORT_DATE_FORMAT = "Y-m-d"
MONTH_DAY_FORMAT = "n ᠰᠠᠷ\u180eᠠ\u202fᠶᠢᠨ j"
FIRST_DAY_OF_WEEK = 1
