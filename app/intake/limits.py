"""Intake limits: the sizes past which a file is refused as hostile or not an article."""

from __future__ import annotations

# A story is 500–5,000 字 and a long feature perhaps 30,000; a paragraph runs to a few hundred.
# Far past these the file is not copy (a log, a dump, an attack) and the composer would crawl.
MAX_PARAGRAPH_CHARS = 20_000
MAX_ARTICLE_CHARS = 200_000

MAX_TEXT_BYTES = 10 * 1024 * 1024  # .txt / .md / .json on disk
MAX_DOCX_BYTES = 200 * 1024 * 1024  # a Word file with a reporter's photos in it

# Zip bombs: what a .docx may unpack to. Word XML deflates 5–20×, photos about 1×; Apache
# POI refuses an entry that inflates more than 100× (ZipSecureFile), and so do we past 1 MiB.
MAX_UNZIPPED_BYTES = 400 * 1024 * 1024
MAX_PART_BYTES = 200 * 1024 * 1024
MAX_INFLATE_RATIO = 100
RATIO_CHECK_FROM = 1024 * 1024
MAX_PARTS = 5_000

# Decompression bombs: a 61-megapixel camera frame fits; Pillow itself warns past 89 MP.
MAX_PIXELS = 80_000_000
MAX_PICTURE_BYTES = 100 * 1024 * 1024  # a picture file beside a Markdown article

# Text boxes in text boxes and tables in tables, counted together. Layout tables pasted from a
# web page nest a few deep, a sidebar box holds a table; past this it is not copy.
MAX_NESTING = 24
