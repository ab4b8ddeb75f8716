"""The search index keeps lunr's English pipeline only; Chinese is segmented at build time.

mkdocs-static-i18n adds every built language that lunr knows to the search plugin's ``lang``
(``reconfigure_search``, which also drops the Chinese edition's English-fallback copies of
pages from the index, so we keep it on). lunr's ``zh`` support cuts words with jieba in the
browser (a Node package it requires): in a browser its tokenizer throws and search breaks.
Material's search plugin cuts Chinese text with the Python jieba when the site is built, with
U+200B between words (``separator`` in mkdocs.yml), so ``lang`` goes back to ``en`` alone.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

BROWSER_LANGUAGES = ["en"]


@event_priority(-150)  # after mkdocs-static-i18n's on_config (-100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    for name in ("search", "material/search"):
        if name in config.plugins:
            config.plugins[name].config.lang = list(BROWSER_LANGUAGES)
    return config
