"""Keep the warranty reminders sent before 18.0.1.1.0 from being sent again.

A lot now remembers the end date it was reminded of; those reminded under
the former version were reminded of their current end date (the stamp was
cleared whenever it changed).
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE stock_lot
           SET warranty_reminded_end_date = warranty_end_date
         WHERE warranty_reminder_date IS NOT NULL
           AND warranty_reminded_end_date IS NULL
        """
    )
