"""Term mining: from documents to a ranked bilingual candidate table (see pipeline.mine)."""

from .pipeline import mine

__all__ = ["mine"]
