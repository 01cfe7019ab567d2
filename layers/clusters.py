"""Cluster colouring of the region polygons, and the selection highlight.

Rather than drawing the member polygons a second time, this layer carries a few
lines of script that restyle the base map's region polygons by slug. It travels
through st_folium's feature_group_to_add, so toggling a cluster or selecting a
region never changes (and never remounts) the base map."""

from __future__ import annotations

import folium
from branca.element import Template
from folium.utilities import get_obj_in_upper_tree

from geo.core import palette
from geo.core.palette import REGION_BASE_STYLE
from layers import single_pass


class RegionStyler(single_pass.PlainMacro):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var map = {{ this.map_name }};
          var styles = {{ this.styles|tojson }}, base = {{ this.base|tojson }};
          function restyle() {
            var front = [];
            map.eachLayer(function (l) {
              var p = l.feature && l.feature.properties;
              if (!p || p.kind !== "region" || !l.setStyle) return;
              var s = styles[p.id];
              l.setStyle(Object.assign({}, base, s || {}));
              if (s && s.front) front.push(l);
            });
            front.forEach(function (l) { l.bringToFront(); });
          }
          // Linked region geometry may arrive after this runs: restyle then too (latest rerun only).
          if (map._ggmRestyle) map.off("ggmdata", map._ggmRestyle);
          map._ggmRestyle = restyle;
          map.on("ggmdata", restyle);
          restyle();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, styles: dict[str, dict]):
        super().__init__()
        self._name = "RegionStyler"
        self.styles = styles
        self.base = {**REGION_BASE_STYLE, "dashArray": None}  # a deselected cluster outline loses its dash

    def render(self, **kwargs):
        self.map_name = get_obj_in_upper_tree(self, folium.Map).get_name()
        super().render(**kwargs)


def region_styles(memberships: dict[str, list[str]], active: set[str], selected: str | None) -> dict[str, dict]:
    """slug -> style overrides: cluster fill for active clusters, outline for the selection."""
    styles: dict[str, dict] = {}
    for slug, clusters in memberships.items():
        shown = [c for c in clusters if c in active]
        if shown:
            colour = palette.CLUSTER[shown[0]]
            styles[slug] = {
                "fillColor": colour,
                "fillOpacity": 0.35,
                "color": colour,
                "weight": 1.5,
                "dashArray": palette.CLUSTER_DASH[shown[0]],
            }
    if selected:
        styles[selected] = {
            **styles.get(selected, {}),
            "color": palette.SELECTED,
            "weight": 4,
            "dashArray": None,
            "front": True,
        }
    return styles


def cluster_style_layer(
    memberships: dict[str, list[str]], active: set[str], selected: str | None
) -> folium.FeatureGroup:
    fg = single_pass.FeatureGroup(name="cluster-style", control=False)
    fg.add_child(RegionStyler(region_styles(memberships, active, selected)))
    return fg
