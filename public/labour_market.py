"""CBS's labour-market context for the public pages, kept in the content cache.

The context (labour_market.selectors) depends on nothing but a study's level and
sector and CBS's tables, which change only by an import; computing it costs a
programme, study or compare page a few queries and some milliseconds
(docs/PERFORMANCE.md). It is kept like the listing's facet counts: in the page
cache's generation, so that any import or edit renews it, and per language (a
reason is translated when the context is computed).
"""

from django.conf import settings
from django.utils.translation import get_language

from labour_market.selectors import LabourMarketContext, labour_market_contexts

from .caching import cached_until_content_changes


def page_labour_market_contexts(studies) -> dict[int, LabourMarketContext]:
    """{study id: context}, as `labour_market_contexts` computes it."""
    studies = list(studies)
    parts = (get_language(), sorted((s.pk, s.level, s.sector) for s in studies))
    return cached_until_content_changes(
        "labour-market-context",
        parts,
        lambda: labour_market_contexts(studies),
        settings.LABOUR_MARKET_CACHE_SECONDS,
    )


def page_labour_market_context(study) -> LabourMarketContext:
    return page_labour_market_contexts([study])[study.pk]
