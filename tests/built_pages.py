"""The pages of the site: those the sources make (``PAGES``, what the browser tests open) and
those found in a built site (so a new page, or a page in another language, is never missed:
the tests compare the two)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from tests.twins import url_path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EDITIONS = ("en", "zh")  # English under the site's root, Chinese under zh/


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


def page_paths() -> list[str]:
    """URL path of every page in both editions, from the sources (the sitemap is checked
    against this list): English under the root, Chinese under zh/ (in English where a page has
    no Chinese twin yet)."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    excluded = str(config.get("exclude_docs") or "").split()
    paths = []
    for source in sorted([*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb")]):
        relative = source.relative_to(DOCS).as_posix()
        if relative in excluded or ".ipynb_checkpoints" in relative or ".zh." in relative:
            continue
        paths += [url_path(relative, language) for language in EDITIONS]
    return paths


PAGES = page_paths()
