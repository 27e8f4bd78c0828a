"""A text's line breaks as XLIFF 2 placeholders, and back.

A raw newline inside ``<source>`` is at the mercy of every tool between us and the
translator (whitespace is collapsed, lines are re-wrapped), and a translator cannot
see it. So a line break travels as an inline placeholder, ``<ph id="lb1" equiv="&#10;"
disp="↵" canCopy="no" canDelete="no"/>``: its plain-text equivalent is the newline
(XLIFF's ``equiv``), tools show ``disp``, and ``canCopy``/``canDelete`` ask the tool to
keep exactly the placeholders of the source. The import checks it did: each
placeholder of the source once in the target, no other markup (``read``).
"""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
BREAK = "\n"
_PH = f"{{{XLIFF}}}ph"


def write(element: etree._Element, text: str) -> None:
    """Set ``element``'s content (a ``<source>`` or ``<target>``) to ``text``, each line
    break a placeholder ``lb1``, ``lb2``... in order."""
    for child in list(element):
        element.remove(child)
    lines = text.split(BREAK)
    element.text = lines[0]
    for n, line in enumerate(lines[1:], 1):
        ph = etree.SubElement(element, _PH, {"id": f"lb{n}", "equiv": BREAK, "disp": "↵",
                                             "canCopy": "no", "canDelete": "no"})
        ph.tail = line


@dataclass(frozen=True)
class Inline:
    """What a ``<source>`` or ``<target>`` holds: its text (placeholders as what they
    stand for), the placeholder ids in order, and markup that is not ours."""

    text: str
    placeholders: tuple[str, ...]
    foreign: tuple[str, ...] = ()  # markup that is not a line break placeholder, e.g. "<pc>"
    typed_breaks: int = 0  # line breaks typed in the text itself, not placeholders


def read(element: etree._Element) -> Inline:
    """The text of a ``<source>`` or ``<target>``: a placeholder becomes its ``equiv``
    (the line break it stands for); any other inline element is reported in ``foreign``
    and its own text kept; a line break typed in the text is counted (a tool that
    re-wraps lines would put one there: it is not the writer's)."""
    parts: list[str] = []
    ids: list[str] = []
    foreign: list[str] = []
    typed = 0

    def text(chunk: str | None) -> None:
        nonlocal typed
        typed += (chunk or "").count(BREAK)
        parts.append(chunk or "")

    text(element.text)
    for child in element:
        if isinstance(child.tag, str) and child.tag == _PH and child.get("equiv") == BREAK:
            ids.append(child.get("id", ""))
            parts.append(BREAK)
        elif isinstance(child.tag, str):
            foreign.append(f"<{etree.QName(child).localname}>")
            text("".join(child.itertext()))
        text(child.tail)  # after a comment or a processing instruction too
    return Inline("".join(parts), tuple(ids), tuple(foreign), typed)
