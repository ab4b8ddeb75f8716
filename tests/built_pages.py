"""The pages of a built site, found in the site itself (so a new page, or a page in another
language, is checked without being listed anywhere)."""

from __future__ import annotations

from pathlib import Path


def built_pages(site_dir: Path) -> list[str]:
    """The address, relative to the site's root, of every HTML page in ``site_dir``.

    Every ``*.html`` but the theme's ``404.html`` and anything under ``assets/``; a folder's
    ``index.html`` is addressed by the folder (``""`` for the home page, ``"zh/filters/"``).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     site = Path(tmp)
    ...     for name in ["index.html", "404.html", "a/index.html", "assets/x.html"]:
    ...         (site / name).parent.mkdir(parents=True, exist_ok=True)
    ...         _ = (site / name).write_text("<html></html>")
    ...     built_pages(site)
    ['', 'a/']
    """
    pages = []
    for html in site_dir.rglob("*.html"):
        relative = html.relative_to(site_dir).as_posix()
        if relative == "404.html" or relative.startswith("assets/"):
            continue
        pages.append(relative.removesuffix("index.html"))
    return sorted(pages)
