"""The browser experience (issue #12): the demo date, the public navigation, phones, and a publication review with a
mask — each page at 1440×900 and 390×844, with no horizontal overflow and no console error or CSP violation."""

import re

import pytest
from conftest import login
from playwright.sync_api import expect

SIZES = [(1440, 900), (390, 844)]
NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth + 1"


def _fits(page):
    assert page.evaluate(NO_OVERFLOW), f"horizontal overflow on {page.url}"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_public_pages_share_one_navigation_and_show_the_demo_date(page, server_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    for path in ("/gongkai/", "/gongkai/jieguo/", "/gongkai/xxgk/"):
        page.goto(f"{server_url}{path}")
        expect(page.get_by_test_id("demo-date")).to_have_text("演示数据：系统日期为 2020年2月20日")
        nav = page.get_by_test_id("public-nav")
        for label in ("事前公开", "执法决定公示", "政府信息公开"):
            expect(nav.get_by_role("link", name=label, exact=True)).to_be_visible()
        assert page.locator("a[href^='/login/']").count() == 0  # public pages never send the visitor to log in
        assert page.locator("a.navbar-brand").get_attribute("href") == "/gongkai/"
        _fits(page)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_staff_navigation_collapses_on_a_phone(page, server_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    login(page, server_url, "officer1")
    toggler = page.get_by_test_id("nav-toggler")
    menu = page.locator("#fz-main-nav")
    if width < 992:
        expect(toggler).to_be_visible()
        expect(menu).to_be_hidden()
        toggler.click()
        expect(menu.get_by_role("link", name="行政处罚案件")).to_be_visible()
    else:
        expect(toggler).to_be_hidden()
        expect(menu.get_by_role("link", name="行政处罚案件")).to_be_visible()
    for path in ("/", "/cases/", "/publicity/"):
        page.goto(f"{server_url}{path}")
        _fits(page)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_publication_review_masks_by_selection_and_confirms_before_publishing(page, server_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    login(page, server_url, "reviewer")
    page.goto(f"{server_url}/publicity/?state=pending")
    rows = page.locator("[data-testid=publication-list] a[href*='/publicity/']")
    rows.nth(0 if width > 1000 else 1).click()
    _fits(page)
    source = page.get_by_test_id("original-text")
    # Select two characters of the original text: the selection fills the mask field (fazhi.js).
    picked = page.evaluate(
        """() => {
      const root = document.querySelector('[data-fz-mask-source]');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let node = walker.nextNode();
      while (node && node.textContent.trim().length < 8) node = walker.nextNode();
      const start = node.textContent.indexOf(node.textContent.trim()) + 2;
      const range = document.createRange();
      range.setStart(node, start); range.setEnd(node, start + 4);
      const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
      return range.toString();
    }"""
    )
    expect(source).to_be_visible()
    expect(page.locator("#id_mask_text")).to_have_value(picked.strip())
    page.fill("#id_mask_reason", "可识别具体地块")
    page.get_by_role("button", name="屏蔽", exact=True).last.click()
    expect(page.get_by_test_id("mask-list")).to_contain_text(picked.strip())
    page.get_by_role("button", name=re.compile("预览并公开")).click()
    preview = page.get_by_test_id("confirm-preview")
    expect(preview).to_be_visible()
    # The mask applies to the text and the summary before anything goes public.
    assert picked.strip() not in preview.get_by_test_id("public-text").inner_text()
    assert picked.strip() not in preview.get_by_test_id("public-act").inner_text()
    _fits(page)
    page.get_by_role("button", name="确认公开").click()
    expect(page.get_by_role("alert").first).to_contain_text("已办理")
