# Rewrites references to documents outside the repository into references to docs/.
# GNU sed, extended syntax. Run from the checkout root over the files that need it, leaving
# out this file and scripts/check-self-contained (they name the patterns on purpose):
#
#   git grep -lz -E 'SPEC|DESIGN|EVENTS\.md|seeds' -- . ':!docs/REWRITE.sed' \
#       ':!scripts/check-self-contained' | xargs -0 sed -i -E -f docs/REWRITE.sed
#   scripts/check-self-contained
#
# The longer names push about twenty comment lines past 100 columns: run clang-format-14 -i on
# the C++ files the command changed (it reflows comments), and rewrap the others (README.md,
# *.cmake, *.sh, *.py) by hand.
#
# Section numbers carry over: docs/reference.md keeps the specification's §0..§11,
# docs/events.md its §1..§4 and named parts ("Order of issues", "Stream checks", "Numbers",
# "With a product feed", "Amounts", "Classification"), docs/design.md the conventions §1..§12.
# Order matters: whole file names first, then "SPEC §N" / "DESIGN §N", then bare words.

# SPEC.md, EVENTS.md, DESIGN.md (also "SPEC.md §4", "EVENTS.md §3", "DESIGN.md §6").
s#SPEC\.md#docs/reference.md#g
s#EVENTS\.md#docs/events.md#g
s#DESIGN\.md#docs/design.md#g

# "SPEC §11", "SPEC §10/§11", "(SPEC §0, §1, §3)"; "DESIGN §4".
s#\bSPEC §#docs/reference.md §#g
s#\bDESIGN §#docs/design.md §#g

# Test names: TEST_CASE("SPEC 11: ...") and TEST_CASE("SPEC-11: ...").
s#"SPEC[- ]([0-9]+):#"reference §\1:#g

# A bare word, e.g. "(SPEC" at the end of a wrapped line (README), "(DESIGN)".
s#\(SPEC$#(docs/reference.md#
s#\bSPEC$#docs/reference.md#
s#\(DESIGN\)#(docs/design.md)#g

# The product documents the specification was distilled from are not in the repository.
s#One of the faults the seeds list \(R-EVT-2\)#One of the known tracking faults (R-EVT-2)#
s#(^|[^/])\bseeds/#\1#g
