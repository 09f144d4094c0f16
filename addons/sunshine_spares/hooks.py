def post_init_hook(env):
    """Name the spare-part lists (their equipment) again once the module's
    translations are loaded: the install loads them after the data and the
    demo, whose names were built before, in English."""
    records = env["sunshine.spare.part.list"].with_context(active_test=False).search([])
    env.add_to_compute(records._fields["name"], records)
    records.flush_recordset(["name"])
