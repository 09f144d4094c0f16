def post_init_hook(env):
    """Name the sessions (course and day) again once the module's
    translations are loaded: the install loads them after the data and the
    demo, whose names were built before, in English."""
    Session = env["sunshine.training.session"].with_context(active_test=False)
    records = Session.search([])
    env.add_to_compute(records._fields["name"], records)
    records.flush_recordset(["name"])
