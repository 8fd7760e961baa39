# Tibetan dates with Arabic digits, as Qinghai's Tibetan-language press writes them
# (docs/glossary.md, key date-format): 2026ལོའི་ཟླ་11ཚེས་27ཉིན. On screen each number
# stands apart from its syllables by a narrow no-break space (U+202F): set solid, the
# Latin digits touch the Tibetan letters, and an ordinary space would let a phone's
# narrow line break the date in two.
DATE_FORMAT = "Y\u202fལོའི་ཟླ་\u202fn\u202fཚེས་\u202fj\u202fཉིན"
DATETIME_FORMAT = "Y\u202fལོའི་ཟླ་\u202fn\u202fཚེས་\u202fj\u202fཉིན H:i"
SHORT_DATE_FORMAT = "Y-m-d"
MONTH_DAY_FORMAT = "ཟླ་\u202fn\u202fཚེས་\u202fj\u202fཉིན"
FIRST_DAY_OF_WEEK = 1
