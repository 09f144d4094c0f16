from odoo import api, models
from odoo.tools import SQL


class SunshinePeriodPlanningMixin(models.AbstractModel):
    """Planning of records in calendar periods by a scheduled action, in
    batches, linear in the subjects.

    A model that plans one record per subject and period (the phone
    callbacks, the on-site inspections) gives the subjects of a batch as SQL
    and the INSERT that plans them, with a unique index on the subject and
    period; this walks the subjects by id, one statement per batch, reports
    the progress of the scheduled action and commits each batch outside the
    tests. The unique index skips what exists, also what a run stopped half
    way or another cron worker planned: a second run is a no-op.
    """

    _name = "sunshine.period.planning.mixin"
    _description = "Planning in Calendar Periods"

    @api.model
    def _sunshine_plan_in_batches(
        self, candidates, insert, batch_size, commit=False, after_insert=None, walk=None
    ):
        """Plan the subjects in batches of ``batch_size``; return how many
        records were inserted.

        - ``candidates(last_id)``: the SQL of the subjects with an id above
          ``last_id`` that still need their record, with a ``subject_id``
          column (the batch is ordered and limited on it);
        - ``insert``: the SQL of an ``INSERT ... SELECT ... FROM candidates
          ... ON CONFLICT ... DO NOTHING RETURNING id``;
        - ``after_insert``: optional SQL of a statement that reads
          ``inserted`` (the ids just planned), e.g. their lines; it runs in
          the same statement, so a record is never planned without them;
        - ``walk``: optional name of the subjects' table. Each batch then
          takes the next ``batch_size`` rows of it by id first (an index
          scan, whatever the planner guesses of the conditions, so the run
          stays linear), and ``candidates`` selects from the CTE ``walked``
          (those rows, every column), without joining the table again: a
          join back to the table is one the planner may make by reading the
          whole table for each batch.
        """
        last_id = 0
        created = 0
        while True:
            if walk:
                ctes = [
                    SQL(
                        "walked AS (SELECT * FROM %s WHERE id > %s"
                        " ORDER BY id LIMIT %s)",
                        SQL.identifier(walk),
                        last_id,
                        batch_size,
                    ),
                    SQL("candidates AS (%s)", candidates(last_id)),
                ]
                progress = SQL(
                    "(SELECT max(id) FROM walked), (SELECT count(*) FROM walked)"
                )
            else:
                ctes = [
                    SQL(
                        "candidates AS (%s ORDER BY subject_id LIMIT %s)",
                        candidates(last_id),
                        batch_size,
                    )
                ]
                progress = SQL(
                    "(SELECT max(subject_id) FROM candidates),"
                    " (SELECT count(*) FROM candidates)"
                )
            ctes.append(SQL("inserted AS (%s)", insert))
            if after_insert is not None:
                ctes.append(SQL("after_insert AS (%s)", after_insert))
            self.env.cr.execute(
                SQL(
                    "WITH %s SELECT %s, (SELECT count(*) FROM inserted)",
                    SQL(", ").join(ctes),
                    progress,
                )
            )
            last_id, seen, inserted = self.env.cr.fetchone()
            created += inserted
            if inserted:
                self.env["ir.cron"]._notify_progress(
                    done=created, remaining=int(seen == batch_size)
                )
                if commit:
                    # the scheduled action keeps each batch: a run stopped
                    # half way resumes from what it planned (the unique
                    # index skips it), instead of starting over
                    self.env.cr.commit()  # pylint: disable=invalid-commit
            if seen < batch_size:
                break
        if created:
            self.invalidate_model()
        return created
