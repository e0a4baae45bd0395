"""Editing: takes a Library and an issue, gives undoable, persisted commands (place, move, text, import, autofill, next issue) and the editor the window drives."""
