"""Bytes on disk, safely: only regular files are read, operating-system errors become one-line messages.

This package knows nothing of glossaries; every module of the tool that reads or writes a file goes
through it (issue 10 moves the atomic writer, the safe XML parser and the zip guard here too).
"""
