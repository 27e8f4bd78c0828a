"""The parity lint (load/parity.py): a translation cannot change a figure, and the
ways one figure is written in each language are the same figure."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from poster_gen.load.parity import facts, figures, parity, parity_problems


@pytest.mark.parametrize("texts", [
    {"zh": "2019年主营业务收入", "en": "revenue in 2019"},  # a year with 年 is the year
    {"zh": "≥50 亿元", "en": "≥5 billion yuan", "ja": "50億元以上", "ko": "50억 위안 이상"},  # scales
    {"zh": "3000–5000亿元", "en": "300-500 billion yuan", "ja": "３０００～５０００億元"},  # dashes, full width
    {"zh": "80万+", "en": "800,000+"},  # 万 against a thousands separator
    {"zh": "1–2亿元", "en": "100–200 million yuan"},
    {"zh": "增长8%左右", "en": "growth of around 8 percent", "ja": "約８％の成長"},
    {"zh": "2020年6月15日发布", "en": "launched on 15 June 2020", "ja": "2020年6月15日に発表",
     "ko": "2020년 6월 15일 발표"},
    {"zh": "见 https://invest.nanjing.gov.cn/，或写信至 info@nanjing.example", "en":
     "See https://invest.nanjing.gov.cn/ or write to INFO@nanjing.example."},
    {"zh": "五大产业地标", "en": "five industrial landmarks"},  # numbers in words are not compared
    {"zh": "", "en": "30-50"},  # an edition not written is not compared (the build says it is missing)
    {"en": "3.5 and 3.50", "ja": "3.50と3.5"},
])
def test_true_equivalents_pass(texts):
    assert parity(texts) == []


@pytest.mark.parametrize("texts, said", [
    ({"en": "300-500", "ja": "300-600"}, "the ja text has '300-600' where the en text has '300-500'"),
    ({"en": "≥5 billion yuan", "ja": "≥5億元"}, "the ja text has '5億' where the en text has '5 billion'"),
    ({"en": "in 2019", "ko": "2018년에"}, "the ko text has '2018' where the en text has '2019'"),
    ({"en": "60%+", "zh": "60+"}, "the zh text has '60' where the en text has '60%'"),
    ({"en": "launched on 15 June 2020", "ja": "2020年6月16日に発表"},
     "the ja text has '2020年6月16日' where the en text has '15 June 2020'"),
    ({"en": "see https://a.example/x", "zh": "见 https://a.example/y"}, "the zh text has 'https://a.example/y'"),
    ({"en": "200 firms", "ja": "企業"}, "the ja text lacks '200' of the en text"),
    ({"en": "firms", "ja": "200社"}, "the ja text has '200', which the en text does not"),
])
def test_a_changed_figure_is_named(texts, said):
    problems = parity(texts)
    assert len(problems) == 1 and problems[0].startswith(said), problems
    assert problems[0].endswith("a translation cannot change a figure")


def test_figures_are_read_as_numbers():
    assert [f.key for f in figures("１,２００家，3.50％，10%-15%", "zh")] == ["1200", "3.5%", "10%", "15%"]
    assert [f.key for f in figures("300–500亿", "zh")] == ["30000000000", "50000000000"]
    assert [f.key for f in figures("COVID-19 and H1N1, 5G", "en")] == ["19", "5"]  # no digits inside a word
    assert [f.key for f in figures("June 2020, 2020-06-15", "en")] == ["date:2020-06-15", "date:2020-06"]


def test_a_key_figure_is_its_value_with_its_unit():
    """The scale of "≥50" 亿元 / "≥5" billion yuan is in the unit: compared together, and
    a problem is located at the value."""
    from poster_gen.load.project import load_project

    project = load_project(ROOT)
    nev = project.landmark("new-energy-vehicles")
    fact = {path: (texts, at) for path, texts, at in facts(nev, ("zh", "en"))}[("key_figures", 0)]
    assert fact[0] == {"zh": "≥50亿元", "en": "≥5 billion yuan"}
    assert fact[1]["zh"] == ("key_figures", 0, "value", "zh")
    assert parity(fact[0]) == []


def test_the_lint_locates_a_changed_figure_like_a_missing_translation(tmp_path: Path):
    """The same shape as build.checks.missing_translations: slug (None: the campaign) ->
    problems at the file, line and field of the straying edition."""
    from poster_gen.load.project import load_project

    root = copy_project(tmp_path)
    nev = root / "data/landmarks/new-energy-vehicles.yaml"
    nev.write_text(nev.read_text("utf-8").replace("zh: 2019年主营业务收入同比增幅", "zh: 2018年主营业务收入同比增幅"), "utf-8")
    camp = root / "data/campaign.yaml"
    camp.write_text(camp.read_text("utf-8").replace('{zh: "3000–5000", en: "300–500"}',
                                                    '{zh: "3000–6000", en: "300–500"}'), "utf-8")
    found = parity_problems(load_project(root), ("zh", "en"))
    before = parity_problems(load_project(ROOT), ("zh", "en"))
    new = {slug: [p for p in ps if p not in before.get(slug, [])] for slug, ps in found.items()}
    (label,) = new["new-energy-vehicles"]
    assert label.file == "data/landmarks/new-energy-vehicles.yaml" and label.field == "key_figures[1].label.zh"
    assert nev.read_text("utf-8").splitlines()[label.line - 1].strip() == "zh: 2018年主营业务收入同比增幅"
    assert "'2018'" in label.message and "'2019'" in label.message
    (goal,) = new[None]
    assert goal.file == "data/campaign.yaml" and goal.field == "goal_figures[0].value.zh"
    assert "3000–6000亿" in goal.message


def test_the_repository_data_the_lint_flags_is_words_against_digits():
    """What the lint says of the repository's own zh/en: every problem is a figure one
    edition writes in digits and the other in words (首个 / 1st), never two different
    numbers. The report lists them; the data is left as the team wrote it."""
    from poster_gen.load.project import load_project

    found = [p for ps in parity_problems(load_project(ROOT), ("zh", "en")).values() for p in ps]
    for p in found:
        assert " lacks " in p.message or ", which the " in p.message, p  # only one side has digits


def test_an_order_in_digits_matches_the_same_order_or_one_written_in_words():
    from poster_gen.load.parity import parity

    assert parity({"zh": "首个", "en": "1st"}) == []  # the Chinese writes the order in words
    assert parity({"zh": "全国第4", "en": "4th in China"}) == []
    assert parity({"zh": "全国第5", "en": "4th in China"})  # a changed order is a changed figure
