"""Notebooks stay pages when the i18n plugin rebuilds the file list (mkdocs-jupyter issue #198).

mkdocs-jupyter marks each ``.ipynb`` as a page by wrapping its File; mkdocs-static-i18n then
replaces every File with a plain copy, and a plain ``.ipynb`` File is a static file: the
notebook would be served as raw JSON, silently. MkDocs decides what is a page by the file's
extension (``mkdocs.utils.markdown_extensions``), so ``.ipynb`` is added to that list here;
mkdocs-jupyter still renders them (``include: ["*.ipynb"]``), each edition its own.
"""

from __future__ import annotations

from mkdocs import utils

NOTEBOOK = ".ipynb"


def on_startup(command: str, dirty: bool) -> None:
    if NOTEBOOK not in utils.markdown_extensions:
        utils.markdown_extensions = (*utils.markdown_extensions, NOTEBOOK)
