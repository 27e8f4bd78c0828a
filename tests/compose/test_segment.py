"""Word-based break positions for display type (real jieba, no mocks): words found split
in print are kept whole, particles and numerals stay with their neighbours, and a warm
process answers from the disk memo without importing jieba."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from poster_gen.compose import segment
from poster_gen.compose.segment import word_breaks

SRC = str(Path(segment.__file__).resolve().parents[2])


def shown(text: str, words: tuple[str, ...] = ()) -> str:
    """``text`` with a bar at each break position, for readable failures."""
    breaks = word_breaks(text, words)
    return "".join(("|" if i in breaks else "") + ch for i, ch in enumerate(text))


def split(text: str, at: str) -> int:
    """The position between the two halves of ``at`` ("汽|车") inside ``text``."""
    left, right = at.split("|")
    return text.index(left + right) + len(left)


@pytest.mark.parametrize("text, never, always", [
    ("新能源汽车", ["汽|车", "新|能源", "能|源"], ["新能源|汽车"]),
    ("软件和信息服务业", ["服务|业", "和|信息"], ["软件|和"]),
    ("国家级工程中心（实验室），全国第4", ["实|验室", "实验|室", "第|4"], ["全国|第4"]),
    ("人才资源和创新环境", ["人|才", "和|创新"], []),
    ("主营业务收入", ["业|务", "营|业"], ["主营业务|收入"]),
    ("开设生物医药教学的高校", ["教学|的"], ["的|高校"]),
    ("20余所高校", ["20|余", "余|所", "2|0"], ["20余所|高校"]),
    ("2019年主营业务收入同比增长超过60%", ["2019|年", "20|19", "60|%", "6|0", "业|务"],
     ["2019年|主营", "超过|60%"]),
    ("引导设立300–500亿元产业投资基金", ["300|–", "–|500", "500|亿", "亿|元"], ["设立|300", "亿元|产业"]),
    ("连续11个季度保持在8%左右", ["11|个", "在|8", "8|%"], ["连续|11", "11个|季度"]),
    ("台积电TSMC、5G基站", ["TS|MC", "5|G"], []),
])
def test_words_are_not_split(text, never, always):
    breaks = word_breaks(text)
    for at in never:
        assert split(text, at) not in breaks, f"{at} is split in {shown(text)}"
    for at in always:
        assert split(text, at) in breaks, f"{at} is not a break in {shown(text)}"
    assert all(0 < i < len(text) for i in breaks)


def test_project_terms_are_words_and_a_conjunction_binds_to_what_follows():
    assert word_breaks("新医药与生命健康", ("新医药", "生命健康")) == {3}  # 新医药 / 与生命健康
    assert word_breaks("集成电路产业地标", ("集成电路", "产业地标")) == {4}
    # the same terms in another order or with repeats are the same dictionary
    assert word_breaks("新医药与生命健康", ("生命健康", "新医药", "新医药")) == {3}
    # and jieba's own dictionary is not changed by them
    assert 1 in word_breaks("新医药与生命健康")


def test_english_breaks_at_the_first_space_of_a_run():
    text = "Chip design and testing"
    assert word_breaks(text) == {i for i, ch in enumerate(text) if ch == " "} == {4, 11, 15}
    assert word_breaks("Chip  design") == {4}  # the line ends "Chip", the next begins "design"
    assert word_breaks("world-class chips") == {6, 11}  # after a hyphen between letters
    assert word_breaks("Artificial Intelligence Industry", ("Artificial Intelligence",)) == {23}
    assert word_breaks("GDP") == frozenset() and word_breaks("") == frozenset()


def test_a_result_is_picklable_and_hashable():
    import pickle

    b = word_breaks("新能源汽车")
    assert isinstance(b, frozenset) and pickle.loads(pickle.dumps(b)) == b


def _run(code: str, cache: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "POSTER_GEN_NO_MEMO"}
    env.update(POSTER_GEN_CACHE=str(cache), PYTHONPATH=SRC)
    return subprocess.run([sys.executable, "-W", "error", "-c", textwrap.dedent(code)], env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_fresh_process_answers_from_the_disk_memo_without_jieba(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("POSTER_GEN_CACHE", str(cache))
    monkeypatch.delenv("POSTER_GEN_NO_MEMO", raising=False)
    segment._breaks.cache_clear()  # an earlier test may hold the answer in process
    text, words = "南京市软件和信息服务业产业地标行动计划", ("产业地标",)
    expected = word_breaks(text, words)
    assert list((cache / "words").glob("*.pickle"))
    done = _run(f"""
        import sys
        from poster_gen.compose.segment import word_breaks
        assert word_breaks({text!r}, {words!r}) == {set(expected)!r}
        assert "jieba" not in sys.modules
    """, cache)
    assert done.returncode == 0, done.stderr


def test_a_cold_process_is_silent_and_keeps_jiebas_cache_in_ours(tmp_path):
    done = _run("""
        from poster_gen.compose.segment import word_breaks
        assert word_breaks("新能源汽车") == {3}
    """, tmp_path)
    assert done.returncode == 0 and done.stdout == done.stderr == "", done.stderr
    assert len(list((tmp_path / "jieba").glob("shards-*.marshal"))) == 1


def test_the_sharded_dictionary_cuts_as_jieba_itself_does():
    """The dictionary read shard by shard gives jieba's own cut on every Chinese text of
    the project (with and without the project's terms)."""
    import sys

    from conftest import ROOT
    from poster_gen.load.project import load_project
    from poster_gen.load.walk import strings

    segment._base()  # jieba imported the way the module imports it
    jieba = sys.modules["jieba"]
    project = load_project(ROOT)
    texts = {s for obj in [project.campaign, *project.landmarks] for _, s in strings(obj)
             if any("\u4e00" <= c <= "\u9fff" for c in s)}
    words = tuple(project.campaign.words)
    full = jieba.Tokenizer()
    full.tmp_dir = None
    full.initialize()
    with_words = jieba.Tokenizer()
    with_words.FREQ, with_words.total, with_words.initialized = dict(full.FREQ), full.total, True
    for w in words:
        with_words.add_word(w, segment.WORD_FREQ)
    assert len(texts) > 50
    for text in sorted(texts):
        assert list(segment._tokenizer(()).cut(text, HMM=True)) == list(full.cut(text, HMM=True)), text
        assert list(segment._tokenizer(words).cut(text, HMM=True)) == list(with_words.cut(text, HMM=True)), text
