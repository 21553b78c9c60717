"""Plans of a fixed grid of 3,072 merchant profiles, as `plan --format json` writes them, hashed.

Prints one line per profile (the profile, then the SHA-256 of its plan) and a digest of all of them, so
a refactor can prove that it leaves every plan byte-identical: run it before and after, compare (`diff`
names the profiles whose plans changed). The package-layout move (issue #11) kept the digest at
728ba949c144e991a3e47673c9645212039a9a65ebac1227eed5848ef08c6bae.
Usage: python scripts/plan_corpus.py [> digests.txt]
"""

from __future__ import annotations

import hashlib
import itertools
import sys

from douyin_team.checking import check_team, result_team
from douyin_team.knowledge import load_knowledge
from douyin_team.planning import plan_team
from douyin_team.reports import render
from douyin_team.team import Profile

SALES = (5_000, 60_000, 99_999, 150_000, 600_000, 999_999, 1_200_000, 50_000_000)
FOCI = (None, "live", "store", "video")
RESOURCES = ((), ("supply_chain",), ("offline_stores", "ecommerce_team"), ("supply_chain", "ecommerce_team"))
BUDGETS = (None, 1, 4)
HOURS = (None, 8.0)
ADS = (None, False)


def main() -> int:
    kb = load_knowledge()
    total = hashlib.sha256()
    count = 0
    for sales, focus, resources, budget, hours, ads, lang in itertools.product(
            SALES, FOCI, RESOURCES, BUDGETS, HOURS, ADS, ("zh", "en")):
        profile = Profile(monthly_sales=sales, focus=focus, resources=sorted(resources), headcount_budget=budget,
                          live_hours=hours, ads=ads)
        team = plan_team(profile, kb, lang)
        text = render(result_team(team, check_team(team, kb), kb, lang), "json", kb, lang, "plan")
        digest = hashlib.sha256(text.encode()).hexdigest()
        total.update(digest.encode())
        count += 1
        print(sales, focus, "+".join(resources) or "-", budget, hours, ads, lang, digest)
    print(f"{count} plans, digest {total.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
