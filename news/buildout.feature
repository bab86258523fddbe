Build the same demo instance with buildout from the pinned versions (make test-buildout).
