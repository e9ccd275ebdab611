"""The search index after a rebuild: changed pages go to a second bundle, the records they replace are hidden."""
from __future__ import annotations

import pytest

from generator.search import Records, page_for, page_of, plan_update, url_of

FULL = {"/a/": "en_1.pf_fragment", "/b/": "en_2.pf_fragment", "/about/": "en_3.pf_fragment"}


def test_added_pages_go_to_the_second_bundle_and_unchanged_records_stay():
    before = Records(full=dict(FULL))
    # /a/ was written again with the same record (its list changed, not what is indexed).
    assert plan_update(before, {"/a/", "/new/"}, set(), {"/a/": FULL["/a/"], "/new/": "en_9"}) == \
        ({"/new/": "en_9"}, set())


def test_a_changed_or_removed_page_of_the_full_index_makes_its_record_there_stale():
    before = Records(full=dict(FULL))
    assert plan_update(before, {"/a/"}, set(), {"/a/": "en_7"}) == ({"/a/": "en_7"}, {"/a/"})  # another record
    assert plan_update(before, set(), {"/b/"}, {}) == ({}, {"/b/"})  # page gone
    assert plan_update(before, {"/b/"}, set(), {}) == ({}, {"/b/"})  # page now marked out of the index


def test_a_page_back_to_its_record_in_the_full_index_is_not_stale_any_more():
    before = Records(full=dict(FULL), delta={"/a/": "en_7"}, stale={"/a/": {}, "/b/": {}})
    assert plan_update(before, {"/a/"}, set(), {"/a/": FULL["/a/"]}) == ({}, {"/b/"})
    # Changed again: still stale, its record in the second bundle replaced.
    assert plan_update(before, {"/a/"}, set(), {"/a/": "en_8"}) == ({"/a/": "en_8"}, {"/a/", "/b/"})
    # Removed: still stale, gone from the second bundle.
    assert plan_update(before, set(), {"/a/"}, {}) == ({}, {"/a/", "/b/"})


def test_the_second_bundle_follows_its_own_pages():
    before = Records(full=dict(FULL), delta={"/n1/": "en_4", "/n2/": "en_5"})
    assert plan_update(before, {"/n1/"}, set(), {"/n1/": "en_6"}) == ({"/n1/": "en_6", "/n2/": "en_5"}, set())
    assert plan_update(before, set(), {"/n2/"}, {}) == ({"/n1/": "en_4"}, set())
    assert plan_update(before, {"/n3/"}, set(), {"/n3/": "en_7"}) == \
        ({"/n1/": "en_4", "/n2/": "en_5", "/n3/": "en_7"}, set())
    assert plan_update(before, {"/x/"}, set(), {}) == (before.delta, set())  # a page out of the index changed


def test_a_second_bundle_that_outgrows_its_share_is_folded_into_a_full_index():
    before = Records(full={f"/p{i}/": f"en_{i}" for i in range(2000)})
    added = {f"/new{i}/": f"en_n{i}" for i in range(100)}
    assert plan_update(before, set(added), set(), added) == (added, set())  # 5% of 2,000
    one_more = {**added, "/new100/": "en_x"}
    assert plan_update(before, set(one_more), set(), one_more) is None
    # Stale records count too: 99 added pages and 2 removed ones.
    fewer = dict(list(added.items())[:99])
    assert plan_update(before, set(fewer), {"/p1/", "/p2/"}, fewer) is None


def test_the_search_page_hides_stale_records_by_page_id():
    records = Records(full=dict(FULL), delta={"/a/": "en_7.pf_fragment"}, stale={"/a/": {"story": ["Storm"]}})
    assert records.hidden() == {"en_1": {"story": ["Storm"]}}
    assert Records(full=dict(FULL)).hidden() == {}


@pytest.mark.parametrize("doc, page, url", [
    ("index.md", "index.html", "/"),
    ("about.md", "about/index.html", "/about/"),
    ("briefings/index.md", "briefings/index.html", "/briefings/"),
    ("briefings/storm-1a2b3c.md", "briefings/storm-1a2b3c/index.html", "/briefings/storm-1a2b3c/"),
])
def test_docs_pages_urls(doc, page, url):
    assert page_of(doc) == page and url_of(page) == url and page_for(url) == page


def test_files_that_are_not_pages_have_no_page():
    assert page_of("assets/search.js") is None and page_of("feed.xml") is None


def test_records_from_a_damaged_state_are_none():
    assert Records.from_json(None) is None
    assert Records.from_json({"full": []}) is None
    assert Records.from_json({"full": {}, "delta": {}, "stale": {"/gone/": {}}}) is None  # not in the full index
    records = Records(full=dict(FULL), delta={"/a/": "en_7"}, stale={"/a/": {"year": ["2021"]}})
    assert Records.from_json(records.to_json()) == records
    # The state an earlier version wrote, without stale records.
    assert Records.from_json({"full": dict(FULL), "delta": {}}) == Records(full=dict(FULL))
