"""Preflight: takes an issue and its composed pages, gives the findings that would stop or spoil the print (run.py runs them all)."""
