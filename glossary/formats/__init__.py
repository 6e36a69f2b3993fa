"""File formats for glossaries and result tables: one module per format, each a read/write pair."""
