"""Keep the event-time indexes up to date after workflow transitions."""

EVENT_INDEXES = [
    "podnet_accepted",
    "podnet_rejected",
    "podnet_resolved",
    "podnet_closed",
]


def after_transition(podnet, event):
    podnet.reindexObject(idxs=EVENT_INDEXES)
