"""What a text may hold: every text is normalised here, once, as it leaves the YAML.

The rule, class by class (ReportLab draws one glyph per character at the pen: it does
no mark positioning, no shaping, no bidi and no hyphenation by soft hyphens):

- **Normalised to NFC.** ``e`` + U+0301 becomes ``é``: a decomposed accent would be drawn
  after its letter, not over it; the precomposed letter prints as it reads.
- **Removed without a word** (invisible in an editor, and nothing we print uses them, so
  the print is what the writer saw): the soft hyphen U+00AD (the font would draw it as a
  hyphen in the middle of a word), zero-width space U+200B, zero-width (non-)joiner
  U+200C/U+200D, word joiner U+2060, zero-width no-break space (a BOM) U+FEFF, the
  combining grapheme joiner U+034F, the Mongolian vowel separator U+180E, the invisible
  operators U+2061-U+2064, variation selectors (U+FE00-U+FE0F, U+E0100-U+E01EF) and tag
  characters (U+E0000-U+E007F).
- **Refused, one located line saying what to do:**
  control characters (C0 except the line break, DEL, C1); lone surrogates (half of a
  UTF-16 pair); bidi controls (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069: they make
  the file read differently from the print, which is always left to right); the line and
  paragraph separators U+2028/U+2029 (write a line break); private-use characters (no
  agreed meaning: each font draws its own thing there); U+FFFD (a character lost by an
  earlier conversion); non-characters (U+FDD0-U+FDEF and U+xFFFE/U+xFFFF); and any
  combining mark (category Mn or Me) left after NFC, i.e. one no precomposed letter
  takes in. Normal Chinese, English and pinyin have none left after NFC; the few marks
  the fonts carry (U+0300, U+0301, U+3099 ...) are zero-width glyphs that would print
  beside, not over, their letter.

Characters the font has no glyph for are not this module's business: the build names
them per field (``build.glyphs.missing_glyphs``).
"""
from __future__ import annotations

import re
import unicodedata

_STRIP = re.compile("[\u00ad\u034f\u180e\u200b-\u200d\u2060-\u2064\ufeff\ufe00-\ufe0f"
                    "\U000e0000-\U000e007f\U000e0100-\U000e01ef]")
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NONCHAR = re.compile("[\ufdd0-\ufdef\ufffe\uffff]")

# names the Unicode database does not give (control characters have aliases only)
C0_NAMES = ("NUL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
            "ACKNOWLEDGE", "BELL", "BACKSPACE", "TAB", "LINE FEED", "LINE TABULATION", "FORM FEED",
            "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE",
            "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE",
            "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE",
            "ESCAPE", "FILE SEPARATOR", "GROUP SEPARATOR", "RECORD SEPARATOR", "UNIT SEPARATOR")
C1_NAMES = ("PADDING CHARACTER", "HIGH OCTET PRESET", "BREAK PERMITTED HERE", "NO BREAK HERE", "INDEX",
            "NEXT LINE", "START OF SELECTED AREA", "END OF SELECTED AREA", "CHARACTER TABULATION SET",
            "CHARACTER TABULATION WITH JUSTIFICATION", "LINE TABULATION SET", "PARTIAL LINE FORWARD",
            "PARTIAL LINE BACKWARD", "REVERSE LINE FEED", "SINGLE SHIFT TWO", "SINGLE SHIFT THREE",
            "DEVICE CONTROL STRING", "PRIVATE USE ONE", "PRIVATE USE TWO", "SET TRANSMIT STATE",
            "CANCEL CHARACTER", "MESSAGE WAITING", "START OF GUARDED AREA", "END OF GUARDED AREA",
            "START OF STRING", "SINGLE GRAPHIC CHARACTER INTRODUCER", "SINGLE CHARACTER INTRODUCER",
            "CONTROL SEQUENCE INTRODUCER", "STRING TERMINATOR", "OPERATING SYSTEM COMMAND",
            "PRIVACY MESSAGE", "APPLICATION PROGRAM COMMAND")


def char_name(ch: str) -> str:
    """``ch``'s Unicode name, or its control-character alias ("NUL", "ESCAPE")."""
    cp = ord(ch)
    if cp < 0x20:
        return C0_NAMES[cp]
    if cp == 0x7F:
        return "DELETE"
    if 0x80 <= cp <= 0x9F:
        return C1_NAMES[cp - 0x80]
    return unicodedata.name(ch, "unnamed")


def show(ch: str) -> str:
    """"U+0332 (COMBINING LOW LINE)": a character the reader cannot see, by code point and name."""
    return f"U+{ord(ch):04X} ({char_name(ch)})"


def clean(value: str) -> tuple[str, str | None]:
    """``value`` as it is kept (NFC, invisible characters removed), and why it is refused
    (None when it is not)."""
    if not value.isascii():
        value = _STRIP.sub("", unicodedata.normalize("NFC", value)) if _no_surrogate(value) else value
    return value, refusal(value)


def _no_surrogate(value: str) -> bool:
    return not any("\ud800" <= c <= "\udfff" for c in value)


def control(value: str) -> str | None:
    """Why ``value`` cannot be used at all: it holds a control character (or None)."""
    bad = _CONTROL.search(value)
    return None if bad is None else f"contains the control character {show(bad.group())}: remove it"


def refusal(value: str) -> str | None:
    """Why ``value`` cannot be printed as written, or None."""
    why = control(value)
    if why or value.isascii():
        return why
        return None
    for i, ch in enumerate(value):
        cp = ord(ch)
        if 0xD800 <= cp <= 0xDFFF:
            return (f"contains U+{cp:04X}, half of a UTF-16 surrogate pair: write the character itself "
                    "(as \\U0001F680 for a character beyond U+FFFF in a double-quoted text)")
        if _BIDI.match(ch):
            return (f"has the bidi control {show(ch)}, which makes the file read differently from the print "
                    "(posters set text left to right): remove it")
        if ch in "\u2028\u2029":
            return f"has a {char_name(ch)} (U+{cp:04X}): use a line break instead"
        if ch == "\ufffd":
            return ("has U+FFFD (REPLACEMENT CHARACTER), where an earlier conversion lost a character: "
                    "type the character it replaced")
        if _NONCHAR.match(ch) or (cp & 0xFFFE) == 0xFFFE:
            return f"has the non-character U+{cp:04X}, which is not text: remove it"
        category = unicodedata.category(ch)
        if category == "Co":
            return (f"has the private-use character U+{cp:04X}, which has no agreed meaning (each font draws "
                    "its own thing there): type the character it stands for")
        if category in ("Mn", "Me"):
            after = f" after {value[i - 1]!r}" if i else " at the start"
            return (f"has the combining mark {show(ch)}{after}, which no single character takes in, and "
                    "marks are not placed over their letter when printed: type the accented letter as one "
                    "character, or remove the mark")
    return None
