"""Proofreading (三审三校): rounds, marks, page sign-off, line diffs and annotated proof PDFs.

Import the submodules directly (app.proof.model, .workflow, .annotate, …): this package file
stays empty so app.store can use app.proof.model without pulling in PDF code or cycles.
"""
