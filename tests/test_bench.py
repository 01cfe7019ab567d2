"""The benchmark's honesty, without running it: the committed report comes only from a clean git tree
and names its commit, and the search step picks a different place every time."""

from __future__ import annotations

import json
import subprocess

import pytest

from bench import browser, report, run


def test_every_search_finds_its_own_place(model):
    from geo.answers.locality import place_heading
    from geo.answers.place_index import index_for
    from geo.data import gazetteer
    from ui.search_box import MAX_RESULTS

    index = index_for(model)
    places = []
    for query, heading in browser.SEARCHES:
        # The result the bench clicks (a button "heading · kind · context") and the heading it then waits for.
        hits = [p for p in gazetteer.search(index.search, query, MAX_RESULTS) if p.name_ko == heading]
        assert len(hits) == 1, (query, heading)
        assert place_heading(index, hits[0].lat, hits[0].lng, "ko") == heading
        places.append((hits[0].lat, hits[0].lng))
    # A place answer is memoised by its point: no pick may hit one an earlier pick computed.
    assert len(set(places)) == len(places) == len(browser.SEARCHES)
    assert len({q for q, _ in browser.SEARCHES}) == len(browser.SEARCHES)
    n = max(2, run.FULL.clicks // 2)  # run.browser_part's n
    assert len(browser.SEARCHES) >= n + 1  # the first pick (cold) and n more


def _git(repo, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True, capture_output=True
    )


def test_git_state_names_the_commit_and_every_change(tmp_path):
    _git(tmp_path, "init", "-q")
    (tmp_path / "a.py").write_text("x = 1\n")
    _git(tmp_path, "add", "a.py")
    _git(tmp_path, "commit", "-qm", "a")
    clean = report.git_state(tmp_path)
    assert len(clean["commit"]) == 40 and clean["changes"] == [] and report.git_clean(clean)
    assert report.git_text(clean) == f"commit `{clean['commit']}`, a clean tree"
    (tmp_path / "new.py").write_text("")  # untracked counts too
    (tmp_path / "a.py").write_text("x = 2\n")
    dirty = report.git_state(tmp_path)
    assert dirty["commit"] == clean["commit"] and not report.git_clean(dirty)
    assert sorted(dirty["changes"]) == [" M a.py", "?? new.py"]
    assert report.git_text(dirty).endswith("2 uncommitted changes")
    assert not report.git_clean(report.git_state(tmp_path / "nowhere"))  # no git: nothing to name
    assert not report.git_clean("8aa123e + uncommitted changes")  # results from before this rule


DIRTY = {"commit": "0" * 40, "changes": [" M layers/view.py"]}


@pytest.fixture
def out(tmp_path, monkeypatch):
    """bench/out and docs/ in a temp dir."""
    monkeypatch.setattr(run, "OUT", tmp_path / "out")
    monkeypatch.setattr(run, "DOCS", tmp_path / "docs")
    (tmp_path / "out").mkdir()
    (tmp_path / "docs").mkdir()
    return tmp_path


def test_a_full_run_refuses_a_dirty_tree_before_measuring(out, monkeypatch, capsys):
    monkeypatch.setattr(report, "git_state", lambda root: DIRTY)

    def measured(*args, **kwargs):
        raise AssertionError("measured a dirty tree")

    monkeypatch.setattr(run.server_side, "measure", measured)
    monkeypatch.setattr(run.asyncio, "run", measured)
    assert run.main([]) == 2
    err = capsys.readouterr().err
    assert "not measuring" in err and "1 uncommitted changes" in err and "M layers/view.py" in err
    assert "make bench-smoke" in err
    assert list((out / "docs").iterdir()) == []


def test_the_report_is_not_rewritten_from_a_dirty_run(out, capsys):
    (out / "out" / "results-full.json").write_text(json.dumps({"mode": "full", "git": DIRTY}), encoding="utf-8")
    assert run.main(["--report-only"]) == 2
    assert "not writing docs/benchmarks.md" in capsys.readouterr().err
    assert list((out / "docs").iterdir()) == []
