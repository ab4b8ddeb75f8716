"""The calculator and the stepper, driven in Chromium on the built site, against the library.

The widgets (docs/javascripts/calculator.js, stepper.js) compute or show numbers in the reader's
browser. These tests type settings into the calculator and step the stepper through every output
position, read what the page displays, and compare it with ``convshare`` computed here in Python:
``output_size``, ``params_*`` and ``conv2d``. Every page is loaded with the network cut off
(any request that leaves 127.0.0.1 fails the test) and any console error fails the test.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import numpy as np
import pytest

import convshare as cs
from convshare import examples
from tests.browser import Watch

pytestmark = pytest.mark.browser

# Where the widgets are embedded (URLs of the built site).
CALCULATOR_PAGES = ["convolution/", "parameter-sharing/"]
STEPPER_PAGES = {"convolution/": "five_by_five", "multi-channel/": "three_channel_demo"}
# The settings the pages use with each example (the JSON says the same; these come from the
# chapters, so a JSON written with other settings fails).
EXAMPLE_SETTINGS = {
    "five_by_five": {"stride": 1, "padding": 0},
    "three_channel_demo": {"stride": 2, "padding": 1},
}

# The static figure each page shows of the same example (what readers without JavaScript see).
STATIC_FIGURES = {
    "five_by_five": "figures/convolution-sliding-window.gif",
    "three_channel_demo": "figures/multi-channel-demo.svg",
}

FIELDS = ["h", "w", "cin", "kh", "kw", "stride", "padding", "cout"]


# --------------------------------------------------------------------------------------------
# The built site, a local server and the browser
# --------------------------------------------------------------------------------------------


def new_page(browser: object) -> tuple[object, object, Watch]:
    """A fresh page (light theme, 1280×900) with the network cut off, its context (to close)
    and its watch."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    return context, page, Watch(page)


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page (``new_page``), checked after the test."""
    context, page, watch = new_page(browser)
    yield page
    context.close()
    watch.assert_clean()


# --------------------------------------------------------------------------------------------
# Calculator
# --------------------------------------------------------------------------------------------


def _int(text: str) -> int:
    """'4,818,464' -> 4818464 (and refuse anything that is not a formatted integer)."""
    text = text.strip().replace("\u2212", "-")
    assert re.fullmatch(r"-?\d{1,3}(,\d{3})*", text), f"not a formatted integer: {text!r}"
    return int(text.replace(",", ""))


def expected(s: dict) -> dict:
    """What the calculator must show for settings ``s``, from the library."""
    ho = cs.output_size(s["h"], s["kh"], stride=s["stride"], padding=s["padding"])
    wo = cs.output_size(s["w"], s["kw"], stride=s["stride"], padding=s["padding"])
    n_in = s["cin"] * s["h"] * s["w"]
    n_out = s["cout"] * ho * wo
    kernel = (s["kh"], s["kw"])
    return {
        "cout": s["cout"],
        "ho": ho,
        "wo": wo,
        "fc": cs.params_fully_connected(n_in, n_out, bias=s["bias"]),
        "lc": cs.params_locally_connected2d(
            (s["cin"], s["h"], s["w"]),
            s["cout"],
            kernel,
            stride=s["stride"],
            padding=s["padding"],
            bias=s["bias"],
        ),
        "conv": cs.params_conv2d(s["cin"], s["cout"], kernel, bias=s["bias"]),
        # A multiply-add per weight per output unit: the parameter counts without the biases.
        "fc-macs": cs.params_fully_connected(n_in, n_out, bias=False),
        "lc-macs": cs.params_locally_connected2d(
            (s["cin"], s["h"], s["w"]),
            s["cout"],
            kernel,
            stride=s["stride"],
            padding=s["padding"],
            bias=False,
        ),
        "conv-macs": cs.params_conv2d(s["cin"], s["cout"], kernel, bias=False) * ho * wo,
    }


def settings(seed: int = 20260, count: int = 110) -> list[dict]:
    """Edge cases, then random settings that the library accepts (fixed seed)."""
    edge = [
        dict(h=32, w=32, cin=3, kh=5, kw=5, stride=1, padding=0, cout=2, bias=True),  # CS231n
        dict(h=5, w=5, cin=1, kh=3, kw=3, stride=1, padding=0, cout=1, bias=False),  # 5×5 ⊛ 3×3
        dict(h=5, w=5, cin=3, kh=3, kw=3, stride=2, padding=1, cout=2, bias=True),  # 3-ch demo
        dict(h=1, w=1, cin=1, kh=1, kw=1, stride=1, padding=0, cout=1, bias=True),  # smallest
        dict(h=4, w=6, cin=2, kh=4, kw=6, stride=1, padding=0, cout=3, bias=True),  # kernel = input
        dict(
            h=1, w=1, cin=1, kh=3, kw=3, stride=1, padding=1, cout=1, bias=True
        ),  # fits only padded
        dict(
            h=7, w=7, cin=1, kh=3, kw=3, stride=10, padding=0, cout=1, bias=True
        ),  # stride > input
        dict(h=8, w=9, cin=1, kh=2, kw=3, stride=3, padding=2, cout=4, bias=False),  # floor matters
        dict(h=1000, w=1000, cin=3, kh=10, kw=10, stride=1, padding=0, cout=1, bias=False),
        # Fully connected 1000×1000×3 -> 1000×1000×3: 9·10^12 weights.
        dict(h=1000, w=1000, cin=3, kh=1, kw=1, stride=1, padding=0, cout=3, bias=True),
        # Beyond 2^53: exact only with integer arithmetic (BigInt).
        dict(h=4096, w=4096, cin=64, kh=3, kw=3, stride=1, padding=1, cout=64, bias=True),
        dict(h=224, w=224, cin=3, kh=11, kw=11, stride=4, padding=2, cout=64, bias=True),  # AlexNet
        dict(h=3, w=100, cin=1, kh=3, kw=1, stride=2, padding=0, cout=5, bias=True),  # non-square
    ]
    rng = random.Random(seed)
    out = list(edge)
    while len(out) < count:
        s = dict(
            h=rng.choice([rng.randint(1, 16), rng.randint(1, 256), rng.randint(1, 5000)]),
            w=rng.choice([rng.randint(1, 16), rng.randint(1, 256), rng.randint(1, 5000)]),
            cin=rng.choice([1, 3, rng.randint(1, 1024)]),
            kh=rng.randint(1, 11),
            kw=rng.randint(1, 11),
            stride=rng.choice([1, 1, 2, rng.randint(1, 8)]),
            padding=rng.choice([0, 0, 1, rng.randint(0, 6)]),
            cout=rng.choice([1, rng.randint(1, 1024)]),
            bias=rng.random() < 0.7,
        )
        try:
            expected(s)
        except ValueError:
            continue  # the kernel does not fit: such settings are checked as bad settings below
        out.append(s)
    return out


SETTINGS = settings()

READ = """root => {
  const out = {error: null};
  const error = root.querySelector('.cs-calculator__error');
  if (!error.hidden) out.error = error.textContent;
  out.valuesHidden = root.querySelector('.cs-calculator__values').hidden;
  for (const node of root.querySelectorAll('.cs-calculator__values [data-value]')) {
    out[node.dataset.value] = node.textContent;
  }
  out.text = root.innerText;
  return out;
}"""


class Calculator:
    def __init__(self, page: object, root: object) -> None:
        self.page, self.root = page, root
        self.current: dict = {}

    def set(self, s: dict) -> None:
        """Type the settings into the form, field by field (input events, as a reader would)."""
        for key in FIELDS:
            if key in s and self.current.get(key) != s[key]:
                self.root.locator(f'input[data-field="{key}"]').fill(str(s[key]))
                self.current[key] = s[key]
        if "bias" in s and self.current.get("bias") != s["bias"]:
            self.root.locator('input[data-field="bias"]').set_checked(s["bias"])
            self.current["bias"] = s["bias"]

    def read(self) -> dict:
        return self.root.evaluate(READ)


def open_calculator(page: object, site_url: str, path: str) -> Calculator:
    page.goto(site_url + path)
    root = page.locator(".cs-calculator").first
    root.locator("form").wait_for()
    return Calculator(page, root)


# Each setting in turn, as `Calculator.set` enters it (field by field, an input event for each
# changed number, a change event for the bias box), read as `READ` does: all in one call, since
# the calculator updates its numbers synchronously on each event (typing itself is exercised
# by the tests below).
ENTER_AND_READ = f"""(root, settings) => settings.map(s => {{
  for (const [key, value] of Object.entries(s)) {{
    const input = root.querySelector(`input[data-field="${{key}}"]`);
    if (key === 'bias') {{
      if (input.checked === value) continue;
      input.checked = value;
      input.dispatchEvent(new Event('change', {{ bubbles: true }}));
    }} else if (input.value !== String(value)) {{
      input.value = String(value);
      input.dispatchEvent(new Event('input', {{ bubbles: true }}));
    }}
  }}
  return ({READ})(root);
}})"""


def test_calculator_shows_what_the_library_computes(page: object, site_url: str) -> None:
    calc = open_calculator(page, site_url, CALCULATOR_PAGES[0])
    assert len(SETTINGS) >= 100
    fields = [*FIELDS, "bias"]
    readings = calc.root.evaluate(ENTER_AND_READ, [{k: s[k] for k in fields} for s in SETTINGS])
    assert len(readings) == len(SETTINGS)
    for s, shown in zip(SETTINGS, readings, strict=True):
        assert shown["error"] is None, f"{s}: unexpected message {shown['error']!r}"
        want = expected(s)
        got = {key: _int(shown[key]) for key in want}
        assert got == want, f"settings {s}"
        assert "NaN" not in shown["text"]


@pytest.mark.parametrize("path", CALCULATOR_PAGES)
def test_calculator_is_on_the_page_and_typesets_the_formulas(
    page: object, site_url: str, path: str
) -> None:
    calc = open_calculator(page, site_url, path)
    s = dict(h=224, w=200, cin=3, kh=11, kw=7, stride=4, padding=2, cout=64, bias=True)
    calc.set(s)
    want = expected(s)
    # KaTeX (loaded by the calculator) typesets the substituted formulas; their MathML, what a
    # screen reader reads, carries the numbers (the TeX annotation is left out).
    math = calc.root.locator(".cs-calculator__math")
    last = f"{want['conv']:,}"
    mathml = """(node) => [...node.querySelectorAll('.cs-calculator__formula .katex-mathml')]
      .map(m => {
        const c = m.cloneNode(true);
        c.querySelectorAll('annotation').forEach(a => a.remove());
        return c.textContent;
      })"""
    page.wait_for_function(
        f"""([node, last]) => {{
          const rows = ({mathml})(node);
          return rows.length === 5 && rows[4].replace(/\\s/g, '').endsWith(last);
        }}""",
        arg=[math.element_handle(), last],
    )
    texts = math.evaluate(mathml)
    finals = [re.sub(r"\s", "", t).rsplit("=", 1)[1] for t in texts]
    assert [_int(f) for f in finals] == [
        want["ho"],
        want["wo"],
        want["fc"],
        want["lc"],
        want["conv"],
    ]


BAD = [
    # (change to a valid setting, what the message must mention, the library call that refuses it)
    ({"stride": "0"}, "stride", lambda: cs.output_size(32, 5, stride=0)),
    ({"stride": "-2"}, "stride", lambda: cs.output_size(32, 5, stride=-2)),
    ({"padding": "-1"}, "padding", lambda: cs.output_size(32, 5, padding=-1)),
    ({"h": "0"}, "height", lambda: cs.output_size(0, 5)),
    ({"kw": "0"}, "kernel width", lambda: cs.output_size(32, 0)),
    ({"cout": "0"}, "C_out", lambda: cs.params_conv2d(3, 0, 5)),
    ({"cin": "0"}, "C_in", lambda: cs.params_conv2d(0, 2, 5)),
    ({"h": "4", "kh": "5"}, "kernel does not fit", lambda: cs.output_size(4, 5)),
    (
        {"w": "3", "kw": "9", "padding": "2"},
        "kernel does not fit",
        lambda: cs.output_size(3, 9, padding=2),
    ),
    ({"h": "2.5"}, "whole number", lambda: cs.output_size(2.5, 5)),
    ({"kh": "1.5"}, "whole number", lambda: cs.output_size(32, 1.5)),
    ({"w": ""}, "whole number", None),  # empty field
    ({"cout": "abc"}, "whole number", None),  # a number input reports text it cannot parse as ""
]


@pytest.fixture(scope="module")
def calculator_page(browser: object, site_url: str) -> Iterator[tuple[Calculator, Watch]]:
    """The first calculator page, opened once for the tests that each start from settings they
    enter themselves (a page load is most of such a test's time); its watch is theirs to check."""
    context, page, watch = new_page(browser)
    yield open_calculator(page, site_url, CALCULATOR_PAGES[0]), watch
    context.close()


@pytest.mark.parametrize(("change", "mention", "library"), BAD, ids=[str(b[0]) for b in BAD])
def test_calculator_explains_impossible_settings(
    calculator_page: tuple[Calculator, Watch], change: dict, mention: str, library: object
) -> None:
    if library is not None:
        with pytest.raises((ValueError, TypeError)):
            library()
    calc, watch = calculator_page
    good = dict(h=32, w=32, cin=3, kh=5, kw=5, stride=1, padding=0, cout=2, bias=True)
    calc.current = {}  # whatever an earlier test left in the fields: every one is entered again
    calc.set(good)
    assert calc.read()["error"] is None, "the good settings show a message"
    for key, value in change.items():
        field = calc.root.locator(f'input[data-field="{key}"]')
        if value == "abc":
            # Chromium refuses to fill a number input with letters; type them as a reader would.
            field.fill("")
            field.press_sequentially("abc")
        else:
            field.fill(value)
    shown = calc.read()
    assert shown["error"] is not None, f"{change}: no message"
    assert mention.lower() in shown["error"].lower(), shown["error"]
    assert shown["valuesHidden"], "the numbers of the previous settings are still shown"
    assert calc.root.locator(".cs-calculator__error").is_visible()
    assert "NaN" not in shown["text"]
    assert "undefined" not in shown["text"]
    # Back to good settings: the message goes, the numbers come back.
    calc.current = {}
    calc.set(good)
    shown = calc.read()
    assert shown["error"] is None
    assert _int(shown["conv"]) == expected(good)["conv"]
    watch.assert_clean()


def test_calculator_inputs_are_labelled(page: object, site_url: str) -> None:
    calc = open_calculator(page, site_url, CALCULATOR_PAGES[0])
    for key in [*FIELDS, "bias"]:
        field = calc.root.locator(f'input[data-field="{key}"]')
        label = calc.root.locator(f'label[for="{field.get_attribute("id")}"]')
        assert label.count() == 1, key
        assert label.inner_text().strip(), key


# --------------------------------------------------------------------------------------------
# Stepper
# --------------------------------------------------------------------------------------------


def example_arrays(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    if name == "five_by_five":
        x, w = examples.five_by_five()
        return x, w, None
    return examples.three_channel_demo()


STEPS_READ = """root => ({
  current: [...root.querySelectorAll('.cs-grid--output td.is-current')].map(td => [
    Number(td.dataset.i), Number(td.dataset.j), td.textContent]),
  filled: [...root.querySelectorAll('.cs-grid--output td')].filter(td => td.textContent !== '')
    .length,
  y: root.querySelector('.cs-stepper__y').textContent,
  field: [...root.querySelectorAll('.cs-grid--input')].map(t =>
    [...t.querySelectorAll('tbody tr')].flatMap((tr, r) =>
      [...tr.querySelectorAll('td')]
        .map((td, c) => td.classList.contains('is-field') ? [r, c, td.textContent] : null)
        .filter(Boolean))),
  products: [...root.querySelectorAll('.cs-grid--products')].map(t =>
    [...t.querySelectorAll('tbody tr')].map(tr =>
      [...tr.querySelectorAll('td')].map(td => td.textContent))),
  sums: [...root.querySelectorAll('.cs-stepper__channel-sum')].map(n => n.textContent),
  slider: root.querySelector('input[type=range]').value,
})"""


# The headers of a grid's rows and columns, as the stepper says them in each language.
GRID_HEADERS = {
    "en": (lambda r: f"row {r}", lambda c: f"column {c}", lambda s: f"{s}, padding"),
    "zh": (lambda r: f"第 {r} 行", lambda c: f"第 {c} 列", lambda s: f"{s}（填充）"),
}
GRID_HEADERS_READ = """root => [...root.querySelectorAll('table.cs-grid')].map(t => [
  t.className.match(/cs-grid--(\\w+)/)[1],
  [...t.querySelectorAll('thead th[scope=col]')].map(th => th.textContent),
  [...t.querySelectorAll('tbody th[scope=row]')].map(th => th.textContent),
])"""


def _num(text: str) -> float:
    return float(text.strip().replace("\u2212", "-"))


def open_stepper(page: object, site_url: str, path: str, name: str) -> object:
    page.goto(site_url + path)
    root = page.locator(f'.cs-stepper[data-example="{name}"]')
    assert root.count() == 1, f"no stepper for {name} on {path}"
    page.wait_for_selector(f'.cs-stepper[data-example="{name}"][data-cs-ready="true"]')
    return root


# The Chinese edition shows the same numbers (its labels come from <html lang>).
@pytest.mark.parametrize(
    ("path", "name"),
    [*STEPPER_PAGES.items(), *((f"zh/{path}", name) for path, name in STEPPER_PAGES.items())],
)
def test_stepper_shows_what_conv2d_computes_at_every_position(
    page: object, site_url: str, path: str, name: str
) -> None:
    x, w, b = example_arrays(name)
    stride, padding = EXAMPLE_SETTINGS[name]["stride"], EXAMPLE_SETTINGS[name]["padding"]
    y = cs.conv2d(x, w, b, stride=stride, padding=padding)
    x_padded = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
    c_out, c_in, kh, kw = w.shape
    _, h_out, w_out = y.shape
    root = open_stepper(page, site_url, path, name)
    filters = root.locator('input[type="radio"]')
    assert filters.count() == (c_out if c_out > 1 else 0)
    checked = 0
    for o in range(c_out):
        if c_out > 1:
            filters.nth(o).check()
        root.locator('button[data-action="reset"]').click()
        for k in range(h_out * w_out):
            i, j = divmod(k, w_out)
            if k > 0:
                root.locator('button[data-action="next"]').click()
            shown = root.evaluate(STEPS_READ)
            where = f"{name}, filter {o}, position ({i}, {j})"
            assert shown["slider"] == str(k), where
            # The output cell being filled, its value, and every cell before it filled.
            assert len(shown["current"]) == 1, where
            ci, cj, text = shown["current"][0]
            assert (ci, cj) == (i, j), where
            assert _num(text) == y[o, i, j], where
            assert _num(shown["y"]) == y[o, i, j], where
            assert shown["filled"] == k + 1, where
            # The highlighted receptive field: the right cells with the padded input's values.
            r0, c0 = i * stride, j * stride
            for c in range(c_in):
                want = [
                    [r, col, x_padded[c, r, col]]
                    for r in range(r0, r0 + kh)
                    for col in range(c0, c0 + kw)
                ]
                got = [[r, col, _num(t)] for r, col, t in shown["field"][c]]
                assert got == want, f"{where}, channel {c}"
                products = x_padded[c, r0 : r0 + kh, c0 : c0 + kw] * w[o, c]
                got_products = np.array([[_num(t) for t in row] for row in shown["products"][c]])
                np.testing.assert_array_equal(got_products, products, err_msg=where)
                if c_in > 1:
                    assert _num(shown["sums"][c]) == products.sum(), where
            checked += 1
        assert root.locator('button[data-action="next"]').is_disabled()
    assert checked == y.size
    # What a screen reader says of a cell's place: the headers of every grid's rows and columns
    # are their indices, the padded input's in x's own indices, padding said to be padding.
    row, column, pad = GRID_HEADERS["zh" if path.startswith("zh/") else "en"]
    h, w_in = x.shape[1:]

    def names(count: int, word, p: int = 0) -> list[str]:
        said = [(k, word(str(k).replace("-", "\u2212"))) for k in range(-p, count + p)]
        return [s if 0 <= k < count else pad(s) for k, s in said]

    want = []  # in the order of the page: each channel's input, filter and products, the output
    for _ in range(c_in):
        want.append(["input", names(w_in, column, padding), names(h, row, padding)])
        want += [[kind, names(kw, column), names(kh, row)] for kind in ("filter", "products")]
    want.append(["output", names(w_out, column), names(h_out, row)])
    assert root.evaluate(GRID_HEADERS_READ) == want


def test_stepper_keyboard_slider_play_and_reset(page: object, site_url: str) -> None:
    path, name = next(iter(STEPPER_PAGES.items()))
    x, w, b = example_arrays(name)
    y = cs.conv2d(x, w, b, **EXAMPLE_SETTINGS[name])
    root = open_stepper(page, site_url, path, name)
    slider = root.locator('input[type="range"]')
    assert root.locator(f'label[for="{slider.get_attribute("id")}"]').count() == 1
    slider.focus()
    slider.press("ArrowRight")
    slider.press("ArrowRight")
    assert root.evaluate(STEPS_READ)["current"][0][:2] == [0, 2]
    slider.press("End")
    last = root.evaluate(STEPS_READ)
    assert last["current"][0][:2] == [y.shape[1] - 1, y.shape[2] - 1]
    assert _num(last["y"]) == y[0, -1, -1]
    # Buttons work from the keyboard too.
    root.locator('button[data-action="reset"]').focus()
    page.keyboard.press("Enter")
    assert root.evaluate(STEPS_READ)["slider"] == "0"
    # Play moves on by itself, and Pause stops it.
    play = root.locator('button[data-action="play"]')
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    page.wait_for_function(
        "root => root.querySelector('input[type=range]').value !== '0'", arg=root.element_handle()
    )
    play.click()
    assert play.get_attribute("aria-pressed") == "false"


# --------------------------------------------------------------------------------------------
# Both widgets: themes, instant navigation, no JavaScript
# --------------------------------------------------------------------------------------------


# Inputs and results of one calculator, read in one step (never half from another widget).
READ_STATE = """root => {
  const state = {data: {...root.dataset}};
  for (const i of root.querySelectorAll('input')) {
    state[i.dataset.field] = i.type === 'checkbox' ? i.checked : Number(i.value);
  }
  state.lc = root.querySelector('[data-value="lc"]').textContent;
  return state;
}"""
MARK_ARTICLE = "() => { for (const a of document.querySelectorAll('article')) a.csBefore = true; }"
SWAPPED = "() => document.querySelector('article') && !document.querySelector('article').csBefore"
# The calculator typeset formulas for an edit made after generation `before` (its last step).
TYPESET_AFTER = """([root, before]) => {
  const math = root.querySelector('.cs-calculator__math');
  return math.csGeneration > before && math.querySelector('.katex') !== null;
}"""


def test_widgets_survive_instant_navigation(page: object, site_url: str) -> None:
    """Material swaps pages without reloading scripts: the widgets must build on each swap, once,
    from that page's starting values, and never overwrite what the reader types.

    Material pushes the new address as soon as a link is clicked and swaps the content in when
    the page has arrived, so for a moment the address is new and the widgets are the previous
    page's: the test waits for the swap (the article it marked before the click is gone)."""
    page.goto(site_url)
    for path in [*CALCULATOR_PAGES, *STEPPER_PAGES, CALCULATOR_PAGES[0]]:
        link = page.locator(f'nav.md-nav--primary a[href$="{path}"]').first
        page.evaluate(MARK_ARTICLE)
        link.click()
        page.wait_for_url(re.compile(re.escape(path) + "$"))
        page.wait_for_function(SWAPPED)
        if path in CALCULATOR_PAGES:
            calc = page.locator(".cs-calculator")
            calc.locator("form").first.wait_for()
            assert calc.count() == 1
            assert calc.first.locator("form").count() == 1
            # It computed this page's starting values (its data-* attributes) right.
            start = calc.first.evaluate(READ_STATE)
            for key, value in start["data"].items():
                if key in FIELDS:
                    assert start[key] == int(value), (path, key)
            assert _int(start["lc"]) == expected(start)["lc"]
            # A reader's input stays: type a setting, let the widget finish its work (the
            # formulas typeset by KaTeX, its last step), and the form still holds it.
            typed = {**{k: start[k] for k in (*FIELDS, "bias")}, "cout": start["cout"] + 1}
            root = calc.first.element_handle()
            before = root.evaluate("r => r.querySelector('.cs-calculator__math').csGeneration")
            Calculator(page, calc.first).set({"cout": typed["cout"]})
            page.wait_for_function(TYPESET_AFTER, arg=[root, before])
            now = calc.first.evaluate(READ_STATE)
            assert now["cout"] == typed["cout"], f"{path}: the reader's input was overwritten"
            assert _int(now["lc"]) == expected(typed)["lc"]
        if path in STEPPER_PAGES:
            name = STEPPER_PAGES[path]
            page.wait_for_selector(f'.cs-stepper[data-example="{name}"][data-cs-ready="true"]')
            assert (
                page.locator(f'.cs-stepper[data-example="{name}"] .cs-stepper__controls').count()
                == 1
            )
    # It was instant navigation (no reload): the marker set on the first window survives.
    assert page.evaluate("typeof document$") == "object"


def test_without_javascript_the_static_figures_remain(browser: object, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    watch = Watch(page)
    for path, name in STEPPER_PAGES.items():
        page.goto(site_url + path)
        stepper = page.locator(f'.cs-stepper[data-example="{name}"]')
        assert stepper.count() == 1
        assert stepper.locator("button").count() == 0
        # The stepper says where to look instead, and the page's static figure is there.
        assert "JavaScript" in stepper.inner_text()
        assert page.locator(f'figure img[src$="{STATIC_FIGURES[name]}"]').is_visible()
    context.close()
    watch.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_widgets_render_in_both_themes(browser: object, site_url: str, scheme: str) -> None:
    """The widgets take their colours from the theme: text stays readable on its background."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    watch = Watch(page)
    path, name = next(iter(STEPPER_PAGES.items()))
    page.goto(site_url + path)
    page.wait_for_selector(f'.cs-stepper[data-example="{name}"][data-cs-ready="true"]')
    want = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == want
    contrast = page.evaluate(
        """() => {
          const parse = s => s.match(/[\\d.]+/g).map(Number);
          const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
          const ratio = (a, b) => { const [l1, l2] = [lum(a), lum(b)].sort((p, q) => q - p);
            return (l1 + 0.05) / (l2 + 0.05); };
          // A colour with alpha is drawn over the page background.
          const page = parse(getComputedStyle(document.body).backgroundColor);
          const over = (c, under) => c.length < 4 ? c.slice(0, 3)
            : c.slice(0, 3).map((v, k) => c[3] * v + (1 - c[3]) * under[k]);
          const bg = over(page, [255, 255, 255]);
          const cells = [...document.querySelectorAll(
            '.cs-grid td, .cs-calculator input, .cs-stepper button:not(:disabled)')];
          return cells.map(node => {
            const style = getComputedStyle(node);
            return ratio(over(parse(style.color), bg), over(parse(style.backgroundColor), bg));
          });
        }"""
    )
    assert contrast, "no widget cells found"
    assert min(contrast) >= 3.0, f"{scheme}: some widget text has contrast {min(contrast):.2f}"
    context.close()
    watch.assert_clean()


# --------------------------------------------------------------------------------------------
# Both editions: the widgets speak the page's language (<html lang>), with the same numbers
# --------------------------------------------------------------------------------------------

LABELS = {
    # language: (calculator hint, table header, bad stride message mentions, stepper buttons)
    "en": (
        "Change any setting",
        ["layer", "parameters", "multiply-adds"],
        "stride",
        ["Reset", "Previous", "Play", "Next"],
    ),
    "zh": (
        "改变任意一项设置",
        ["层", "参数", "乘加次数"],
        "步幅",
        ["重置", "上一步", "播放", "下一步"],
    ),
}


@pytest.mark.parametrize("language", LABELS)
def test_widgets_speak_the_page_language(page: object, site_url: str, language: str) -> None:
    hint, header, stride_word, buttons = LABELS[language]
    path = CALCULATOR_PAGES[0] if language == "en" else f"zh/{CALCULATOR_PAGES[0]}"
    calc = open_calculator(page, site_url, path)
    assert page.evaluate("document.documentElement.lang") == language
    assert calc.root.locator(".cs-widget__hint").inner_text().startswith(hint)
    assert calc.root.locator("thead th").all_inner_texts() == header
    for s in SETTINGS[:12]:
        calc.set(s)
        shown = calc.read()
        assert shown["error"] is None, f"{s}: unexpected message {shown['error']!r}"
        want = expected(s)
        assert {key: _int(shown[key]) for key in want} == want, f"settings {s} ({language})"
    calc.root.locator('input[data-field="stride"]').fill("0")
    message = calc.read()["error"]
    assert message is not None
    assert stride_word in message, message
    assert "undefined" not in message
    name = STEPPER_PAGES[CALCULATOR_PAGES[0]]
    stepper = open_stepper(page, site_url, path, name)
    shown = [b.strip() for b in stepper.locator("button .cs-stepper__label").all_inner_texts()]
    assert shown == buttons
    x, w, b = example_arrays(name)
    y = cs.conv2d(x, w, b, **EXAMPLE_SETTINGS[name])
    assert _num(stepper.evaluate(STEPS_READ)["y"]) == y[0, 0, 0]
