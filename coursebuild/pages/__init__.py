"""The course's own pages written into a site: the landing page, the runtime report's page, the probes."""
