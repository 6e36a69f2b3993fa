"""What the words around a name say it names: a person (said, CEO, an analyst at …), an organisation
(shares of, acquired, a ticker in brackets), a product (launched, released, a model or app after it),
a place (in, based in, held at, -based) or an event (was held, at the opening of). Each occurrence votes; the row's
category is settled from all the votes (suggestions.guess_category)."""

from __future__ import annotations

import re

from ..text import Sentence, Token

PERSON, ORGANIZATION, PRODUCT, PLACE, EVENT = "person", "organization", "product", "place", "event"

# (category, votes, pattern on the lower-cased text just before the name)
_BEFORE: tuple[tuple[str, int, re.Pattern[str]], ...] = tuple((category, votes, re.compile(pattern + r"\s*$")) for category, votes, pattern in (
    (PERSON, 2, r"\b(?:ceo|chief executive|founder|co-founder|chairman|chairwoman|president|analyst|director|"
                r"minister|professor|spokesman|spokeswoman|spokesperson|mr\.?|ms\.?|mrs\.?|dr\.?)"),
    (PERSON, 1, r"\b(?:said|says|according to|by)"),
    (PERSON, 2, r"\bby [\w.'-]+ [\w.'-]+(?: in [\w ]+)? and"),  # a byline's second name: By Wen Jiali and Peter Marsh
    (ORGANIZATION, 2, r"\b(?:shares of|stake in|acquired|acquire|analysts? at|analysts? with|owner of|"
                      r"subsidiary of|backed by|investors? in|rivals?|companies such as|(?:co-)?founder of|"
                      r"employees of|staff of|chief executive of|chief [a-z]+ officer of|c[etfo]o of|chairman of|"
                      r"chairwoman of)(?: the)?"),
    # a seller what is bought comes from (buys graphics chips from …)
    (ORGANIZATION, 2, r"\b(?:buys?|bought|buying|purchases?|purchased|orders?|ordered|sources?|sourced|licenses?|"
                      r"licensed)\b[^.,;:]{0,30}\bfrom"),
    (PRODUCT, 2, r"\b(?:launched|launch of|released|introduced|unveiled|rolled out|powered by|version of|"
                 r"running|its new|the new|app|model)(?: the| a| an| its)?"),
    (PRODUCT, 2, r"\b(?:assistant|app|platform|model|chip|phone|tool|service|system|browser|brand|language),"),
    (PLACE, 1, r"\b(?:in|based in|near|across|from)"),
    (PLACE, 2, r"\bheld (?:at|in)(?: the)?"),  # held at the Songshan Lake campus
    (EVENT, 1, r"\b(?:opening of|attended|visitors to)(?: the)?"),
))
# (category, votes, pattern on the lower-cased text just after the name)
_AFTER: tuple[tuple[str, int, re.Pattern[str]], ...] = tuple((category, votes, re.compile(r"^" + pattern)) for category, votes, pattern in (
    (PERSON, 2, r",\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}?(?:analyst|executive|founder|chairman|chairwoman|"
                r"president|director|head|spokesperson|spokesman|spokeswoman|professor|researcher|economist|"
                r"officer|manager|engineer|minister|ceo|cfo|cto)\b"),
    (PERSON, 1, r"\s+(?:said|says|told|wrote|added|noted|explained|argued|warned)\b"),
    (PERSON, 2, r"\s+of\s+(?:the\s+)?(?:[\w.'&-]+\s+){0,4}?(?:university|college|institute|school|academy|"
                r"hospital|laboratory)\b"),  # Maciej Boni of Penn State University
    (ORGANIZATION, 2, r"\s*\((?:nyse|nasdaq|hkex|sse|szse)?:?\s*[\w.]+\)|(?:'s|’s)?\s+(?:shares|stock)\b"),
    (ORGANIZATION, 1, r"\s+(?:declined to comment|acquired|reported|employs|sells|sold|ships|shipped|makes|"
                      r"manufactures|released|launched|unveiled|introduced|rolled out)\b"),
    (ORGANIZATION, 2, r",\s+(?:a|an|the|its)\s+(?:[\w-]+\s+){0,3}?(?:arm|unit|subsidiary|division|company|firm|"
                      r"giant|group|start-?up|bank|carrier|retailer|operator|supplier|manufacturer|chipmaker|"
                      r"automaker|carmaker|maker)\b"),  # apposition: Cainiao, the logistics arm of Alibaba
    (PRODUCT, 1, r"\s+(?:model|models|app|phone|phones|smartphone|tablet|chip|chips|platform|operating system|"
                 r"assistant|tool|service|sedan|suv|device|software|browser|handset|laptop|robot)\b"),
    (PRODUCT, 2, r",\s+(?:its|the|a|an|our)\s+(?:[\w-]+\s+){0,3}?(?:service|app|platform|model|tool|assistant|"
                 r"language|chip|phone|operating system|browser|brand)\b"),  # apposition: ArkTS, the programming language
    # opening something is what an organisation does (Huawei opened a research centre); an event opens
    (EVENT, 2, r"\s+(?:(?:was|is|will be) held|took place|kicked off|(?:opens|opened)(?!\s+(?:a|an|the|its|their|"
               r"his|her|new|up|\w+\s+(?:store|stores|office|offices|centre|center|plant|factory|lab)\b)))\b"),
    (PLACE, 2, r"-based\b"),
))


def name_cues(run: list[Token], sentence: Sentence, text: str) -> dict[str, int]:
    """Votes for a name's category from the words just around it in its sentence ('cue:person': 2 …)."""
    start, end = sentence.span
    before = text[max(start, run[0].start - 40):run[0].start].lower()
    after = text[run[-1].end:min(end, run[-1].end + 60)].lower()
    votes: dict[str, int] = {}
    for category, weight, pattern in _BEFORE:
        if pattern.search(before):
            votes[category] = votes.get(category, 0) + weight
    for category, weight, pattern in _AFTER:
        if pattern.match(after):
            votes[category] = votes.get(category, 0) + weight
    if any(t.shape == "digit" for t in run):
        votes[PRODUCT] = votes.get(PRODUCT, 0) + 2  # a version number: Pura 80 Ultra, HarmonyOS 6
    return {f"cue:{category}": weight for category, weight in votes.items()}
