from . import sunshine_ticket_escalate_wizard
