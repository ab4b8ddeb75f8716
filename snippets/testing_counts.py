"""Count what the tests of this site check, straight from the files of a clone."""

import re
import sys
from pathlib import Path

docs = Path("docs")
if not (docs / "figures").is_dir() or not Path("snippets").is_dir():  # outside a clone: say so
    sys.exit("this program needs a clone of the convshare repository: run it in the clone's root")
pages = [p for p in sorted(docs.rglob("*.md")) if "vendor" not in p.parts and ".zh." not in p.name]
text = "\n".join(p.read_text(encoding="utf-8") for p in pages)
figures = [p for p in (docs / "figures").glob("*") if p.suffix in {".svg", ".png", ".webp", ".gif"}]
counts = {
    "pages (Markdown)": len(pages),
    "notebooks, run by the build (a twin reuses its English run)": len(list(docs.rglob("*.ipynb"))),
    "`python` code blocks, each run": len(re.findall(r"^\s*```python", text, re.M)),
    "snippets (programs in `snippets/`)": len(list(Path("snippets").glob("*.py"))),
    "generated output blocks, each compared": len(re.findall(r"^\s*<!-- output: ", text, re.M)),
    "figures, each redrawn and compared": len(figures),
    "Chinese twins, each compared with its English page": len(list(docs.rglob("*.zh.*"))),
}
print("| what | how many |")
print("|---|---:|")
for what, n in counts.items():
    print(f"| {what} | {n} |")
