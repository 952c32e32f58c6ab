"""The review page in a real browser: Debian's chromium, headless, driven by Selenium (issue 17).

One browser for the module.  `make test` installs chromium and chromium-driver
when they are missing; without them these tests fail (they never skip).
Screenshots land in build/review-screenshots/ (look at them after a change to
the page: a person must want to use it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import PROJECT
from return_xml import api
from return_xml.facts import fact_leaves

SCREENSHOTS = PROJECT / "build" / "review-screenshots"
CHROMIUM = ("chromium", "/usr/bin/chromium")
CHROMEDRIVER = ("chromedriver", "/usr/bin/chromedriver")


def _found(names: tuple[str, ...]) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"{names[0]} not found: `make test` installs Debian's chromium and chromium-driver (apt-get)")


@pytest.fixture(scope="module")
def browser():
    """One headless chromium for the whole module, with its console log kept."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _found(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1440,960",
                     "--hide-scrollbars"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(_found(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


def _ff301(corpus: Path) -> Path:
    return sorted(corpus.glob("*FF301*_en.pdf"))[0]


def _legacy(corpus: Path) -> Path:
    return sorted(corpus.glob("*legacy*_en.pdf"))[0]


def _needs_review(corpus: Path) -> Path:
    """The first unlabelled filing that needs review with at least two rule findings on boxes of its pages."""
    from return_xml import rules

    for pdf in sorted((corpus / "unlabelled").rglob("*.pdf")):
        monthly_return = api.read_pdf(pdf)
        placed = [f for f in rules.iter_findings(monthly_return) if f.box is not None or f.path]
        if monthly_return.audit.verdict.value == "needs review" and len(placed) >= 2:
            return pdf
    pytest.fail("no unlabelled corpus filing needs review with two findings: pick another way to test the keys")


@pytest.fixture(scope="module")
def reviewed(corpus, scan_excerpt, tmp_path_factory):
    """name -> (review result, HTML path) of the filings the tests open, written once."""
    folder = tmp_path_factory.mktemp("review-pages")
    pages = {}

    def _scanned(corpus: Path) -> Path:  # the first pages of a scan: OCR costs a second a page
        return scan_excerpt("legacy-undated-layout_en", 3)

    for name, pick in (("ff301", _ff301), ("legacy", _legacy), ("needs_review", _needs_review), ("scanned", _scanned)):
        target = folder / f"{name}.html"
        pages[name] = (api.review(pick(corpus), target), target)
    return pages


def _open(browser, target: Path) -> list[dict]:
    """Load the page; return the console entries of level SEVERE logged while loading."""
    browser.get_log("browser")  # drop what an earlier page logged
    browser.get(target.as_uri())
    browser.execute_script("return document.readyState")
    return [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


# The state of an element: its box, whether it is shown, and whether it is in the viewport of the pages pane.
_STATE_OF = """
function stateOf(el) {
const r = el.getBoundingClientRect();
const pane = document.getElementById('pages').getBoundingClientRect();
const style = getComputedStyle(el);
const sheet = el.closest('.sheet');
const s = sheet ? sheet.getBoundingClientRect() : r;
return {
  shown: r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && el.closest('[hidden]') === null,
  onSheet: r.left >= s.left - 1 && r.right <= s.right + 1 && r.top >= s.top - 1 && r.bottom <= s.bottom + 1,
  inView: r.top >= Math.max(0, pane.top) && r.bottom <= Math.min(innerHeight, pane.bottom)
          && r.left >= pane.left && r.right <= Math.min(innerWidth, pane.right),
  lit: el.classList.contains('lit'),
};
}
"""
_STATE = _STATE_OF + "return stateOf(arguments[0]);"
# [path, state or null] for every path of arguments[0]: one script, since a round trip per element would cost seconds.
_STATES = _STATE_OF + """
return arguments[0].map(p => {
  const el = document.querySelector('.mark[data-path="' + CSS.escape(p) + '"]');
  return [p, el ? stateOf(el) : null];
});
"""


def _state(browser, element) -> dict:
    return browser.execute_script(_STATE, element)


@pytest.mark.parametrize("name", ["ff301", "legacy", "needs_review"])
def test_page_loads_and_shows_every_fact_with_a_printed_source(browser, reviewed, name):
    from selenium.webdriver.common.by import By

    result, target = reviewed[name]
    assert _open(browser, target) == []
    expected = [p for p, leaf in fact_leaves(result.monthly_return).items() if leaf.source is not None and leaf.source.box is not None]
    assert len(expected) > 10
    states = browser.execute_script(_STATES, expected)
    missing = [p for p, s in states if s is None]
    hidden = [p for p, s in states if s is not None and not (s["shown"] and s["onSheet"])]
    assert missing == [] and hidden == []
    assert len(browser.find_elements(By.CSS_SELECTOR, ".sheet img")) >= 1
    verdict = browser.find_element(By.ID, "verdict").text
    assert verdict.startswith(result.monthly_return.audit.verdict.value)


def test_clicking_a_finding_scrolls_to_its_box_and_lights_it(browser, reviewed):
    from selenium.webdriver.common.by import By

    result, target = reviewed["needs_review"]
    assert result.monthly_return.audit.verdict.value == "needs review"
    assert _open(browser, target) == []
    findings = [f for f in browser.find_elements(By.CSS_SELECTOR, "#findings .item") if f.get_attribute("data-marks")]
    assert findings, "a finding that points at a box"
    # The last one first: the pages pane has to scroll to reach it.
    finding = findings[-1]
    mark = browser.find_element(By.ID, finding.get_attribute("data-marks").split()[0])
    assert not _state(browser, mark)["lit"]
    finding.click()
    state = _state(browser, mark)
    assert state["lit"] and state["inView"] and state["shown"]
    assert "selected" in finding.get_attribute("class").split()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOTS / "needs-review-finding.png"))


def test_keys_move_between_findings(browser, reviewed):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _, target = reviewed["needs_review"]
    assert _open(browser, target) == []
    findings = browser.find_elements(By.CSS_SELECTOR, "#findings .item")
    assert len(findings) >= 2

    def selected() -> list[int]:
        return [i for i, f in enumerate(findings) if "selected" in f.get_attribute("class").split()]

    keys = ActionChains(browser)
    keys.send_keys("j").perform()
    assert selected() == [0]
    keys.send_keys("n").perform()
    assert selected() == [1]
    keys.send_keys("p").perform()
    assert selected() == [0]
    ActionChains(browser).send_keys(Keys.ARROW_DOWN).perform()  # focus is on the finding: the arrow moves too
    assert selected() == [1]
    ActionChains(browser).send_keys("k").perform()
    assert selected() == [0]
    marks = findings[0].get_attribute("data-marks").split()
    if marks:
        state = _state(browser, browser.find_element(By.ID, marks[0]))
        assert state["lit"] and state["inView"]
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    assert selected() == []
    assert browser.find_elements(By.CSS_SELECTOR, ".mark.lit") == []


def test_clicking_a_fact_lights_its_box(browser, reviewed):
    from selenium.webdriver.common.by import By

    result, target = reviewed["legacy"]
    assert _open(browser, target) == []
    rows = browser.find_elements(By.CSS_SELECTOR, "#facts .fact[data-mark]")
    assert rows
    row = rows[-1]
    row.click()
    mark = browser.find_element(By.ID, row.get_attribute("data-mark"))
    state = _state(browser, mark)
    assert state["lit"] and state["inView"]
    assert mark.get_attribute("data-path") == row.get_attribute("data-for")


@pytest.mark.parametrize("name", ["ff301", "legacy"])
def test_screenshot(browser, reviewed, name):
    """The page as a person first sees it (build/review-screenshots/NAME.png): look at it after a change."""
    _, target = reviewed[name]
    assert _open(browser, target) == []
    browser.execute_script("window.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert browser.save_screenshot(str(path))
    assert path.stat().st_size > 20_000  # a drawn page, not a blank window


def test_scanned_filing_shows_its_pages_and_why_it_needs_review(browser, reviewed):
    from selenium.webdriver.common.by import By

    result, target = reviewed["scanned"]
    assert _open(browser, target) == []
    images = browser.find_elements(By.CSS_SELECTOR, ".sheet img")
    assert images and all(browser.execute_script("return arguments[0].getBoundingClientRect().height > 100", i) for i in images[:1])
    verdict = browser.find_element(By.ID, "verdict").text
    assert verdict.startswith("needs review")
    reasons = browser.find_element(By.CSS_SELECTOR, ".reasons").text
    assert reasons.strip()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOTS / "scanned.png"))


def test_the_longest_filing_stays_usable(browser, corpus, tmp_path):
    """30 pages: the page loads fast, and a fact on the last page is brought into view at once."""
    import time

    from selenium.webdriver.common.by import By
    from test_review import _most_pages

    pages, pdf = _most_pages(corpus)
    target = tmp_path / "long.html"
    result = api.review(pdf, target)
    started = time.monotonic()
    assert _open(browser, target) == []
    loaded = time.monotonic() - started
    assert loaded < 5.0, f"{loaded:.1f} s to load {pages} pages"
    assert len(browser.find_elements(By.CSS_SELECTOR, ".sheet img")) == pages
    last = max((m for m in browser.find_elements(By.CSS_SELECTOR, ".mark[data-path]")),
               key=lambda m: int(m.find_element(By.XPATH, "ancestor::figure").get_attribute("data-page")))
    row = browser.find_element(By.CSS_SELECTOR, f'#facts .fact[data-mark="{last.get_attribute("id")}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    row.click()
    state = _state(browser, last)
    assert state["lit"] and state["inView"]
    assert result.monthly_return is not None
