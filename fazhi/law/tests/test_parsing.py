from datetime import date

import pytest

from fazhi.law.parsing import LawFormatError, article_label, cn_to_int, int_to_cn, parse_law
from fazhi.law.services import DATA_DIR


def _parse(rel):
    from fazhi.law.parsing import date_from_filename

    path = DATA_DIR / rel
    return parse_law(path.read_text(encoding="utf-8"), version_date=date_from_filename(path.name), source=rel)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("一百零一", 101),
        ("一百一十", 110),
        ("三百零六", 306),
        ("一千零二", 1002),
    ],
)
def test_chinese_numerals_round_trip(text, value):
    assert cn_to_int(text) == value
    assert int_to_cn(value) == text


def test_inserted_article_label_has_zhi_suffix():
    assert article_label(20, 1) == "第二十条之一"


def test_exact_article_counts_of_shipped_texts():
    assert len(_parse("行政法规/政府信息公开条例(2019-04-03).md").articles) == 56
    assert len(_parse("行政法/行政处罚法(2021-01-22).md").articles) == 86
    assert len(_parse("诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md").articles) == 306


def test_headings_take_their_level_from_their_own_word():
    law = _parse("诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md")
    kinds = {d.kind for d in law.divisions}
    assert kinds == {"编", "章", "节"}
    chapter = next(d for d in law.divisions if d.kind == "章")
    assert law.divisions[chapter.parent].kind == "编"
    section = next(d for d in law.divisions if d.kind == "节")
    assert law.divisions[section.parent].kind == "章"


def test_paragraphs_and_items_of_penalty_law_article_58():
    law = _parse("行政法/行政处罚法(2021-01-22).md")
    art = law.articles[57]
    assert art.label == "第五十八条"
    assert len(art.paragraphs) == 2
    assert [i.number for i in art.paragraphs[0].items] == [1, 2, 3, 4]
    assert art.paragraphs[0].items[2].text.startswith("（三）")


def test_effective_date_is_taken_from_the_text_when_later_than_the_version():
    law = _parse("行政法/行政处罚法(2021-01-22).md")
    assert law.version_date == date(2021, 1, 22)
    assert law.effective_date == date(2021, 7, 15)
    assert "第八十六条" in law.effective_basis


def test_effective_date_from_header_line():
    law = _parse("行政法规/政府信息公开条例(2019-04-03).md")
    assert law.effective_date == date(2019, 5, 15)


def test_amended_law_without_new_start_takes_effect_on_its_version_date():
    law = _parse("行政法/城乡规划法(2019-04-23).md")
    assert law.effective_date == date(2019, 4, 23)


def test_inserted_article_is_accepted_and_numbering_continues():
    text = "# 测试条例\n\n2020年1月1日 公布\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第一条之一 乙。\n\n第二条 丙。\n"
    law = parse_law(text)
    assert [a.label for a in law.articles] == ["第一条", "第一条之一", "第二条"]
    assert law.version_date == date(2020, 1, 1)


def test_article_number_gap_is_refused_naming_the_line():
    text = "# 测试条例\n\n2020年1月1日 公布\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第三条 丙。\n"
    with pytest.raises(LawFormatError) as exc:
        parse_law(text, source="测试.md")
    assert exc.value.line == 9
    assert "第三条" in exc.value.message and "第9行" in exc.value.message


def test_file_without_title_is_refused():
    with pytest.raises(LawFormatError, match="开头"):
        parse_law("第一条 甲。\n")


def test_file_without_articles_is_refused():
    with pytest.raises(LawFormatError, match="没有找到任何条文"):
        parse_law("# 空条例\n\n2020年1月1日 公布\n")


def test_constitution_preamble_is_kept_as_heading_text():
    law = _parse("宪法/宪法.md")
    preamble = law.divisions[0]
    assert preamble.title == "序言" and preamble.kind == ""
    assert preamble.text.startswith("中国是世界上历史最悠久的国家之一")
    assert law.version_date == date(2018, 3, 11)
