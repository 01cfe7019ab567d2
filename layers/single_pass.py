"""folium elements that render without compiling their own output again.

branca's MacroElement.render adds each rendered part (header, html, script) to the
figure as Element(text), and Element(text) compiles that text as a Jinja template, to
be rendered once more. The text is already final here, so the compile is pure cost:
about 20 ms per rerun for the app's map, which streamlit-folium renders twice, and
far more for scripts that carry data (a '{{' in the data would even be evaluated).
These classes add the text as it is; what they render is unchanged. (folium uses that
second pass only for style values that are elements, in GeoJson style maps; nothing
here does.)
"""

from __future__ import annotations

from functools import cache

import folium
from branca.element import Element, Figure, MacroElement, Template
from branca.utilities import _camelify
from folium.elements import ElementAddToElement
from jinja2.utils import htmlsafe_json_dumps


@cache
def _camel(name: str) -> str:
    return _camelify(name)


def parent_name(element: Element) -> str:
    """The name of the element `element` was added to (a script for it renders only once added)."""
    if element._parent is None:
        raise ValueError(f"{type(element).__name__} renders only inside the element it was added to")
    return element._parent.get_name()


class _Text(Element):
    """Text that renders as itself."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class PlainMacro(MacroElement):
    """A MacroElement whose rendered parts go into the figure as plain text."""

    def get_name(self) -> str:
        # Element.get_name, with the camel-casing of the class name remembered: templates
        # call it a few hundred times per map.
        return _camel(self._name) + "_" + self._id

    def render(self, **kwargs):
        figure = self.get_root()
        assert isinstance(figure, Figure), "You cannot render this Element if it is not in a Figure."
        module = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = module.get(part)
            if macro is not None:
                getattr(figure, part).add_child(_Text(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class MapScript(PlainMacro):
    """A piece of script for the map it is added to: `SCRIPT` is a JavaScript function
    expression, called with the Leaflet map and then `args()`, each as JSON."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.script }}{% endmacro %}")
    SCRIPT = "function (map) {}"

    def __init__(self) -> None:
        super().__init__()
        self._name = type(self).__name__

    def args(self) -> list[object]:
        return []

    def render(self, **kwargs):
        values = [parent_name(self), *(htmlsafe_json_dumps(a, ensure_ascii=False) for a in self.args())]
        self.script = f"({self.SCRIPT.strip()})({', '.join(values)});"
        super().render(**kwargs)


class _AddTo(ElementAddToElement, PlainMacro):
    pass


class _PlainLayer(PlainMacro):
    """folium.map.Layer.render, with the plain `x.addTo(parent)` statement (a mixin for
    folium layers only)."""

    show: bool  # folium.map.Layer's own flag: whether the layer is on the map at first

    def render(self, **kwargs):
        if self.show:
            self.add_child(
                _AddTo(element_name=self.get_name(), element_parent_name=parent_name(self)),
                name=self.get_name() + "_add",
            )
        PlainMacro.render(self, **kwargs)


class FeatureGroup(_PlainLayer, folium.FeatureGroup):
    pass


class TileLayer(_PlainLayer, folium.TileLayer):
    pass


class CustomPane(folium.map.CustomPane, PlainMacro):
    pass


class FitBounds(folium.map.FitBounds, PlainMacro):
    pass
