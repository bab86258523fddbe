Add the podnět register: content type, workflow, intake pipeline, register view, REST API and the demo site.
