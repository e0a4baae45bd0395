"""Refresh the UI translations: takes widgets/*.py, gives assets/i18n/banmian_en.ts (kept translations) and its compiled .qm.

    python tools/update_translations.py

pyside6-lupdate collects the Chinese source strings (existing translations are kept; new ones
come in as unfinished for a translator to fill in Qt Linguist). PySide6's tr() looks strings up
under the class of the object at run time, so strings of a base class are copied to the
contexts of its subclasses (SUBCLASSES). pyside6-lrelease then compiles the .qm the app loads.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "assets" / "i18n" / "banmian_en.ts"
SUBCLASSES = {"MainWindow": ("EditorWindow",)}  # base class → classes whose tr() needs its strings


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def copy_base_contexts(path: Path) -> int:
    """Give each subclass context the base's messages (with their translations); returns how many."""
    tree = ET.parse(path)
    root = tree.getroot()
    contexts = {c.findtext("name"): c for c in root.iter("context")}
    added = 0
    for base, subclasses in SUBCLASSES.items():
        if base not in contexts:
            continue
        for sub in subclasses:
            target = contexts.get(sub)
            if target is None:
                target = ET.SubElement(root, "context")
                ET.SubElement(target, "name").text = sub
                contexts[sub] = target
            base_sources = {m.findtext("source") for m in contexts[base].iter("message")}
            for message in list(target.iter("message")):  # lupdate marked them vanished
                if message.findtext("source") in base_sources:
                    target.remove(message)
            for message in contexts[base].iter("message"):
                target.append(copy.deepcopy(message))
                added += 1
    ET.indent(tree, "    ")
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return added


def main() -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "widgets").glob("*.py"))
    # -no-obsolete: strings gone from the code leave; the subclass copies are made again below
    lupdate = [tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(TS)]
    subprocess.run(lupdate, cwd=ROOT, check=True)
    print(f"copied {copy_base_contexts(TS)} messages into subclass contexts")
    subprocess.run([tool("pyside6-lrelease"), str(TS)], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
