"""The guided tour (data/story.toml, geo/answers/story.py): valid states, figures from the data."""

from __future__ import annotations

import copy
import re
import tomllib
from dataclasses import replace

import pytest

from geo.answers import story
from geo.data import stories as story_file
from geo.data.datafiles import DataError
from geo.domain import model as model_module
from geo.state import url_state

TOUR = "july-2025-proposals"


@pytest.fixture(scope="module")
def stories():
    return story_file.load_stories()


def test_the_tour_passes_every_check(model, stories):
    story.check_stories(model, stories)  # raises DataError on the first problem
    assert 6 <= len(stories[TOUR].steps) <= 9


def test_every_step_state_goes_through_the_url_codec_unchanged(model, stories):
    for s in stories.values():
        for step in s.steps:
            for lang in ("ko", "en"):
                state = story.step_state(step, model.known, lang)
                assert not state.notices, step.id
                again = url_state.parse(url_state.serialize(state), model.known)
                assert again == state and again.lang == lang
                for key, value in step.params.items():
                    assert (
                        url_state.serialize(state)[key]
                        == url_state.serialize(url_state.parse({key: value}, model.known))[key]
                    )


def test_step_texts_hold_no_figures_of_their_own(stories):
    for s in stories.values():
        for step in s.steps:
            for text in (*step.heading.values(), *step.body.values()):
                bare = re.sub(r"(?<![A-Za-z0-9])[A-Za-z]+[0-9]+", "", story.PLACEHOLDER.sub("", text))
                assert not re.search(r"[0-9{}]", bare), (step.id, text)


def test_every_shown_step_is_complete_in_both_languages(model, stories):
    for s in stories.values():
        for n in range(1, len(s.steps) + 1):
            for lang in ("ko", "en"):
                shown = story.show(model, s, n, lang)
                for text in (shown.heading, shown.body):
                    assert text and not re.search(r"\{|\}|\b(nan|None)\b", text), text
                assert shown.sources and all(src.text and src.as_of for src in shown.sources)
                assert (shown.number, shown.total) == (n, len(s.steps))


def _changed(model):
    """The model with every figure a placeholder can name moved to another value."""
    d = model.data
    projects = copy.deepcopy(d.projects)
    projects["meta"]["date"] = "1999-01-01"
    projects["project"].append({**projects["project"][0], "id": "extra"})
    for kind in ("cluster", "project", "proposal"):
        for rec in projects.get(kind, []):
            rec["status"] = "proposed" if rec.get("status") != "proposed" else "partly_adopted"
    for c in projects["cluster"]:
        c["members"] = [*c["members"], "99999"]
    order = ["operating", "under_construction", "planned", "proposed"]
    flip = dict(zip(order, reversed(order), strict=True))  # every status moves, so does each line's best
    sites = d.sites.assign(
        area_m2=d.sites["area_m2"] + 1,
        investment_krw=d.sites["investment_krw"] + 1e12,
        status=d.sites["status"].map(flip),
        cluster=d.sites["cluster"].where(d.sites.index % 2 == 0, "climate"),
    )
    stations = d.stations.assign(status=d.stations["status"].map(flip), opened="1999-01-01")
    lines = d.lines.assign(status=d.lines["status"].map(flip))
    cluster_table = model.cluster_table.assign(
        area_km2=model.cluster_table["area_km2"] + 111,
        share_within_5km=model.cluster_table["share_within_5km"] / 2 + 0.01,
        share_within_10km=model.cluster_table["share_within_10km"] / 2 + 0.01,
    )
    region_table = model.region_table.assign(
        area_km2=model.region_table["area_km2"] + 111,
        share_within_10km=model.region_table["share_within_10km"] / 2 + 0.01,
    )
    nearest = model.nearest.assign(distance_km=model.nearest["distance_km"] + 1)
    data = replace(d, projects=projects, sites=sites, stations=stations, lines=lines)
    return replace(
        model,
        data=data,
        cluster_table=cluster_table,
        region_table=region_table,
        nearest=nearest,
        # the typed lookups are built from the same tables, as geo.domain.model.build does
        regions_by_slug=model_module._regions(
            region_table, model.station_region, model.site_region, model.analysis_municipalities
        ),
        stations_by_id=model_module._stations(stations, model.station_region),
        clusters_by_id=model_module._clusters(projects["cluster"], cluster_table, model.clusters),
        sites_by_id=model_module._sites(sites, model.site_region),
    )


def test_every_figure_named_in_the_tour_comes_from_the_data(model, stories):
    changed = _changed(model)
    seen = 0
    for s in stories.values():
        for step in s.steps:
            for lang in ("ko", "en"):
                for text in (step.heading[lang], step.body[lang]):
                    for kind, key, field in story.placeholders(text):
                        if field == "name":
                            continue  # a name is not a figure
                        before, _ = story.figure(model, kind, key, field, lang)
                        after, _ = story.figure(changed, kind, key, field, lang)
                        assert before != after, f"{{{kind}.{key}.{field}}} did not follow the data"
                        seen += 1
    assert seen > 20
    # and the shown step changes with it
    assert story.show(model, stories[TOUR], 2, "en").body != story.show(changed, stories[TOUR], 2, "en").body


BASE_STEP = """
[[story]]
id = "t"
title_ko = "투어"
title_en = "Tour"

[[story.step]]
id = "one"
state = { region = "yongin" }
heading_ko = "용인"
heading_en = "Yongin"
body_ko = "면적 {region.yongin.area_km2}."
body_en = "Area {region.yongin.area_km2}."
sources = ["https://m-news.korea.com/newsView/2025070368661c63d6cf1"]
"""


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('body_en = "Area {region.yongin.area_km2}."', 'body_en = "Area 591 km²."', "body_en"),
        ('body_ko = "면적 {region.yongin.area_km2}."', 'body_ko = "면적 {region.yongin.population}."', "body_ko"),
        ('body_en = "Area {region.yongin.area_km2}."', 'body_en = "Area {site.nowhere.area_m2}."', "body_en"),
        ('state = { region = "yongin" }', 'state = { region = "atlantis" }', "state"),
        ('state = { region = "yongin" }', 'state = { lang = "en" }', "state"),
        ('state = { region = "yongin" }', 'state = { region = "yongin", date = "yesterday" }', "state"),
        ('"https://m-news.korea.com/newsView/2025070368661c63d6cf1"', '"https://example.com/made-up"', "sources"),
        ('heading_en = "Yongin"\n', "", "heading_en"),
    ],
)
def test_a_broken_step_is_one_clear_error(model, old, new, field):
    assert old in BASE_STEP
    raw = tomllib.loads(BASE_STEP.replace(old, new))
    story.check_stories(model, story_file.parse_stories(tomllib.loads(BASE_STEP)))  # the base is valid
    with pytest.raises(DataError) as err:
        story.check_stories(model, story_file.parse_stories(raw))
    assert err.value.field == field and err.value.file == "data/story.toml"
