"""Proofreading (三审三校): takes a library issue and its composed pages, gives rounds, marks, page sign-off, line diffs and annotated proof PDFs."""
