"""Japanese line breaking without a dictionary: display type (styles set by words) breaks
between phrases, told by the change of script; body text anywhere kinsoku allows."""
from __future__ import annotations

from poster_gen.compose import clreq, linebreak

AMBITION = "南京を集積回路産業のベンチマーク都市に"


def test_phrase_breaks_fall_where_the_script_changes():
    at = clreq.ja_phrase_breaks(AMBITION)
    assert [AMBITION[:i] for i in sorted(at)] == ["南京を", "南京を集積回路産業の", "南京を集積回路産業のベンチマーク"]
    plan = "南京市集積回路産業ランドマーク構築行動計画"
    assert sorted(clreq.ja_phrase_breaks(plan)) == [9, 15]  # 産業|ランドマーク|構築


def test_display_type_never_breaks_inside_a_word_body_text_may():
    words = linebreak._breaks(AMBITION, "words", ())
    anywhere = linebreak._breaks(AMBITION, "anywhere", ())
    assert set(words) == set(clreq.ja_phrase_breaks(AMBITION))
    assert 4 in anywhere and 4 not in words  # 集|積: a kanji compound
    assert 12 not in anywhere  # ベン|チ: a katakana word stays whole even in body text
    # Chinese keeps its dictionary: no kana, so jieba's words decide
    assert linebreak._breaks("把南京建设成为集成电路产业标杆城市", "words", ()) != \
        tuple(sorted(clreq.ja_phrase_breaks("把南京建设成为集成电路产业标杆城市")))


def test_kinsoku_holds_on_top_of_the_phrases():
    text = "南京は、ランドマークを"
    breaks = linebreak._breaks(text, "words", ())
    assert 3 not in breaks  # 、 never starts a line
    assert 4 in breaks  # after it
