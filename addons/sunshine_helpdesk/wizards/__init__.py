from . import sunshine_ticket_escalate_wizard
from . import sunshine_ticket_reported_date_wizard
from . import sunshine_ticket_resolve_wizard
