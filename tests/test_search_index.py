"""The search index after a rebuild: added pages go to a second bundle, anything else indexes all."""
from __future__ import annotations

import pytest

from generator.search import Records, page_for, page_of, plan_update, url_of

FULL = {"/a/": "en_1", "/b/": "en_2", "/about/": "en_3"}


def test_added_pages_go_to_the_second_bundle_and_unchanged_records_stay():
    before = Records(full=dict(FULL))
    # /a/ was written again with the same record (its list changed, not what is indexed).
    assert plan_update(before, {"/a/", "/new/"}, set(), {"/a/": "en_1", "/new/": "en_9"}) == {"/new/": "en_9"}


def test_a_changed_or_removed_page_of_the_full_index_indexes_everything():
    before = Records(full=dict(FULL))
    assert plan_update(before, {"/a/"}, set(), {"/a/": "en_7"}) is None  # another record
    assert plan_update(before, set(), {"/b/"}, {}) is None  # page gone
    assert plan_update(before, {"/b/"}, set(), {}) is None  # page now marked out of the index


def test_the_second_bundle_follows_its_own_pages():
    before = Records(full=dict(FULL), delta={"/n1/": "en_4", "/n2/": "en_5"})
    assert plan_update(before, {"/n1/"}, set(), {"/n1/": "en_6"}) == {"/n1/": "en_6", "/n2/": "en_5"}
    assert plan_update(before, set(), {"/n2/"}, {}) == {"/n1/": "en_4"}
    assert plan_update(before, {"/n3/"}, set(), {"/n3/": "en_7"}) == {"/n1/": "en_4", "/n2/": "en_5",
                                                                        "/n3/": "en_7"}
    assert plan_update(before, {"/x/"}, set(), {}) == before.delta  # a page out of the index changed


def test_a_second_bundle_that_outgrows_its_share_is_folded_into_a_full_index():
    before = Records(full={f"/p{i}/": f"en_{i}" for i in range(2000)})
    added = {f"/new{i}/": f"en_n{i}" for i in range(100)}
    assert plan_update(before, set(added), set(), added) == added  # 5% of 2,000
    one_more = {**added, "/new100/": "en_x"}
    assert plan_update(before, set(one_more), set(), one_more) is None


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
    assert Records.from_json(Records(full=dict(FULL)).to_json()) == Records(full=dict(FULL))
