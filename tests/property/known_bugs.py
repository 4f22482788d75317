"""Body text that built-in cleaners once dropped: each a generated example, pinned.

The property tests that can meet these run them first (``@example``), so a
regression shows on the first example. A bug found and not yet fixed gets an
entry here with an ``xfail(strict=True)`` mark on the tests it breaks, removed
with the fix.
"""

from __future__ import annotations

from cleanse.testing import GeneratedDocument, Noise

# Fixed: dateline, rule place-dash: an acronym opening a sentence with a dash aside is taken for a
# place. The rest of a real dateline starts a sentence (a capital, a digit, a quote); here it
# goes on in lower case. The same rule looks past a first paragraph that had a dateline, so
# cleaning twice removes more (not idempotent).
NATO = "NATO — the alliance founded in 1949 — will meet in Seoul on Monday."
DATELINE_LOOKALIKE = GeneratedDocument(
    text=f"{NATO}\n\nThe ministry said on Monday that talks would resume next month.",
    body=(NATO, "The ministry said on Monday that talks would resume next month."),
)
DATELINE_TWICE = GeneratedDocument(
    text=f"SEOUL (Reuters) - Talks began on Monday, officials said.\n\n{NATO}",
    body=("Talks began on Monday, officials said.", NATO),
    noise=(Noise("dateline", "agency", ("SEOUL (Reuters) - ",)),),
    dateline="SEOUL (Reuters) - ",
)

# Fixed, kept as a pinned regression: footers (rule bio) once took a body sentence that
# names a person's newsroom role, with attribution, near the end of the story, for an author bio.
EDITOR = "Jane Roe is the newspaper's editor, the board said on Monday."
FOOTER_LOOKALIKE = GeneratedDocument(
    text=f"The ministry said on Monday that talks would resume next month.\n\n{EDITOR}",
    body=("The ministry said on Monday that talks would resume next month.", EDITOR),
)

# Fixed: dateline again: removing one dateline can bare another, so a second cleaning removes more.
REBARED = "A(A)-AAA – 0"

# Fixed: footers looked for rule lines only among the last five paragraphs, so a run of six rules
# lost five and kept one, which a second cleaning removed (not idempotent).
RULES = "0\n:::\n:::\n:::\n:::\n:::\n:::"

# Fixed: credits took a byline only among the first five and last three paragraphs, counted before its
# removals; removing the last byline brought another into the last three, for a second cleaning to remove.
EDGE_BYLINES = "0\n0\n0\n0\n0\nBY AA\n0\n0\nBY AA"

# Fixed: title looked only at the first paragraph; a byline above a repeated title kept it there until credits
# (later in the pipeline) removed the byline, so a second cleaning removed the title.
BYLINE_ABOVE_TITLE = "BY AA\r0BY BY\r0BY BY\r0"

# Fixed: a caption holding a lone surrogate (the Python API may be given one) went to meta, which the host then
# refused as not UTF-8: the captions cleaner failed on the document. Surrogates the text carries may go to meta.
SURROGATE_CAPTION = "0\n\ud800 Credit:0A"

# Fixed: footers looked at the last five paragraphs of the text, not the last five kept; removing a copyright line
# brought another into the last five, for a second cleaning to remove (not idempotent).
FOOTER_BEHIND = "0\n©\n0\n\x08\n\x08\n\x08\n©"

# Fixed: dateline removed a dateline whose paragraph's remains looked like a heading ("A"), so a second cleaning
# looked past them and found the dateline below (not idempotent). Now a dateline goes only where a second
# search would find none.
DATELINE_BELOW = "A(A)-A\nA(A)-"

# Fixed: footers placed its tail (the last half of the words) among all the paragraphs; once the last rule line
# was removed, the tail of what was kept reached the one before it, for a second cleaning to remove.
RULE_TAIL = "0\r::_\r::_"

# Fixed: feeds stopped at a rule line ending the text; footers, later, removed the rule, and a second cleaning
# removed the feed it had hidden (not idempotent; failed CI on a fresh clone). Feeds now look past rule lines
# and the other footers, and leave them to the footers cleaner.
FEED_ABOVE_RULE = "0\rOTHER NEWS\rA\r::\x08"
# The same with a copyright line, which ends as a sentence does: feeds look past every footer, and leave it.
FEED_ABOVE_COPYRIGHT = "Talks ended on Monday.\nOTHER NEWS\nHeadline one\n© 2024 Reuters. All rights reserved."
