"""Chart images (PNG, SVG) made on the server with matplotlib's Agg backend."""

from io import BytesIO
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


def _draw(chart, width, height):
    # A Figure with its own canvas, never pyplot: pyplot keeps global state
    # that is not safe across Zope's worker threads.
    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_title(chart.title)
    if chart.shows_empty_text():
        axes.set_axis_off()
        axes.text(
            0.5,
            0.5,
            chart.empty_text,
            ha="center",
            va="center",
            fontsize="large",
            transform=axes.transAxes,
        )
        return figure

    positions = list(range(len(chart.labels)))
    names = list(chart.series)
    count = max(len(names), 1)
    bar = 0.8 if chart.stacked else 0.8 / count
    bottom = [0.0] * len(positions)
    for index, name in enumerate(names):
        values = [float(value or 0) for value in chart.series[name]]
        if chart.stacked:
            offsets = positions
        else:
            offsets = [p - 0.4 + bar * (index + 0.5) for p in positions]
        draw = axes.barh if chart.horizontal else axes.bar
        if chart.horizontal:
            draw(offsets, values, bar, left=bottom, label=name)
        else:
            draw(offsets, values, bar, bottom=bottom, label=name)
        if chart.stacked:
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]

    labels = [str(label) for label in chart.labels]
    if chart.horizontal:
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
    else:
        axes.set_xticks(positions, labels, rotation=45 if len(labels) > 6 else 0)
    if len(names) > 1:
        axes.legend(fontsize="small")
    if not positions:
        axes.text(0.5, 0.5, "-", ha="center", va="center", transform=axes.transAxes)
    return figure


def render_chart(chart, fmt="png", width=8, height=4.5):
    """Return the chart as image bytes in `fmt` ("png" or "svg")."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"invalid image format {fmt!r}, use png or svg")
    figure = _draw(chart, width, height)
    buffer = BytesIO()
    figure.savefig(buffer, format=fmt)
    return buffer.getvalue()
