"""Benchmark export of a very large photo: an 80-megapixel JPEG placed in a frame of the sample issue; prints wall time, peak memory, PDF size and the pixels embedded.

    python bench/export_images.py [--runs 3] [--photo FILE.jpg] [--width-mm 170]

The photo (8000 × 10000 unless --photo names one; made in a child process, as a forked
child's peak RSS starts from its parent's) goes into the library as it is and is placed in a
4:5 frame --width-mm wide, on a colour page (the full CMYK conversion, a CMYK JPEG in the PDF)
or on a black-only page (K only) of the sample issue. Each run is a whole process (open the
library, compose, export with the screen and the print preset); wall time and peak RSS come
from the parent (os.wait4), the export phase from the child. The same issue without the photo
is measured beside it, so the photo's own cost is the difference. Medians of the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ISSUE = 1809  # the sample issue


def make_photo(path: Path, w: int, h: int) -> None:
    """A photo-like picture: smooth colour fields plus fine grain, saved at JPEG quality 90."""
    from PIL import Image

    fields = Image.effect_noise((w // 64, h // 64), 90).convert("L")
    red = fields.resize((w, h), Image.Resampling.BICUBIC)
    grain = Image.effect_noise((w, h), 12).convert("L")
    green = Image.linear_gradient("L").resize((w, h))
    blue = Image.radial_gradient("L").resize((w, h))
    rgb = Image.merge("RGB", (Image.blend(red, grain, 0.3), green, Image.blend(blue, grain, 0.2)))
    rgb.save(path, "JPEG", quality=90)


def prepare(folder: Path, photo: Path, width_mm: float) -> dict[str, Path]:
    """The sample library as it is, and copies with the photo on a colour / black-only page."""
    from PIL import Image

    from app.model import Asset, Frame
    from app.services import create_sample_library

    out = {"plain": folder / "plain.banmian"}
    create_sample_library(out["plain"]).close()
    with Image.open(photo) as im:
        size = im.size
    for label, black in (("colour", False), ("black", True)):
        out[label] = folder / f"{label}.banmian"
        lib = create_sample_library(out[label])
        try:
            asset_id = lib.put_asset(Asset(photo.read_bytes(), "image/jpeg", *size))
            issue = lib.issue_by_number(ISSUE)
            # past the front page's masthead; over text, which costs nothing to export
            pages = lib.pages(issue.id)[1:]
            page = next(p for p in pages if issue.is_black_only(p.number) == black)
            w = width_mm / 25.4 * 72
            frame = Frame("image", 40, 60, w, w * 5 / 4, page.id, props={"asset": asset_id})
            lib.add_frame(frame)
        finally:
            lib.close()
    return out


def worker(db: str, preset: str, out: str) -> None:
    from app.export.issue import export_issue
    from app.services import compose_issue, load_issue, open_library

    with open_library(db) as lib:
        doc = load_issue(lib, ISSUE)
        pages = compose_issue(doc)
        t = time.perf_counter()
        export_issue(doc, pages, out, preset=preset, image_loader=lambda a: lib.asset(a).data)
        print("EXPORT " + json.dumps(time.perf_counter() - t), flush=True)


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS in MiB and the child's export seconds."""
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=err)
        out = proc.stdout.read() if proc.stdout else b""
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own peak, not the harness's
        wall = time.perf_counter() - t
        if os.waitstatus_to_exitcode(status):
            err.seek(0)
            raise SystemExit(f"failed: {' '.join(cmd)}\n{err.read().decode()[-2000:]}")
    export = next(
        float(line[7:]) for line in out.decode().splitlines() if line.startswith("EXPORT ")
    )
    return wall, usage.ru_maxrss / 1024, export


def embedded_pixels(pdf: Path) -> list[tuple[int, int]]:
    import pikepdf

    with pikepdf.open(pdf) as doc:
        seen = {}
        for page in doc.pages:
            for xobj in page.obj.Resources.get("/XObject", {}).values():
                if xobj.get("/Subtype") == "/Image":
                    seen[xobj.objgen] = (int(xobj.Width), int(xobj.Height))
        return sorted(seen.values(), reverse=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--photo", type=Path)
    ap.add_argument("--width-mm", type=float, default=170.0)
    ap.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--make-photo", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    if args.make_photo:
        make_photo(args.make_photo, 8000, 10000)
        return
    with tempfile.TemporaryDirectory(prefix="banmian-bench-images-") as tmp:
        folder = Path(tmp)
        photo = args.photo
        if photo is None:
            photo = folder / "photo.jpg"
            t = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--make-photo", str(photo)], check=True)
            print(
                f"made an 8000 × 10000 JPEG, {photo.stat().st_size / 1e6:.1f} MB ({time.perf_counter() - t:.0f} s)"
            )
        libraries = prepare(folder, photo, args.width_mm)
        w_pt = args.width_mm / 25.4 * 72
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        print(f"placed {args.width_mm:.0f} mm wide ({w_pt:.0f} × {w_pt * 5 / 4:.0f} pt)\n")
        print(
            f"{'library':8s} {'preset':7s} {'wall s':>7s} {'export s':>8s} {'peak MiB':>8s} {'PDF MB':>7s}  embedded pixels (ppi)"
        )
        for label, db in libraries.items():
            for preset in ("screen", "print"):
                out = folder / f"{label}-{preset}.pdf"
                cmd = [sys.executable, __file__, "--worker", str(db), preset, str(out)]
                runs = [measure(cmd, env) for _ in range(args.runs)]
                pixels = embedded_pixels(out)
                big = pixels[0] if pixels and label != "plain" else None
                ppi = f" ({big[0] / (w_pt / 72):.0f} ppi)" if big else ""
                print(
                    f"{label:8s} {preset:7s} {statistics.median(r[0] for r in runs):7.2f} "
                    f"{statistics.median(r[2] for r in runs):8.2f} {max(r[1] for r in runs):8.0f} "
                    f"{out.stat().st_size / 1e6:7.2f}  {pixels[:3]}{ppi}"
                )


if __name__ == "__main__":
    main()
