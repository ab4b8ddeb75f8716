"""``python -m convshare.figures OUTDIR [NAME ...]``: write every figure (or the named ones)."""

import sys
from pathlib import Path

from convshare.figures import registry, render, write_all


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m convshare.figures OUTDIR [NAME ...]", file=sys.stderr)
        return 2
    outdir, names = Path(argv[0]), argv[1:]
    if not names:
        for path in write_all(outdir):
            print(path)
        return 0
    figures = registry()
    for name in names:
        if name not in figures:
            print(f"no figure named {name!r}; known: {', '.join(figures)}", file=sys.stderr)
            return 2
        outdir.mkdir(parents=True, exist_ok=True)
        (outdir / name).write_bytes(render(name, figures[name]))
        print(outdir / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
