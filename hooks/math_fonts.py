"""A page with formulas asks for the KaTeX fonts its formulas use with its first bytes.

An MkDocs hook (``hooks:`` in ``mkdocs.yml``). KaTeX's stylesheet names a font for each kind of
glyph (letters in italic, digits and operators upright, big operators, tall brackets, ...), and
the browser asks for a font only once it has laid the page out and found text that needs it.
Until the font is in, a formula is laid out in another font, of other sizes: on a phone the
first screen was drawn, then moved when the fonts came (Lighthouse's layout shift 0.11 on
zh/parameter-sharing/, 0.17 on notebooks/count-a-real-network/). Each page now names, in its
``<head>``, the fonts its formulas use (``<link rel="preload" as="font">``), found in the HTML
that KaTeX wrote at build time (``hooks/render_math.py``) by the classes that
``katex.min.css`` gives each font; a page without formulas asks for none. Fonts for the
formulas that the widgets typeset in the reader's browser come when they are needed.

``tests/test_page_weight.py`` opens every page and checks that the fonts asked for are exactly
those the page's text uses: none is downloaded for nothing, none comes late.
"""

from __future__ import annotations

import re

from mkdocs.utils import get_relative_url

FONTS = "javascripts/vendor/katex/fonts"  # KaTeX's fonts, vendored (woff2)
# Each font of KaTeX's, and what in KaTeX's HTML (or in the MathML beside it) makes the browser
# use it, as katex.min.css assigns the fonts.
USED_BY = {
    "KaTeX_Main-Regular": [r'class="katex"'],  # every formula
    "KaTeX_Math-Italic": [r'class="[^"]*\bmathnormal\b'],  # a letter
    "KaTeX_Main-Bold": [r'class="[^"]*\b(?:mathbf|textbf)\b', r'mathvariant="bold"'],
    "KaTeX_AMS-Regular": [r'class="[^"]*\b(?:amsrm|mathbb|textbb)\b'],
    "KaTeX_Size1-Regular": [
        r'class="[^"]*\bdelimsizing size1\b',
        r'class="[^"]*\bsmall-op\b',  # a sum or a product in running text
        r'class="[^"]*\bdelim-size1\b',
    ],
    "KaTeX_Size2-Regular": [
        r'class="[^"]*\bdelimsizing size2\b',
        r'class="[^"]*\blarge-op\b',  # a sum or a product in a displayed formula
    ],
    "KaTeX_Size3-Regular": [r'class="[^"]*\bdelimsizing size3\b'],
    "KaTeX_Size4-Regular": [r'class="[^"]*\bdelimsizing size4\b', r'class="[^"]*\bdelim-size4\b'],
}


def used_fonts(html: str) -> list[str]:
    """The KaTeX fonts the formulas in ``html`` use, by file name (``KaTeX_Main-Regular``).

    Examples
    --------
    >>> used_fonts('<p>no formula</p>')
    []
    >>> used_fonts('<span class="katex"><span class="mord mathnormal">x</span></span>')
    ['KaTeX_Main-Regular', 'KaTeX_Math-Italic']
    """
    return [font for font, marks in USED_BY.items() if any(re.search(m, html) for m in marks)]


def on_post_page(output: str, page, config) -> str:
    fonts = used_fonts(output)
    if not fonts:
        return output
    links = "".join(
        f'<link rel="preload" href="{get_relative_url(f"{FONTS}/{font}.woff2", page.url)}"'
        ' as="font" type="font/woff2" crossorigin>'
        for font in fonts
    )
    return output.replace("</head>", links + "</head>", 1)
