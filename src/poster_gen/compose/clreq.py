"""Chinese punctuation as the W3C *Requirements for Chinese Text Layout* (clreq) sets it.

In a Chinese run every punctuation mark is full-width (the fonts' ``:zh`` variants draw
the curly quotes and the dash in their 1-em forms), and each mark's glyph fills only part
of its em: an opening bracket's blank half is on its left, a closing bracket's and a
pause or stop mark's (，、。：；！？) on its right, the middle dot's a quarter on each side.
Two marks side by side would leave a whole em of blank between their glyphs, so the blank
between them is compressed to half an em ("），" and "”。" take 1.5 em, not 2). At the end
of a line a mark's trailing blank may be squeezed out when that lets the line fit.

Line-breaking prohibitions (kinsoku): closing brackets, pause and stop marks, the
middle dot and a second dash or ellipsis never start a line; opening brackets never end
one. Pure data and arithmetic: no fonts are read here, widths are in ems.
"""
from __future__ import annotations

OPENING = frozenset("（《「『【〔〈“‘［｛〖")
CLOSING = frozenset("）》」』】〕〉”’］｝〗")
PAUSE = frozenset("，、。．：；！？")  # pause and stop marks: their blank is on the right (GB convention)
MIDDLE = frozenset("·・")
#: marks whose glyph leaves half an em of blank on its right
RIGHT_BLANK = CLOSING | PAUSE
#: marks that carry a half-em blank on one side
HALF_BLANK = OPENING | CLOSING | PAUSE
#: Japanese marks that never start a line either (JLREQ's cl-03, cl-09, cl-10, cl-11): hyphens,
#: the iteration marks, the prolonged sound mark and the small kana
JA_NO_START = frozenset("‐゠〜～ゝゞヽヾ々〻ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ")
#: never at the start of a line (the Latin closers too: English text uses the same breaker)
NO_START = CLOSING | PAUSE | MIDDLE | JA_NO_START | frozenset(",.;:!?)]}%％‰…—–’”")
#: never at the end of a line
NO_END = OPENING | frozenset("([{¥$£€#“‘")
#: never split: two em dashes or two ellipses are one mark
INSEPARABLE = frozenset("—…")
#: characters that ride on the digits before them
NUM_TAIL = frozenset("%％+＋")

_CJK_PUNCT = frozenset("\u201c\u201d\u2018\u2019\u2014\u2026")


def is_cjk(ch: str) -> bool:
    """A character that takes a full em in a Chinese run: Han, CJK and full-width
    punctuation (the curly quotes, the dash and the ellipsis included), and kana (a
    Japanese edition sets its lines by the same rules). Hangul is not: Korean breaks
    at the spaces between its words, like English."""
    o = ord(ch)
    if o < 0x3000:
        return o == 0xB7 or ch in _CJK_PUNCT
    return (o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x2FFFF)


def is_han(ch: str) -> bool:
    """A Han character (an ideograph): what counts as a "Chinese character" in a line."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a character ``is_cjk`` accepts."""
    return any(map(is_cjk, text))


def is_hangul(ch: str) -> bool:
    """A Hangul syllable or jamo: full height like an ideograph, but set in words."""
    o = ord(ch)
    return 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F


def full_height(text: str) -> bool:
    """Whether ``text`` holds a character as tall as an ideograph (CJK or Hangul)."""
    return any(is_cjk(ch) or is_hangul(ch) for ch in text)


def has_han(text: str) -> bool:
    return any(map(is_han, text))


def compression(a: str, b: str) -> float:
    """Ems to take out between two adjacent characters: half an em between two marks
    whose blanks face each other (a closing or pause mark followed by another mark, or
    two opening marks), so the pair takes 1.5 em; nothing otherwise."""
    if a in RIGHT_BLANK and b in HALF_BLANK:
        return 0.5
    if a in OPENING and b in OPENING:
        return 0.5
    return 0.0


def end_squeeze(ch: str) -> float:
    """Ems a mark at the end of a line may give up: its blank right half."""
    return 0.5 if ch in RIGHT_BLANK else 0.0


def can_break(text: str, i: int) -> bool:
    """Whether the kinsoku rules allow a line to end with ``text[:i]``."""
    before, after = text[i - 1], text[i]
    if after in NO_START or before in NO_END:
        return False
    if before == after and before in INSEPARABLE:
        return False
    return True


#: how a quotation's speaker is credited in each script's slot: "——刘德音，台积电董事长";
#: Japanese pauses with 、, Korean writes Western punctuation and spaces between words
ATTRIBUTION = {"zh": "——{speaker}，{organisation}{title}", "zh-Hant": "——{speaker}，{organisation}{title}",
               "ja": "——{speaker}、{organisation}{title}", "ko": "—— {speaker}, {organisation} {title}"}


def is_katakana(ch: str) -> bool:
    """Katakana (and its prolonged sound mark): a loanword, never broken inside."""
    o = ord(ch)
    return 0x30A1 <= o <= 0x30FA or o == 0x30FC or 0x31F0 <= o <= 0x31FF


def is_kana(ch: str) -> bool:
    """Hiragana or katakana (a Japanese text has them; a Chinese one has none)."""
    o = ord(ch)
    return 0x3041 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF


def has_kana(text: str) -> bool:
    return any(map(is_kana, text))


def _ja_class(ch: str) -> str:
    o = ord(ch)
    if 0x3041 <= o <= 0x309F:
        return "hira"
    if is_katakana(ch):
        return "kata"
    if is_han(ch) or ch in "々〻":
        return "kanji"
    return "other"


def ja_phrase_breaks(text: str) -> frozenset[int]:
    """Where a Japanese line in display type may break without a dictionary: between
    phrases, told by the change of script (JLREQ's "bunsetsu" seen from outside). After
    the hiragana that ends a phrase (particles, inflections) and before a word in kanji,
    katakana or Latin; between a kanji compound and a katakana word; around anything
    else (punctuation, Latin, digits). Never inside a run of kanji or of katakana, never
    between a kanji and the hiragana that inflect it. The kinsoku rules apply on top."""
    out = set()
    for i in range(1, len(text)):
        a, b = _ja_class(text[i - 1]), _ja_class(text[i])
        if a == "other" or b == "other" or (a == "hira" and b != "hira") or {a, b} == {"kanji", "kata"}:
            out.add(i)
    return frozenset(out)
